import type { Application, ApplicationList, Me } from '@banso/shared';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Badge, Notice } from '../../../components/ui/feedback';
import { useCreateApplication } from '../../../api/programs/create-application';
import { useUpdateApplication } from '../../../api/programs/update-application';
import { ApplicationForm } from './application-form';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../i18n';

function Submitted({ programId, application }: { programId: string; application: Application }) {
  const { t } = useTranslation('applications');
  const L = useLabels();
  const update = useUpdateApplication(programId);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const open = application.status === 'submitted';
  return (
    <section className="card my-application" aria-labelledby="my-application">
      <h2 id="my-application" className="card__title">
        {t('apps.mine')}{' '}
        <Badge tone={application.status === 'selected' ? 'success' : application.status === 'submitted' ? 'info' : 'muted'}>
          {L.applicationStatus[application.status]}
        </Badge>
      </h2>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {editing ? (
        <ApplicationForm
          initial={application}
          submitLabel={t('apps.save')}
          pending={update.isPending}
          error={update.error}
          onCancel={() => setEditing(false)}
          onSubmit={(body) =>
            update.mutate(
              { application, body },
              {
                onSuccess: () => {
                  setEditing(false);
                  setNotice(t('apps.saved'));
                },
              },
            )
          }
        />
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>{t('apps.theme')}</dt>
              <dd>{application.theme}</dd>
            </div>
            <div>
              <dt>{t('apps.contactName')}</dt>
              <dd>
                {application.contactName}
                <span className="facts__sub">{application.contactEmail}</span>
              </dd>
            </div>
          </dl>
          <p className="pre-wrap">{application.motivation}</p>
          {open ? (
            <div className="form-grid__actions">
              <button type="button" className="btn btn--secondary" onClick={() => setEditing(true)}>
                {t('apps.edit')}
              </button>
              <button type="button" className="btn btn--ghost" disabled={update.isPending} onClick={() => setConfirmWithdraw(true)}>
                {t('apps.withdraw')}
              </button>
            </div>
          ) : null}
          <ConfirmDialog
            open={confirmWithdraw}
            title={t('apps.withdrawConfirmTitle')}
            body={t('apps.withdrawConfirmBody', { name: application.municipality.name })}
            confirmLabel={t('apps.withdraw')}
            cancelLabel={t('apps.cancel')}
            onCancel={() => setConfirmWithdraw(false)}
            onConfirm={() => {
              setConfirmWithdraw(false);
              update.mutate({ application, body: { withdraw: true } }, { onSuccess: () => setNotice(t('apps.withdrawn')) });
            }}
          />
        </>
      )}
    </section>
  );
}

/** A municipal user's view: their municipality's application, or the form to apply. */
export function MyApplication({ programId, list, me }: { programId: string; list: ApplicationList; me: Me }) {
  const { t } = useTranslation('applications');
  const create = useCreateApplication(programId);
  const mine = list.items[0];
  if (mine && mine.status !== 'withdrawn') return <Submitted programId={programId} application={mine} />;
  return (
    <section className="card my-application" aria-labelledby="apply">
      <h2 id="apply" className="card__title">
        {t('apps.applyFor', { name: me.user.municipality?.name ?? '' })}
      </h2>
      {create.isSuccess ? <Notice tone="success">{t('apps.submitted')}</Notice> : null}
      {/* After 取り下げ the form to apply again replaces the application: it says what happened. */}
      {!create.isSuccess && mine?.status === 'withdrawn' ? <Notice tone="info">{t('apps.withdrawnApplyAgain')}</Notice> : null}
      <ApplicationForm
        initial={mine ?? null}
        submitLabel={t('apps.submit')}
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) => create.mutate(body)}
      />
    </section>
  );
}
