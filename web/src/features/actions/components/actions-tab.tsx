import { useOpenCommentCounts } from '../../../api/comments/get-comment-counts';
import { CommentDisclosure } from '../../../components/comments/comment-threads';
import { SubjectComments } from './subject-comments';
import { type Access, type Action, type ActionStatus, can, canMoveAction, type EngagementDetail } from '@banso/shared';
import { Fragment, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, type BadgeTone, ConfirmNotice, EmptyState, Notice } from '../../../components/ui/feedback';
import { QueryView } from '../../../components/ui/query-view';
import { useActions } from '../../../api/actions/get-actions';
import { useUpdateAction } from '../../../api/actions/update-action';
import { EditActionForm } from './edit-action-form';
import { LogframeView } from './logframe-view';
import { SelectActionForm } from './select-action-form';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../i18n';

const statusTones: Record<ActionStatus, BadgeTone> = {
  selected: 'info',
  in_progress: 'accent',
  done: 'success',
  on_hold: 'warning',
  dropped: 'muted',
};
const priorityTones = { high: 'danger', medium: 'neutral', low: 'muted' } as const;

function ActionsTable({
  engagementId,
  actions,
  canWrite,
  access,
}: {
  engagementId: string;
  actions: Action[];
  canWrite: boolean;
  access: Access;
}) {
  const commentCounts = useOpenCommentCounts(engagementId, 'action');
  const { t } = useTranslation(['actions', 'common']);
  const L = useLabels();
  const update = useUpdateAction(engagementId);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<{ message: string; undo: { action: Action; to: ActionStatus } | null } | null>(null);
  // a change that cannot be reversed (完了, 見送り, or a step the workflow never walks back) waits for a confirmation
  const [confirming, setConfirming] = useState<{ action: Action; to: ActionStatus } | null>(null);
  const move = (action: Action, to: ActionStatus) => {
    setDone(null);
    setConfirming(null);
    const from = action.status;
    update.mutate(
      { actionId: action.id, version: action.version, body: { status: to } },
      {
        onSuccess: (r) =>
          setDone({
            message: t('actions.statusChanged', { status: L.actionStatus[r.status] }),
            undo: canMoveAction(r.status, from) ? { action: r, to: from } : null,
          }),
      },
    );
  };
  if (actions.length === 0) return <EmptyState>{t('actions.empty')}</EmptyState>;
  const columns = canWrite ? 8 : 7;
  return (
    <>
      {update.error ? <ErrorMessage error={update.error} /> : null}
      {done && !update.error ? (
        <Notice
          tone="success"
          action={
            done.undo ? (
              <button
                type="button"
                className="btn btn--secondary btn--small"
                disabled={update.isPending}
                onClick={() => done.undo && move(done.undo.action, done.undo.to)}
              >
                {t('common:common.undo')}
              </button>
            ) : undefined
          }
        >
          {done.message}
        </Notice>
      ) : null}
      {confirming ? (
        <ConfirmNotice
          title={t('actions.confirmFinal', { title: confirming.action.node.title, status: L.actionStatus[confirming.to] })}
          confirmLabel={t('actions.confirmFinalButton', { status: L.actionStatus[confirming.to] })}
          cancelLabel={t('common:common.cancel')}
          onConfirm={() => move(confirming.action, confirming.to)}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('actions.confirmFinalBody')}</p>
        </ConfirmNotice>
      ) : null}
      <div className="table-wrap">
        <table className="table actions-table">
          <caption className="visually-hidden">{t('actions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('actions.col.title')}</th>
              <th scope="col">{t('actions.col.owner')}</th>
              <th scope="col">{t('actions.col.partners')}</th>
              <th scope="col">{t('actions.col.priority')}</th>
              <th scope="col">{t('actions.col.status')}</th>
              <th scope="col">{t('actions.col.rationale')}</th>
              <th scope="col">{t('actions.col.roadmap')}</th>
              {canWrite ? (
                <th scope="col">
                  <span className="visually-hidden">{t('common:common.edit')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => {
              const ready = a.hasRoadmapItem && a.verificationPlanCount > 0;
              return (
                <Fragment key={a.id}>
                  <tr className={a.status === 'dropped' ? 'row--muted' : undefined}>
                    <th scope="row">{a.node.title}</th>
                    <td>{a.ownerDepartment || <span className="muted">{t('common:common.notSet')}</span>}</td>
                    <td>
                      {a.partners.length > 0 ? (
                        a.partners.join(t('common:common.listSeparator'))
                      ) : (
                        <span className="muted">{t('common:common.none')}</span>
                      )}
                    </td>
                    <td>
                      <Badge tone={priorityTones[a.priority]}>{L.priority[a.priority]}</Badge>
                    </td>
                    <td>
                      {canWrite && a.nextStatuses.length > 0 ? (
                        <select
                          aria-label={t('actions.changeStatus', { title: a.node.title })}
                          value={a.status}
                          disabled={update.isPending}
                          onChange={(e) => {
                            const to = a.nextStatuses.find((s) => s === e.target.value);
                            if (!to) return;
                            if (canMoveAction(to, a.status)) move(a, to);
                            else setConfirming({ action: a, to });
                          }}
                        >
                          <option value={a.status}>{L.actionStatus[a.status]}</option>
                          {a.nextStatuses.map((s) => (
                            <option key={s} value={s}>
                              → {L.actionStatus[s]}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <Badge tone={statusTones[a.status]}>{L.actionStatus[a.status]}</Badge>
                      )}
                    </td>
                    <td className="cell-text">{a.rationale}</td>
                    <td>
                      {a.status === 'dropped' ? null : ready ? (
                        <Badge tone="success">{t('actions.roadmapReady')}</Badge>
                      ) : (
                        <Badge tone="warning">{t('actions.roadmapMissing')}</Badge>
                      )}
                      <CommentDisclosure count={commentCounts.get(a.id) ?? 0} label={a.node.title}>
                        {() => <SubjectComments engagementId={engagementId} subject={{ type: 'action', id: a.id }} access={access} />}
                      </CommentDisclosure>
                    </td>
                    {canWrite ? (
                      <td>
                        <button
                          type="button"
                          className="btn btn--secondary btn--small"
                          aria-expanded={editing === a.id}
                          aria-label={`${t('common:common.edit')}: ${a.node.title}`}
                          onClick={() => setEditing(editing === a.id ? null : a.id)}
                        >
                          {t('common:common.edit')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                  {editing === a.id ? (
                    <tr className="row--form">
                      <td colSpan={columns}>
                        <EditActionForm engagementId={engagementId} action={a} onDone={() => setEditing(null)} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ActionsTab({ engagement, access }: { engagement: EngagementDetail; access: Access }) {
  const { t } = useTranslation(['actions', 'common']);
  const actions = useActions(engagement.id);
  const canWrite = can(access, 'action.write');
  const [view, setView] = useState<'list' | 'logframe'>('list');
  return (
    <div className="tab-content">
      <div className="section-head">
        <h2 className="section-title">{t('actions.title')}</h2>
        <p className="muted">{t('actions.lead')}</p>
        <div className="view-switch no-print" role="group" aria-label={t('actions.view')}>
          {(['list', 'logframe'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="btn btn--secondary btn--small view-switch__button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
            >
              {t(v === 'list' ? 'actions.viewList' : 'actions.viewLogframe')}
            </button>
          ))}
        </div>
      </div>
      {view === 'logframe' ? (
        <LogframeView engagementId={engagement.id} />
      ) : (
        <>
          <QueryView query={actions}>
            {(items) => <ActionsTable engagementId={engagement.id} actions={items} canWrite={canWrite} access={access} />}
          </QueryView>
          {canWrite ? <SelectActionForm engagementId={engagement.id} /> : null}
        </>
      )}
    </div>
  );
}
