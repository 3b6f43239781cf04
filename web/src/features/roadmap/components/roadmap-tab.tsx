import type { Access, EngagementDetail } from '@banso/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { EmptyState } from '../../../components/ui/feedback';
import { QueryView } from '../../../components/ui/query-view';
import { formatFiscalYear } from '@banso/shared';
import { useRoadmap } from '../../../api/roadmap/get-roadmap';
import type { AnyRoadmapRow } from '../lib/rows';
import { initialYear, roadmapYears } from '../lib/time-scale';
import { AgreementPanel } from './agreement-panel';
import { NodePlans } from './node-plans';
import { RowPanel } from './row-panel';
import { Timeline, TimelineLegend } from './timeline';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';

function YearSwitcher({ years, year, onChange }: { years: number[]; year: number; onChange: (y: number) => void }) {
  const { t } = useTranslation(['roadmap', 'common']);
  const { locale } = useLocale();
  const index = years.indexOf(year);
  return (
    <div className="year-switcher" role="group" aria-label={t('roadmap.yearSwitcher')}>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        disabled={index <= 0}
        onClick={() => onChange(years[index - 1] ?? year)}
        aria-label={t('common:common.previousYear')}
      >
        ‹
      </button>
      {years.map((y) => (
        <button
          key={y}
          type="button"
          className={`year-switcher__year${y === year ? ' year-switcher__year--active' : ''}`}
          aria-pressed={y === year}
          onClick={() => onChange(y)}
        >
          {formatFiscalYear(y, locale)}
        </button>
      ))}
      <button
        type="button"
        className="btn btn--secondary btn--small"
        disabled={index < 0 || index >= years.length - 1}
        onClick={() => onChange(years[index + 1] ?? year)}
        aria-label={t('common:common.nextYear')}
      >
        ›
      </button>
    </div>
  );
}

function RoadmapView({
  engagementId,
  rows,
  today,
  access,
}: {
  engagementId: string;
  rows: readonly AnyRoadmapRow[];
  today: string;
  access: Access;
}) {
  const { t } = useTranslation(['roadmap', 'common']);
  const panelId = useId();
  const years = roadmapYears(
    rows.map((r) => ({ span: r.roadmapItem, dates: r.milestones.map((m) => m.due) })),
    today,
  );
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const year = chosenYear !== null && years.includes(chosenYear) ? chosenYear : initialYear(years, today);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = rows.find((r) => r.action.id === openId) ?? null;
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (openId) panelRef.current?.querySelector<HTMLElement>('section')?.focus({ preventScroll: false });
  }, [openId]);

  if (rows.length === 0) return <EmptyState>{t('roadmap.empty')}</EmptyState>;
  return (
    <>
      <div className="roadmap-toolbar">
        <YearSwitcher years={years} year={year} onChange={setChosenYear} />
        <TimelineLegend />
      </div>
      <Timeline fiscalYear={year} rows={rows} today={today} openActionId={openId} onOpen={setOpenId} panelId={panelId} />
      <div ref={panelRef}>
        {open ? (
          <RowPanel engagementId={engagementId} row={open} access={access} today={today} id={panelId} onClose={() => setOpenId(null)} />
        ) : null}
      </div>
    </>
  );
}

export function RoadmapTab({ engagement, access }: { engagement: EngagementDetail; access: Access }) {
  const { t } = useTranslation(['roadmap', 'common']);
  const roadmap = useRoadmap(engagement.id);
  return (
    <div className="tab-content">
      <div className="section-head">
        <h2 className="section-title">{t('roadmap.title')}</h2>
        <p className="muted">{t('roadmap.lead')}</p>
      </div>
      <AgreementPanel engagement={engagement} access={access} />
      <QueryView query={roadmap}>
        {(data) => (
          <>
            <NodePlans engagementId={engagement.id} nodePlans={data.nodePlans} access={access} today={data.today} />
            <RoadmapView engagementId={engagement.id} rows={data.items} today={data.today} access={access} />
          </>
        )}
      </QueryView>
    </div>
  );
}
