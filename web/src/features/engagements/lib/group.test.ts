import type { EngagementSummary, MunicipalityCategory } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { groupByCategory } from './group';

const e = (name: string, code: string, category: MunicipalityCategory, fiscalYear = 2025): EngagementSummary => ({
  id: `${code}-${fiscalYear}`,
  programId: 'p',
  fiscalYear,
  municipality: { id: code, code, name, category, regionType: 'urban', population: null, agingRate: null },
  theme: 't',
  desiredState: '',
  status: 'hearing',
  myRole: 'advisor',
  delayedMilestones: 0,
  previousEngagementId: null,
  version: 1,
  updatedAt: '2025-01-01T00:00:00Z',
});

describe('groupByCategory', () => {
  it('orders 区部・市部・町村部, by code within a group, and leaves out empty groups', () => {
    const groups = groupByCategory([
      e('やまなみ町', '990003', 'town_village'),
      e('b区', '990009', 'ward'),
      e('みどり区', '990001', 'ward'),
    ]);
    expect(groups.map((g) => [g.category, g.items.map((x) => x.municipality.name)])).toEqual([
      ['ward', ['みどり区', 'b区']],
      ['town_village', ['やまなみ町']],
    ]);
  });

  it('lists a newer fiscal year first for the same municipality', () => {
    const [group] = groupByCategory([e('みどり区', '990001', 'ward', 2025), e('みどり区', '990001', 'ward', 2026)]);
    expect(group?.items.map((x) => x.fiscalYear)).toEqual([2026, 2025]);
  });
});
