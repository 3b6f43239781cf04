import {
  agingBands,
  insurerTypes,
  type LibraryCaseSummary,
  type LibraryList,
  type LibraryQuery,
  librarySorts,
  municipalityCategories,
  populationBands,
  regionTypes,
  todayInJapan,
} from '@banso/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Badge, EmptyState } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { Link } from '../../../components/ui/link';
import { QueryView } from '../../../components/ui/query-view';
import { formatDate, formatFiscalYear } from '@banso/shared';
import { navigate, useLocation } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useLibraryPages } from '../../../api/library/get-library';
import { queryFromSearch, searchFromQuery } from '../lib/query';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';
import '../library.css';

function Filters({
  query,
  facets,
  canSortSimilar,
}: {
  query: LibraryQuery;
  facets: LibraryList['facets'] | undefined;
  /** Only an account of a municipality has one to compare with. */
  canSortSimilar: boolean;
}) {
  const { t } = useTranslation(['library', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const id = useId();
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);
  const go = (next: LibraryQuery) => navigate(`/library${searchFromQuery(next)}`, { replace: true });
  const set = <K extends keyof LibraryQuery>(key: K, value: LibraryQuery[K] | '') => {
    const next = { ...query };
    if (value === '' || value === undefined) delete next[key];
    else next[key] = value;
    go(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set('q', text.trim());
  };
  return (
    <form className="card library-filters" role="search" aria-label={t('library.filters')} onSubmit={submit}>
      <Field id={`${id}-q`} label={t('library.q')} hint={t('library.qHint')} className="library-filters__q">
        <div className="library-filters__search">
          <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="btn btn--primary">
            {t('library.search')}
          </button>
        </div>
      </Field>
      <Field id={`${id}-theme`} label={t('library.theme')}>
        <select id={`${id}-theme`} value={query.theme ?? ''} onChange={(e) => set('theme', e.target.value)}>
          <option value="">{t('library.any')}</option>
          {(facets?.themes ?? (query.theme ? [query.theme] : [])).map((th) => (
            <option key={th} value={th}>
              {th}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-category`} label={t('library.category')}>
        <select
          id={`${id}-category`}
          value={query.category ?? ''}
          onChange={(e) => set('category', municipalityCategories.find((c) => c === e.target.value) ?? '')}
        >
          <option value="">{t('library.any')}</option>
          {municipalityCategories.map((c) => (
            <option key={c} value={c}>
              {L.category[c]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-region`} label={t('library.regionType')}>
        <select
          id={`${id}-region`}
          value={query.regionType ?? ''}
          onChange={(e) => set('regionType', regionTypes.find((r) => r === e.target.value) ?? '')}
        >
          <option value="">{t('library.any')}</option>
          {regionTypes.map((r) => (
            <option key={r} value={r}>
              {L.regionType[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-indicator`} label={t('library.indicator')}>
        <select id={`${id}-indicator`} value={query.indicator ?? ''} onChange={(e) => set('indicator', e.target.value)}>
          <option value="">{t('library.any')}</option>
          {(facets?.indicators ?? []).map((i) => (
            <option key={i.code} value={i.code}>
              {i.code} {i.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-year`} label={t('library.fiscalYear')}>
        <select
          id={`${id}-year`}
          value={query.fiscalYear ?? ''}
          onChange={(e) => set('fiscalYear', e.target.value ? Number(e.target.value) : '')}
        >
          <option value="">{t('library.any')}</option>
          {(facets?.fiscalYears ?? []).map((y) => (
            <option key={y} value={y}>
              {formatFiscalYear(y, locale)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-population`} label={t('library.populationBand')}>
        <select
          id={`${id}-population`}
          value={query.populationBand ?? ''}
          onChange={(e) => set('populationBand', populationBands.find((b) => b === e.target.value) ?? '')}
        >
          <option value="">{t('library.any')}</option>
          {populationBands.map((b) => (
            <option key={b} value={b}>
              {L.populationBand[b]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-aging`} label={t('library.agingBand')}>
        <select
          id={`${id}-aging`}
          value={query.agingBand ?? ''}
          onChange={(e) => set('agingBand', agingBands.find((b) => b === e.target.value) ?? '')}
        >
          <option value="">{t('library.any')}</option>
          {agingBands.map((b) => (
            <option key={b} value={b}>
              {L.agingBand[b]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-insurer`} label={t('library.insurerType')}>
        <select
          id={`${id}-insurer`}
          value={query.insurerType ?? ''}
          onChange={(e) => set('insurerType', insurerTypes.find((b) => b === e.target.value) ?? '')}
        >
          <option value="">{t('library.any')}</option>
          {insurerTypes.map((b) => (
            <option key={b} value={b}>
              {L.insurerType[b]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-sort`} label={t('library.sort')}>
        <select
          id={`${id}-sort`}
          value={query.sort ?? ''}
          onChange={(e) => set('sort', librarySorts.find((b) => b === e.target.value) ?? '')}
        >
          <option value="">{t('library.sortDefault')}</option>
          {librarySorts
            .filter((b) => canSortSimilar || b !== 'similar')
            .map((b) => (
              <option key={b} value={b}>
                {L.librarySort[b]}
              </option>
            ))}
        </select>
      </Field>
      {Object.keys(query).length > 0 ? (
        <div className="library-filters__clear">
          <button type="button" className="btn btn--ghost btn--small" onClick={() => go({})}>
            {t('library.clear')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

/** The text around the first match, the matched terms marked. */
function Snippet({ snippet, label }: { snippet: NonNullable<LibraryCaseSummary['snippet']>; label: string }) {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const h of snippet.highlights) {
    if (h.start > at) parts.push({ text: snippet.text.slice(at, h.start), mark: false });
    parts.push({ text: snippet.text.slice(h.start, h.start + h.length), mark: true });
    at = h.start + h.length;
  }
  if (at < snippet.text.length) parts.push({ text: snippet.text.slice(at), mark: false });
  return (
    <p className="library-case__snippet" aria-label={label}>
      …{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}…
    </p>
  );
}

function CaseCard({ item }: { item: LibraryCaseSummary }) {
  const { t } = useTranslation(['library', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const m = item.municipality;
  const titleId = useId();
  return (
    <li className="card library-case" aria-labelledby={titleId}>
      <div className="library-case__badges">
        <Badge tone="accent">{L.category[m.category]}</Badge>
        <Badge tone="neutral">{L.regionType[m.regionType]}</Badge>
        <Badge tone="info">{item.theme}</Badge>
        <span className="muted">{item.fiscalYearLabel}</span>
      </div>
      <h2 id={titleId} className="library-case__title">
        <Link href={`/library/${encodeURIComponent(item.reportId)}`}>{m.name}</Link>
        <span className="library-case__sub">{item.title}</span>
      </h2>
      <p className="library-case__desired">{item.desiredState}</p>
      {item.snippet ? <Snippet snippet={item.snippet} label={t('library.snippet')} /> : null}
      <p className="muted library-case__meta">
        {m.population !== null ? t('library.population', { n: m.population.toLocaleString('ja-JP') }) : ''}
        {m.agingRate !== null ? ` · ${t('library.aging', { n: m.agingRate })}` : ''} ·{' '}
        {t('library.published', { date: formatDate(todayInJapan(new Date(item.publishedAt)), locale) })}
        {item.versionNumber > 1 ? ` · ${t('library.version', { n: item.versionNumber })}` : ''}
      </p>
      <p className="library-case__actions">
        <strong>{t('library.actions', { count: item.actionCount })}:</strong> {item.actionTitles.slice(0, 3).join(' / ')}
        {item.actionTitles.length > 3 ? ' …' : ''}
      </p>
      <p className="library-case__indicators">
        {item.indicators.map((i) => (
          <span key={i.code} className="library-case__indicator" title={i.name}>
            {i.code}
          </span>
        ))}
        <span className="muted">
          {item.progress === null ? t('library.noProgress') : t('library.progress', { p: `${Math.round(item.progress * 100)}%` })}
        </span>
      </p>
    </li>
  );
}

/** /library: published cases of the program's municipalities, searched and filtered through the URL, page by page. */
export function LibraryPage({ canSortSimilar }: { canSortSimilar: boolean }) {
  const { t } = useTranslation(['library', 'common']);
  useDocumentTitle(t('library.title'), t('common:app.name'));
  const location = useLocation();
  const query = queryFromSearch(location.search);
  const library = useLibraryPages(query);
  return (
    <div className="page library-page">
      <div className="page__head">
        <div>
          <h1 className="page__title">{t('library.title')}</h1>
          <p className="page__lead">{t('library.lead')}</p>
        </div>
      </div>
      <Filters query={query} facets={library.data?.pages[0]?.facets} canSortSimilar={canSortSimilar} />
      <QueryView query={library}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return (
            <section aria-live="polite" aria-busy={library.isFetching}>
              <p className="library-count">
                {library.hasNextPage ? t('library.countMore', { count: items.length }) : t('library.count', { count: items.length })}
              </p>
              {items.length === 0 ? (
                <EmptyState>{t('library.empty')}</EmptyState>
              ) : (
                <ul className="library-cases">
                  {items.map((item) => (
                    <CaseCard key={item.reportId} item={item} />
                  ))}
                </ul>
              )}
              {library.hasNextPage ? (
                <button
                  type="button"
                  className="btn btn--secondary"
                  disabled={library.isFetchingNextPage}
                  onClick={() => void library.fetchNextPage()}
                >
                  {t('library.more')}
                </button>
              ) : null}
            </section>
          );
        }}
      </QueryView>
    </div>
  );
}
