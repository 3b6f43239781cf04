import type { EngagementSummary } from '@banso/shared';
import { Badge, EmptyState } from '../../../components/ui/feedback';
import { Link } from '../../../components/ui/link';
import { formatFiscalYear } from '../../../lib/dates';
import { paths } from '../../../lib/router';
import { groupByCategory } from '../lib/group';
import { EngagementStatusBadge } from './status-badge';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';

/** The engagement list grouped 区部・市部・町村部. */
export function EngagementList({ items }: { items: readonly EngagementSummary[] }) {
  const { t } = useTranslation('engagements');
  const L = useLabels();
  const { locale } = useLocale();
  if (items.length === 0) return <EmptyState>{t('engagements.empty')}</EmptyState>;
  return (
    <div className="engagement-groups">
      {groupByCategory(items).map((group) => (
        <section key={group.category} className="engagement-group" aria-labelledby={`group-${group.category}`}>
          <h2 id={`group-${group.category}`} className="engagement-group__title">
            {L.category[group.category]}
            <span className="engagement-group__count">{t('engagements.count', { count: group.items.length })}</span>
          </h2>
          <ul className="engagement-cards">
            {group.items.map((e) => (
              <li key={e.id} className="engagement-card">
                <div className="engagement-card__head">
                  <Link className="engagement-card__name" href={paths.engagement(e.id)}>
                    {e.municipality.name}
                  </Link>
                  <span className="engagement-card__year">{formatFiscalYear(e.fiscalYear, locale)}</span>
                </div>
                <p className="engagement-card__theme">
                  <span className="visually-hidden">{t('engagements.theme')}: </span>
                  {e.theme}
                </p>
                {e.desiredState ? <p className="engagement-card__desired">{e.desiredState}</p> : null}
                <div className="engagement-card__meta">
                  <EngagementStatusBadge status={e.status} />
                  {e.delayedMilestones > 0 ? (
                    <Badge tone="danger" title={t('engagements.delayedLabel', { count: e.delayedMilestones })}>
                      {t('engagements.delayed', { count: e.delayedMilestones })}
                    </Badge>
                  ) : (
                    <Badge tone="muted">{t('engagements.noDelay')}</Badge>
                  )}
                  <span className="engagement-card__role">
                    {t('engagements.myRole')}: {L.role[e.myRole]}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
