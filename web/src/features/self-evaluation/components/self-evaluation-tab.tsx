import {
  type Access,
  type Action,
  can,
  carePlanPeriodLabel,
  type EngagementDetail,
  formatDateTime,
  formatFiscalYear,
  type SelfEvaluationItem,
  selfEvaluationMarkLegend,
  selfEvaluationMarkSymbols,
} from '@banso/shared';
import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions } from '../../../api/actions/get-actions';
import { useIndicators } from '../../../api/indicators/get-indicators';
import {
  selfEvaluationWorkbookUrl,
  useDeleteSelfEvaluation,
  useReorderSelfEvaluations,
  useSelfEvaluations,
} from '../../../api/self-evaluations/self-evaluations';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { EmptyState, Notice } from '../../../components/ui/feedback';
import { QueryView } from '../../../components/ui/query-view';
import { useLabels, useLocale } from '../../../i18n';
import { SelfEvaluationForm } from './self-evaluation-form';

const COLUMNS = 9;

function SheetTable({
  engagementId,
  fiscalYear,
  items,
  actions,
  canWrite,
}: {
  engagementId: string;
  fiscalYear: number;
  items: SelfEvaluationItem[];
  actions: readonly Action[];
  canWrite: boolean;
}) {
  const { t } = useTranslation(['evaluation', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const indicators = useIndicators(canWrite);
  const remove = useDeleteSelfEvaluation(engagementId);
  const reorder = useReorderSelfEvaluations(engagementId);
  // 'new' while the add form is open, an item id while that item is edited
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SelfEvaluationItem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const titleOf = new Map(actions.map((a) => [a.id, a.node.title]));
  const num = (n: number | null, unit: string) => (n === null ? '—' : `${n.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB')}${unit}`);
  const move = (index: number, by: -1 | 1) => {
    const ids = items.map((i) => i.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    setNotice(null);
    reorder.mutate({ fiscalYear, itemIds: ids });
  };
  const form = (item: SelfEvaluationItem | null) => (
    <SelfEvaluationForm
      key={item?.id ?? 'new'}
      engagementId={engagementId}
      fiscalYear={fiscalYear}
      item={item}
      actions={actions}
      indicators={indicators.data ?? []}
      onSaved={(saved) => {
        setEditing(null);
        setNotice(t('evaluation.saved', { title: saved.title }));
      }}
      onCancel={() => setEditing(null)}
    />
  );

  return (
    <>
      {notice ? <Notice tone="success" title={notice} /> : null}
      {reorder.error ? <ErrorMessage error={reorder.error} /> : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {items.length === 0 ? (
        <EmptyState>{t('evaluation.empty')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact self-eval-table">
            <caption className="visually-hidden">{`${formatFiscalYear(fiscalYear, locale)} ${t('evaluation.title')}`}</caption>
            <thead>
              <tr>
                <th scope="col">{t('evaluation.col.no')}</th>
                <th scope="col" className="self-eval-table__goal">
                  {t('evaluation.col.goal')}
                </th>
                <th scope="col" className="self-eval-table__indicator">
                  {t('evaluation.col.indicator')}
                </th>
                <th scope="col">{t('evaluation.col.target')}</th>
                <th scope="col">{t('evaluation.col.actual')}</th>
                <th scope="col">{t('evaluation.col.mark')}</th>
                <th scope="col" className="self-eval-table__comment">
                  {t('evaluation.col.comment')}
                </th>
                <th scope="col" className="self-eval-table__way">
                  {t('evaluation.col.direction')}
                </th>
                <th scope="col" className="self-eval-table__linked">
                  {t('evaluation.col.actions')}
                </th>
                {canWrite ? <th scope="col">{t('evaluation.col.operations')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => {
                const unit = item.unit || item.indicator?.unit || '';
                const linked = item.actionIds.flatMap((a) => (titleOf.has(a) ? [titleOf.get(a)!] : []));
                return (
                  <Fragment key={item.id}>
                    <tr>
                      <td className="cell-num">{index + 1}</td>
                      <th scope="row">
                        {item.theme ? <span className="cell-sub">{item.theme}</span> : null}
                        {item.title}
                      </th>
                      <td>{item.indicatorName || item.indicator?.name || '—'}</td>
                      <td className="cell-num">{num(item.targetValue, unit)}</td>
                      <td className="cell-num">{num(item.actualValue, unit)}</td>
                      <td className="self-eval-table__mark">
                        {item.mark ? (
                          <span title={L.selfEvaluationMark[item.mark]}>
                            <span aria-hidden="true">{selfEvaluationMarkSymbols[item.mark]}</span>
                            <span className="visually-hidden">{L.selfEvaluationMark[item.mark]}</span>
                          </span>
                        ) : (
                          <span className="muted">{t('evaluation.noMark')}</span>
                        )}
                      </td>
                      <td className="self-eval-table__text pre-wrap">{item.comment}</td>
                      <td className="self-eval-table__text">
                        {item.direction ? (
                          <strong className="self-eval-table__direction">{L.selfEvaluationDirection[item.direction]}</strong>
                        ) : null}
                        {item.directionText ? <span className="pre-wrap">{item.directionText}</span> : null}
                      </td>
                      <td>
                        {linked.length > 0 ? (
                          <ul className="self-eval-table__links">
                            {linked.map((title) => (
                              <li key={title}>{title}</li>
                            ))}
                          </ul>
                        ) : (
                          <span className="muted">{t('common:common.none')}</span>
                        )}
                      </td>
                      {canWrite ? (
                        <td>
                          <div className="self-eval-table__ops">
                            <button
                              type="button"
                              className="btn btn--secondary btn--small"
                              aria-expanded={editing === item.id}
                              aria-label={`${t('common:common.edit')}: ${item.title}`}
                              onClick={() => {
                                setNotice(null);
                                setEditing(editing === item.id ? null : item.id);
                              }}
                            >
                              {t('common:common.edit')}
                            </button>
                            <span className="self-eval-table__move">
                              <button
                                type="button"
                                className="btn btn--ghost btn--small"
                                aria-label={t('evaluation.moveUp', { title: item.title })}
                                disabled={index === 0 || reorder.isPending}
                                onClick={() => move(index, -1)}
                              >
                                <span aria-hidden="true">↑</span>
                              </button>
                              <button
                                type="button"
                                className="btn btn--ghost btn--small"
                                aria-label={t('evaluation.moveDown', { title: item.title })}
                                disabled={index === items.length - 1 || reorder.isPending}
                                onClick={() => move(index, 1)}
                              >
                                <span aria-hidden="true">↓</span>
                              </button>
                            </span>
                            <button
                              type="button"
                              className="btn btn--danger-text btn--small"
                              aria-label={`${t('evaluation.delete')}: ${item.title}`}
                              onClick={() => setDeleting(item)}
                            >
                              {t('evaluation.delete')}
                            </button>
                          </div>
                        </td>
                      ) : null}
                    </tr>
                    {editing === item.id ? (
                      <tr className="row--form">
                        <td colSpan={COLUMNS + 1}>{form(item)}</td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted self-eval__legend">{selfEvaluationMarkLegend(locale)}</p>
      {canWrite ? (
        editing === 'new' ? (
          <section className="card" aria-label={t('evaluation.addTitle')}>
            <h3 className="subsection-title">{t('evaluation.addTitle')}</h3>
            {form(null)}
          </section>
        ) : (
          <div>
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => {
                setNotice(null);
                setEditing('new');
              }}
            >
              {t('evaluation.add')}
            </button>
          </div>
        )
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t('evaluation.deleteTitle', { title: deleting?.title ?? '' })}
        body={t('evaluation.deleteBody')}
        confirmLabel={t('evaluation.delete')}
        cancelLabel={t('common:common.cancel')}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const item = deleting;
          setDeleting(null);
          if (!item) return;
          remove.mutate(
            { itemId: item.id, version: item.version },
            { onSuccess: () => setNotice(t('evaluation.deleted', { title: item.title })) },
          );
        }}
      />
    </>
  );
}

/** Who changed the sheet last, and when. */
function LastUpdate({ items }: { items: readonly SelfEvaluationItem[] }) {
  const { t } = useTranslation('evaluation');
  const { locale } = useLocale();
  const last = [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  if (!last?.updatedBy) return null;
  return <p className="muted">{t('evaluation.updatedBy', { date: formatDateTime(last.updatedAt, locale), name: last.updatedBy.name })}</p>;
}

/**
 * 自己評価シート: per fiscal year of the plan period, each 取組と目標 with indicator, target, actual,
 * the mark ◎○△× and its reasons, and 今後の方向性, linked to the engagement's actions; downloadable as
 * the printable Excel sheet reported to the prefecture.
 */
export function SelfEvaluationTab({ engagement, access }: { engagement: EngagementDetail; access: Access }) {
  const { t } = useTranslation(['evaluation', 'common']);
  const { locale } = useLocale();
  const id = useId();
  const [fiscalYear, setFiscalYear] = useState<number | null>(null);
  const sheet = useSelfEvaluations(engagement.id, fiscalYear);
  const actions = useActions(engagement.id);
  const canWrite = can(access, 'self_evaluation.write');
  return (
    <div className="tab-content">
      <div className="section-head">
        <h2 className="section-title">{t('evaluation.title')}</h2>
        <p className="muted">{t('evaluation.lead')}</p>
      </div>
      <QueryView query={sheet}>
        {(data) => {
          const years = Array.from(
            { length: data.planPeriod.lastYear - data.planPeriod.firstYear + 1 },
            (_, i) => data.planPeriod.firstYear + i,
          );
          if (!years.includes(data.fiscalYear)) years.push(data.fiscalYear);
          return (
            <>
              <div className="roadmap-toolbar self-eval__toolbar">
                <div className="inline-fields">
                  <label htmlFor={`${id}-year`} className="field__label">
                    {t('evaluation.fiscalYear')}
                  </label>
                  <select id={`${id}-year`} value={data.fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))}>
                    {years.map((y) => (
                      <option key={y} value={y}>
                        {formatFiscalYear(y, locale)}
                      </option>
                    ))}
                  </select>
                  <span className="muted">{carePlanPeriodLabel(data.fiscalYear, locale)}</span>
                </div>
                <a className="btn btn--secondary" href={selfEvaluationWorkbookUrl(engagement.id, data.fiscalYear, locale)} download>
                  {t('evaluation.download')}
                </a>
              </div>
              <LastUpdate items={data.items} />
              <SheetTable
                key={data.fiscalYear}
                engagementId={engagement.id}
                fiscalYear={data.fiscalYear}
                items={data.items}
                actions={actions.data ?? []}
                canWrite={canWrite}
              />
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
