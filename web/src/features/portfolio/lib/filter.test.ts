import { describe, expect, it } from 'vitest';
import { defaultPortfolioFilter, fiscalYearsOf, portfolioQueryOf, withFiscalYear } from './filter';

const programs = [
  { id: 'p24', fiscalYear: 2024 },
  { id: 'p25', fiscalYear: 2025 },
  { id: 'p26a', fiscalYear: 2026 },
  { id: 'p26b', fiscalYear: 2026 },
];

describe('portfolio filter', () => {
  it("starts on the current fiscal year's program, else the latest", () => {
    expect(defaultPortfolioFilter(programs, 2025)).toEqual({ fiscalYear: 2025, programId: 'p25' });
    expect(defaultPortfolioFilter(programs.slice(0, 2), 2027)).toEqual({ fiscalYear: 2025, programId: 'p25' });
    expect(defaultPortfolioFilter([], 2025)).toEqual({ fiscalYear: null, programId: null });
  });

  it('lists years newest first and picks the only program of a chosen year', () => {
    expect(fiscalYearsOf(programs)).toEqual([2026, 2025, 2024]);
    expect(withFiscalYear(programs, 2024)).toEqual({ fiscalYear: 2024, programId: 'p24' });
    expect(withFiscalYear(programs, 2026)).toEqual({ fiscalYear: 2026, programId: null });
    expect(withFiscalYear(programs, null)).toEqual({ fiscalYear: null, programId: null });
  });

  it('sends only what is chosen', () => {
    expect(portfolioQueryOf({ fiscalYear: 2025, programId: 'p25' })).toEqual({ fiscalYear: 2025, programId: 'p25' });
    expect(portfolioQueryOf({ fiscalYear: null, programId: null })).toEqual({});
  });
});
