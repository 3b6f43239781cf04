import { describe, expect, it } from 'vitest';
import { CreateSelfEvaluationBodySchema, UpdateSelfEvaluationBodySchema } from '../src/contracts/self-evaluations.js';
import { carePlanPeriod } from '../src/fiscal-year.js';
import { carePlanPeriodLabel, selfEvaluationMarkLegend, selfEvaluationSheetTitle } from '../src/labels/index.js';

describe('the 「取組と目標」 self-evaluation sheet', () => {
  it('places a fiscal year in its 介護保険事業計画 period (第9期 = 令和6〜8年度)', () => {
    expect(carePlanPeriod(2024)).toEqual({ term: 9, firstYear: 2024, lastYear: 2026 });
    expect(carePlanPeriod(2026)).toEqual({ term: 9, firstYear: 2024, lastYear: 2026 });
    expect(carePlanPeriod(2027)).toEqual({ term: 10, firstYear: 2027, lastYear: 2029 });
    expect(carePlanPeriod(2000)).toEqual({ term: 1, firstYear: 2000, lastYear: 2002 });
  });

  it('titles the sheet with the fiscal year in the 和暦, and names the plan period', () => {
    expect(selfEvaluationSheetTitle(2026, 'ja')).toBe('令和8年度 取組と目標 自己評価シート');
    expect(selfEvaluationSheetTitle(2026, 'en')).toMatch(/^FY2026 \(Reiwa 8\) /);
    expect(carePlanPeriodLabel(2026, 'ja')).toBe('第9期 介護保険事業計画（令和6年度〜令和8年度）');
    expect(carePlanPeriodLabel(2026, 'en')).toContain('FY2024 – FY2026');
    expect(selfEvaluationMarkLegend('ja')).toBe('評価: ◎ 達成\u3000○ 概ね達成\u3000△ 一部未達\u3000× 未達');
  });

  it('refuses an action named twice and a PATCH without fields', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(CreateSelfEvaluationBodySchema.safeParse({ fiscalYear: 2026, title: 'x', actionIds: [id, id] }).success).toBe(false);
    expect(CreateSelfEvaluationBodySchema.parse({ fiscalYear: 2026, title: ' x ' })).toMatchObject({
      title: 'x',
      mark: null,
      actionIds: [],
    });
    expect(UpdateSelfEvaluationBodySchema.safeParse({}).success).toBe(false);
  });
});
