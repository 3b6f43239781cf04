import { type LibraryQuery, municipalityCategories, regionTypes } from '@banso/shared';

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
  return q;
}

export function searchFromQuery(q: LibraryQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
