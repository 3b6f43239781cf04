import { type EngagementSummary, type MunicipalityCategory, municipalityCategories } from '@banso/shared';

export interface EngagementGroup {
  category: MunicipalityCategory;
  items: EngagementSummary[];
}

/** 区部・市部・町村部 in that order, each sorted by municipality code; empty groups are kept out. */
export function groupByCategory(items: readonly EngagementSummary[]): EngagementGroup[] {
  return municipalityCategories
    .map((category) => ({
      category,
      items: items
        .filter((e) => e.municipality.category === category)
        .sort((a, b) => a.municipality.code.localeCompare(b.municipality.code) || b.fiscalYear - a.fiscalYear),
    }))
    .filter((g) => g.items.length > 0);
}
