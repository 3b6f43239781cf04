import type { MilestoneStatus } from '@banso/shared';
import { formatDate, formatMonth, monthLabel, yearLabel } from '@banso/shared';
import type { AnyRoadmapRow } from '../lib/rows';
import { isInFiscalYear, monthTicks, positionInYear, quarterTicks, spanExtent } from '../lib/time-scale';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

function MilestoneMarker({ status, left, label }: { status: MilestoneStatus; left: number; label: string }) {
  return (
    <span className={`milestone milestone--${status}`} style={{ left: pct(left) }} title={label}>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/**
 * The fiscal-year timeline: quarter and month headers, one row per action with its span bar and
 * milestone markers, and a line at today. Choosing a row opens its panel.
 */
export function Timeline({
  fiscalYear,
  rows,
  today,
  openActionId,
  onOpen,
  panelId,
}: {
  fiscalYear: number;
  rows: readonly AnyRoadmapRow[];
  today: string;
  openActionId: string | null;
  onOpen: (actionId: string | null) => void;
  panelId: string;
}) {
  const { t } = useTranslation(['roadmap', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const months = monthTicks(fiscalYear);
  const quarters = quarterTicks(fiscalYear);
  const todayVisible = isInFiscalYear(fiscalYear, today);
  const todayLeft = positionInYear(fiscalYear, today);

  return (
    <div className="timeline">
      <div className="timeline__header" aria-hidden="true">
        <div className="timeline__corner">{t('roadmap.action')}</div>
        <div className="timeline__scale">
          <div className="timeline__quarters">
            {quarters.map((q) => (
              <div key={q.quarter} className="timeline__quarter">
                {t('roadmap.quarter', { n: q.quarter })}
              </div>
            ))}
          </div>
          <div className="timeline__months">
            {months.map((m) => (
              <div key={m.month} className={`timeline__month${m.month.endsWith('-01') ? ' timeline__month--jan' : ''}`}>
                <span className="timeline__month-year">
                  {m.month.endsWith('-01') || m.month.endsWith('-04') ? yearLabel(Number(m.month.slice(0, 4)), locale) : '\u00a0'}
                </span>
                {monthLabel(m.month, locale)}
              </div>
            ))}
          </div>
          {todayVisible ? (
            <div className="timeline__today-label" style={{ left: pct(todayLeft) }}>
              {t('roadmap.today')}
            </div>
          ) : null}
        </div>
      </div>
      <ul className="timeline__rows">
        {rows.map((row) => {
          const item = row.roadmapItem;
          const extent = item ? spanExtent(fiscalYear, item.startMonth, item.endMonth) : null;
          const inYear = row.milestones.filter((m) => isInFiscalYear(fiscalYear, m.due));
          const open = openActionId === row.action.id;
          const spanText = item
            ? t('roadmap.spanLabel', { start: formatMonth(item.startMonth, locale), end: formatMonth(item.endMonth, locale) })
            : t('roadmap.noSpan');
          return (
            <li
              key={row.action.id}
              className={`timeline__row${open ? ' timeline__row--open' : ''}${row.action.dropped ? ' timeline__row--dropped' : ''}`}
            >
              <div className="timeline__label">
                <button
                  type="button"
                  className="timeline__row-button"
                  aria-expanded={open}
                  aria-controls={panelId}
                  onClick={() => onOpen(open ? null : row.action.id)}
                >
                  <span className="timeline__title">{row.node.title}</span>
                  <span className="timeline__sub">
                    {L.actionStatus[row.action.status]}
                    {row.action.ownerDepartment ? ` · ${row.action.ownerDepartment}` : ''}
                  </span>
                  <span className="visually-hidden">
                    {spanText}
                    {row.milestones
                      .map((m) =>
                        t('common:common.sentenceStart', {
                          text: `${formatDate(m.due, locale)} ${m.title}${t('common:common.paren', { text: L.milestoneStatus[m.status] })}`,
                        }),
                      )
                      .join('')}
                  </span>
                </button>
              </div>
              <div className="timeline__track" aria-hidden="true" onClick={() => onOpen(open ? null : row.action.id)}>
                {extent ? (
                  <span
                    className={`timeline__bar timeline__bar--${row.action.status}${extent.continuesBefore ? ' timeline__bar--from-before' : ''}${extent.continuesAfter ? ' timeline__bar--to-after' : ''}`}
                    style={{ left: pct(extent.start), width: pct(extent.end - extent.start) }}
                    title={spanText}
                  />
                ) : (
                  <span className="timeline__nospan">{item ? t('roadmap.outsideYear') : t('roadmap.noSpan')}</span>
                )}
                {inYear.map((m) => (
                  <MilestoneMarker
                    key={m.id}
                    status={m.status}
                    left={positionInYear(fiscalYear, m.due)}
                    label={`${formatDate(m.due, locale)} ${m.title}${t('common:common.paren', { text: L.milestoneStatus[m.status] })}`}
                  />
                ))}
                {todayVisible ? <span className="timeline__today" style={{ left: pct(todayLeft) }} /> : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function TimelineLegend() {
  const { t } = useTranslation(['roadmap', 'common']);
  const L = useLabels();
  return (
    <dl className="legend" aria-label={t('roadmap.legend')}>
      <div className="legend__item">
        <dt>
          <span className="legend__bar" aria-hidden="true" />
        </dt>
        <dd>{t('roadmap.legend.span')}</dd>
      </div>
      {(['planned', 'done', 'delayed', 'cancelled'] as const).map((s) => (
        <div key={s} className="legend__item">
          <dt>
            <span className={`milestone milestone--${s} milestone--static`} aria-hidden="true" />
          </dt>
          <dd>{L.milestoneStatus[s]}</dd>
        </div>
      ))}
      <div className="legend__item">
        <dt>
          <span className="legend__today" aria-hidden="true" />
        </dt>
        <dd>{t('roadmap.today')}</dd>
      </div>
    </dl>
  );
}
