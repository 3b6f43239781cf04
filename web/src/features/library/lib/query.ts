import {
  agingBands,
  insurerTypes,
  type LibraryQuery,
  librarySorts,
  municipalityCategories,
  populationBands,
  regionTypes,
} from '@banso/shared';

/** The library's filters live in the URL (?theme=…&category=…), so a search can be bookmarked and shared. */
export function queryFromSearch(search: string): LibraryQuery {
  const p = new URLSearchParams(search);
  const q: LibraryQuery = {};
  const text = p.get('q')?.trim();
  if (text) q.q = text.slice(0, 100);
  const theme = p.get('theme')?.trim();
  if (theme) q.theme = theme;
  const category = p.get('category');
  const c = municipalityCategories.find((x) => x === category);
  if (c) q.category = c;
  const region = p.get('regionType');
  const r = regionTypes.find((x) => x === region);
  if (r) q.regionType = r;
  const indicator = p.get('indicator')?.trim();
  if (indicator) q.indicator = indicator;
  const fy = Number(p.get('fiscalYear'));
  if (Number.isInteger(fy) && fy >= 2000 && fy <= 2100) q.fiscalYear = fy;
  const population = populationBands.find((x) => x === p.get('populationBand'));
  if (population) q.populationBand = population;
  const aging = agingBands.find((x) => x === p.get('agingBand'));
  if (aging) q.agingBand = aging;
  const insurer = insurerTypes.find((x) => x === p.get('insurerType'));
  if (insurer) q.insurerType = insurer;
  const sort = librarySorts.find((x) => x === p.get('sort'));
  if (sort) q.sort = sort;
  return q;
}

export function searchFromQuery(q: LibraryQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
