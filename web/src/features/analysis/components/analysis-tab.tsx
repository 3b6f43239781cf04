import { type EngagementAnalysis, type EngagementDetail, type IndicatorLevel, indicatorLevels } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnalysis } from '../../../api/analysis/get-analysis';
import { EmptyState } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { QueryView } from '../../../components/ui/query-view';
import { useLabels } from '../../../i18n';
import { type LineLabels, themesOf } from '../lib/series';
import { GrantSection } from './grant-section';
import { IndicatorCard } from './indicator-card';

/** A label of an enum the contract carries as a plain string (category, region type). */
const labelOf = (labels: Record<string, string>, value: string) => labels[value] ?? value;

function AnalysisView({ data }: { data: EngagementAnalysis }) {
  const { t } = useTranslation('analysis');
  const L = useLabels();
  const ids = { theme: useId(), level: useId() };
  const [theme, setTheme] = useState('');
  const [level, setLevel] = useState<IndicatorLevel | ''>('');
  const [withNeighbours, setWithNeighbours] = useState(false);
  const themes = themesOf(data.indicators);
  const shown = data.indicators.filter((i) => (!theme || i.indicator.theme === theme) && (!level || i.indicator.level === level));
  const m = data.municipality;
  const category = labelOf(L.category, m.category);
  const regionType = labelOf(L.regionType, m.regionType);
  const similarN = data.indicators.flatMap((i) => i.series.similarMean).at(-1)?.n;
  const labels: LineLabels = {
    own: m.name,
    national: t('series.national'),
    prefecture: data.prefecture?.name ?? t('series.prefectureFallback'),
    similar: similarN ? t('series.similarN', { n: similarN }) : t('series.similar'),
  };
  return (
    <>
      <p className="muted" data-testid="analysis-similar">
        {t('tab.similar', { category, regionType, n: data.similar.length, municipality: m.name })}
      </p>
      <form className="analysis-filters" aria-label={t('filter.label')} onSubmit={(e) => e.preventDefault()}>
        <Field id={ids.theme} label={t('filter.theme')}>
          <select id={ids.theme} value={theme} onChange={(e) => setTheme(e.target.value)}>
            <option value="">{t('filter.all')}</option>
            {themes.map((th) => (
              <option key={th} value={th}>
                {th}
              </option>
            ))}
          </select>
        </Field>
        <Field id={ids.level} label={t('filter.level')}>
          <select id={ids.level} value={level} onChange={(e) => setLevel(e.target.value as IndicatorLevel | '')}>
            <option value="">{t('filter.all')}</option>
            {indicatorLevels.map((l) => (
              <option key={l} value={l}>
                {L.indicatorLevel[l]}
              </option>
            ))}
          </select>
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={withNeighbours} onChange={(e) => setWithNeighbours(e.target.checked)} /> {t('filter.neighbours')}
        </label>
        <span className="muted" role="status">
          {t('filter.count', { n: shown.length })}
        </span>
      </form>
      {data.indicators.length === 0 ? (
        <EmptyState>{t('tab.noData')}</EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState>{t('tab.empty')}</EmptyState>
      ) : (
        themes.map((th, i) => {
          const items = shown.filter((x) => x.indicator.theme === th);
          if (!items.length) return null;
          return (
            <section key={th} className="analysis-theme" aria-labelledby={`analysis-theme-${i}`}>
              <h3 id={`analysis-theme-${i}`} className="analysis-theme__title">
                {th}
              </h3>
              <ul className="analysis-grid">
                {items.map((item) => (
                  <IndicatorCard key={item.indicator.id} item={item} labels={labels} withNeighbours={withNeighbours} />
                ))}
              </ul>
            </section>
          );
        })
      )}
      <GrantSection grants={data.grants} />
    </>
  );
}

/** 地域分析: the engagement's municipality beside 全国, its prefecture, similar municipalities and neighbours. */
export function AnalysisTab({ engagement }: { engagement: EngagementDetail }) {
  const { t } = useTranslation('analysis');
  const analysis = useAnalysis(engagement.id);
  const prefecture = analysis.data?.prefecture?.name;
  return (
    <div className="tab-content analysis">
      <div className="section-head">
        <h2 className="section-title">{t('tab.title')}</h2>
        <p className="muted">
          {prefecture
            ? t('tab.lead', { municipality: engagement.municipality.name, prefecture })
            : t('tab.leadNoPrefecture', { municipality: engagement.municipality.name })}
        </p>
      </div>
      <QueryView query={analysis}>{(data) => <AnalysisView data={data} />}</QueryView>
    </div>
  );
}
