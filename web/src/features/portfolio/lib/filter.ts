import type { PortfolioQuery } from '@banso/shared';

interface ProgramChoice {
  id: string;
  fiscalYear: number;
}

/** The portfolio's filter: one fiscal year (or every year) and one program of it (or all of them). */
export interface PortfolioFilter {
  fiscalYear: number | null;
  programId: string | null;
}

/** This fiscal year's program when the office has one, else its latest; every program when it has none. */
export function defaultPortfolioFilter(programs: readonly ProgramChoice[], currentFiscalYear: number): PortfolioFilter {
  const chosen = programs.find((p) => p.fiscalYear === currentFiscalYear) ?? [...programs].sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
  return chosen ? { fiscalYear: chosen.fiscalYear, programId: chosen.id } : { fiscalYear: null, programId: null };
}

/** Fiscal years that have a program, newest first. */
export function fiscalYearsOf(programs: readonly ProgramChoice[]): number[] {
  return [...new Set(programs.map((p) => p.fiscalYear))].sort((a, b) => b - a);
}

/** Choosing a year: its program when it has exactly one, else all of that year's. */
export function withFiscalYear(programs: readonly ProgramChoice[], fiscalYear: number | null): PortfolioFilter {
  const ofYear = fiscalYear === null ? [] : programs.filter((p) => p.fiscalYear === fiscalYear);
  return { fiscalYear, programId: ofYear.length === 1 ? ofYear[0]!.id : null };
}

/** The API query of a filter. */
export function portfolioQueryOf(filter: PortfolioFilter): PortfolioQuery {
  return {
    ...(filter.programId ? { programId: filter.programId } : {}),
    ...(filter.fiscalYear !== null ? { fiscalYear: filter.fiscalYear } : {}),
  };
}
