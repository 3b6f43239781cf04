import type { PortfolioItem } from '@banso/shared';
import { municipalityCategories } from '@banso/shared';
import { Badge, EmptyState } from '../../../components/ui/feedback';
import { Link } from '../../../components/ui/link';
import { formatDateTime, formatFiscalYear } from '@banso/shared';
import { paths } from '../../../lib/router';
import { progressBarWidth, progressPercent } from '../lib/progress';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';

function sortItems(items: readonly PortfolioItem[]): PortfolioItem[] {
  const order = (c: PortfolioItem['municipality']['category']) => municipalityCategories.indexOf(c);
  return [...items].sort(
    (a, b) =>
      b.fiscalYear - a.fiscalYear ||
      order(a.municipality.category) - order(b.municipality.category) ||
      a.municipality.code.localeCompare(b.municipality.code),
  );
}

export function PortfolioTable({ items }: { items: readonly PortfolioItem[] }) {
  const { t } = useTranslation('portfolio');
  const L = useLabels();
  const { locale } = useLocale();
  if (items.length === 0) return <EmptyState>{t('portfolio.empty')}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table portfolio-table">
        <caption className="visually-hidden">{t('portfolio.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('portfolio.col.municipality')}</th>
            <th scope="col">{t('portfolio.col.category')}</th>
            <th scope="col">{t('portfolio.col.theme')}</th>
            <th scope="col">{t('portfolio.col.status')}</th>
            <th scope="col">{t('portfolio.col.roadmap')}</th>
            <th scope="col" className="num">
              {t('portfolio.col.delayed')}
            </th>
            <th scope="col">{t('portfolio.col.progress')}</th>
            <th scope="col">{t('portfolio.col.activity')}</th>
          </tr>
        </thead>
        <tbody>
          {sortItems(items).map((item) => {
            const pct = progressPercent(item.latestProgress);
            return (
              <tr key={item.engagementId}>
                <th scope="row">
                  <Link href={paths.engagement(item.engagementId, 'roadmap')}>{item.municipality.name}</Link>
                  <span className="cell-sub">{formatFiscalYear(item.fiscalYear, locale)}</span>
                </th>
                <td>{L.category[item.municipality.category]}</td>
                <td>{item.theme}</td>
                <td>{L.engagementStatus[item.status]}</td>
                <td>
                  {item.roadmapAgreed ? (
                    <Badge tone="success">{t('portfolio.agreed')}</Badge>
                  ) : (
                    <Badge tone="muted">{t('portfolio.notAgreed')}</Badge>
                  )}
                </td>
                <td className="num">
                  {item.delayedMilestones > 0 ? <Badge tone="danger">{item.delayedMilestones}</Badge> : <span className="muted">0</span>}
                </td>
                <td>
                  {pct === null ? (
                    <span className="muted">{t('portfolio.noProgress')}</span>
                  ) : (
                    <div className="progress" title={t('portfolio.progressOf', { value: pct, count: item.measuredPlans })}>
                      <div
                        className="progress__bar"
                        role="meter"
                        aria-valuemin={0}
                        aria-valuemax={100}
                        aria-valuenow={Math.max(0, Math.min(100, pct))}
                        aria-label={t('portfolio.progressOf', { value: pct, count: item.measuredPlans })}
                      >
                        <span className="progress__fill" style={{ width: `${progressBarWidth(item.latestProgress)}%` }} />
                      </div>
                      <span className="progress__value">{pct}%</span>
                    </div>
                  )}
                </td>
                <td className="cell-date">{formatDateTime(item.lastActivityAt, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
