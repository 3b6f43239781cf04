import { type Access, can } from '@banso/shared';
import { formatMonth } from '@banso/shared';
import { type AnyRoadmapRow, monthOf } from '../lib/rows';
import { Milestones } from './milestones';
import { PlanSection } from './plan-section';
import { SpanForm } from './span-form';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';

/** The opened roadmap row: span, milestones, verification plans with their measurements. */
export function RowPanel({
  engagementId,
  row,
  access,
  today,
  id,
  onClose,
}: {
  engagementId: string;
  row: AnyRoadmapRow;
  access: Access;
  today: string;
  id: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('roadmap');
  const { locale } = useLocale();
  const item = row.roadmapItem;
  return (
    <section id={id} className="row-panel card" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <header className="row-panel__head">
        <h3 id={`${id}-title`} className="row-panel__title">
          {row.node.title}
        </h3>
        <button type="button" className="btn btn--secondary btn--small" onClick={onClose}>
          {t('roadmap.panel.close')}
        </button>
      </header>
      <div className="row-panel__grid">
        <section className="row-panel__section" aria-labelledby={`${id}-span`}>
          <h4 id={`${id}-span`} className="subsection-title">
            {t('roadmap.span.title')}
          </h4>
          <p>
            {item
              ? t('roadmap.spanRange', { start: formatMonth(item.startMonth, locale), end: formatMonth(item.endMonth, locale) })
              : t('roadmap.noSpan')}
          </p>
          {can(access, 'roadmap.write') ? (
            <SpanForm engagementId={engagementId} actionId={row.action.id} item={item} defaultMonth={monthOf(today)} today={today} />
          ) : null}
        </section>
        <section className="row-panel__section" aria-labelledby={`${id}-ms`}>
          <h4 id={`${id}-ms`} className="subsection-title">
            {t('roadmap.milestones.title')}
          </h4>
          <Milestones engagementId={engagementId} actionId={row.action.id} milestones={row.milestones} access={access} />
        </section>
      </div>
      <section className="row-panel__section" aria-labelledby={`${id}-plans`}>
        <h4 id={`${id}-plans`} className="subsection-title">
          {t('plan.title')}
        </h4>
        <PlanSection engagementId={engagementId} subject={{ actionId: row.action.id }} plans={row.plans} access={access} today={today} />
      </section>
    </section>
  );
}
