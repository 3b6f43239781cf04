import { formatDateTime, type InvitationBody, type OrganizationKind, organizationKinds, type UserSummary } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMunicipalities } from '../../../api/municipalities/list-municipalities';
import { useCreateInvitation } from '../../../api/users/create-invitation';
import { useUsers } from '../../../api/users/list-users';
import { useSendReset } from '../../../api/users/send-reset';
import { useSetUserActive } from '../../../api/users/set-user-active';
import { useResetTwoFactor, useSetTwoFactorRequirement, useTwoFactorRequirement } from '../../../api/auth/two-factor';
import { useMe } from '../../auth';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Toast } from '../../../components/ui/toast';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Badge, EmptyState, Loading, Notice } from '../../../components/ui/feedback';
import { useLabels, useLocale } from '../../../i18n';
import { Pager, useCursorStack } from '../../../components/ui/pager';
import { useDocumentTitle } from '../../../lib/use-document-title';

function InviteForm() {
  const { t } = useTranslation('users');
  const L = useLabels();
  const id = useId();
  const invite = useCreateInvitation();
  const empty = { email: '', name: '', title: '', organization: '', municipalityId: '' };
  const [form, setForm] = useState(empty);
  const [kind, setKind] = useState<OrganizationKind>('advisor_organization');
  const [sent, setSent] = useState<string | null>(null);
  const municipalities = useMunicipalities(kind === 'municipality');
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: InvitationBody = {
      email: form.email.trim(),
      name: form.name.trim(),
      organizationKind: kind,
      ...(form.title.trim() ? { title: form.title.trim() } : {}),
      ...(form.organization.trim() ? { organization: form.organization.trim() } : {}),
      ...(kind === 'municipality' && form.municipalityId ? { municipalityId: form.municipalityId } : {}),
    };
    invite.mutate(body, {
      onSuccess: () => {
        setSent(body.email);
        setForm(empty);
      },
    });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('invite.title')}</h2>
      {sent ? <Notice tone="success">{t('invite.sent', { email: sent })}</Notice> : null}
      {invite.error ? <ErrorMessage error={invite.error} /> : null}
      <Field id={`${id}-email`} label={t('invite.email')} required>
        <input id={`${id}-email`} type="email" required value={form.email} onChange={set('email')} />
      </Field>
      <Field id={`${id}-name`} label={t('invite.name')} required>
        <input id={`${id}-name`} required value={form.name} onChange={set('name')} />
      </Field>
      <Field id={`${id}-kind`} label={t('invite.kind')} required>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as OrganizationKind)}>
          {organizationKinds.map((k) => (
            <option key={k} value={k}>
              {L.organizationKind[k]}
            </option>
          ))}
        </select>
      </Field>
      {kind === 'municipality' ? (
        <Field id={`${id}-muni`} label={t('invite.municipality')} required>
          <select id={`${id}-muni`} value={form.municipalityId} onChange={set('municipalityId')}>
            <option value="">{t('invite.municipality.choose')}</option>
            {(municipalities.data?.items ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field id={`${id}-org`} label={t('invite.organization')} required={kind === 'advisor_organization'}>
        <input id={`${id}-org`} value={form.organization} onChange={set('organization')} />
      </Field>
      <Field id={`${id}-jobtitle`} label={t('invite.jobTitle')}>
        <input id={`${id}-jobtitle`} value={form.title} onChange={set('title')} />
      </Field>
      <button type="submit" className="btn btn--primary" disabled={invite.isPending || !form.email || !form.name}>
        {t('invite.submit')}
      </button>
    </form>
  );
}

/** The program's requirement of two-factor sign-in for its office accounts (If-Match on its own version). */
function TwoFactorRequirementCard() {
  const { t } = useTranslation('users');
  const id = useId();
  const me = useMe();
  const requirement = useTwoFactorRequirement(me.data?.user.isProgramOffice === true);
  const set = useSetTwoFactorRequirement();
  const [toast, setToast] = useState<string | null>(null);
  if (!me.data) return null;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('requirement.title')}</h2>
      <p>{t('requirement.lead')}</p>
      {requirement.isError ? <ErrorMessage error={requirement.error} onRetry={() => void requirement.refetch()} /> : null}
      {set.error ? <ErrorMessage error={set.error} /> : null}
      {requirement.data ? (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={requirement.data.required}
            disabled={set.isPending}
            onChange={(e) =>
              set.mutate(
                { required: e.target.checked, version: requirement.data.version },
                { onSuccess: (r) => setToast(t(r.required ? 'requirement.on' : 'requirement.off')) },
              )
            }
          />{' '}
          {t('requirement.label')}
        </label>
      ) : (
        <Loading />
      )}
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </section>
  );
}

/** Turning someone's two-factor off (lost phone and recovery codes), after a confirmation. */
function ResetTwoFactor({ user }: { user: UserSummary }) {
  const { t } = useTranslation('users');
  const reset = useResetTwoFactor();
  const [confirming, setConfirming] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  return (
    <>
      {reset.error ? <ErrorMessage error={reset.error} /> : null}
      <button type="button" className="btn btn--ghost btn--small" disabled={reset.isPending} onClick={() => setConfirming(true)}>
        {t('users.twoFactorReset')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('users.twoFactorResetTitle', { name: user.name })}
        body={t('users.twoFactorResetBody')}
        confirmLabel={t('users.twoFactorReset')}
        cancelLabel={t('users.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          reset.mutate(
            { userId: user.id, version: user.version },
            { onSuccess: () => setToast(t('users.twoFactorResetDone', { name: user.name })) },
          );
        }}
      />
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </>
  );
}

function UserActions({ user }: { user: UserSummary }) {
  const { t } = useTranslation('users');
  const setActive = useSetUserActive();
  const reset = useSendReset();
  const [confirming, setConfirming] = useState(false);
  const activate = user.status === 'deactivated';
  if (confirming)
    return (
      <div role="group" aria-label={t(activate ? 'users.reactivate' : 'users.deactivate')}>
        <p>{t(activate ? 'users.confirmReactivate' : 'users.confirmDeactivate', { name: user.name })}</p>
        <button
          type="button"
          className="btn btn--primary btn--small"
          disabled={setActive.isPending}
          onClick={() =>
            setActive.mutate({ userId: user.id, version: user.version, active: activate }, { onSettled: () => setConfirming(false) })
          }
        >
          {t('users.confirm')}
        </button>{' '}
        <button type="button" className="btn btn--ghost btn--small" onClick={() => setConfirming(false)}>
          {t('users.cancel')}
        </button>
      </div>
    );
  return (
    <div>
      {setActive.error ? <ErrorMessage error={setActive.error} /> : null}
      {reset.error ? <ErrorMessage error={reset.error} /> : null}
      {reset.isSuccess ? <Notice tone="success">{t('users.resetSent', { email: user.email })}</Notice> : null}
      <button type="button" className="btn btn--secondary btn--small" onClick={() => setConfirming(true)}>
        {t(activate ? 'users.reactivate' : 'users.deactivate')}
      </button>{' '}
      {user.status !== 'deactivated' ? (
        <button type="button" className="btn btn--ghost btn--small" disabled={reset.isPending} onClick={() => reset.mutate(user.id)}>
          {t(user.status === 'pending' ? 'users.resend' : 'users.reset')}
        </button>
      ) : null}{' '}
      {user.twoFactor ? <ResetTwoFactor user={user} /> : null}
    </div>
  );
}

/** 「ユーザー」: every account (paginated), the invite form, deactivate / reactivate with confirmation, reset links. */
export function UsersPage() {
  const { t } = useTranslation(['users', 'common']);
  useDocumentTitle(t('users.title'), t('common:app.name'));
  const { locale } = useLocale();
  const L = useLabels();
  const pages = useCursorStack();
  const cursor = pages.cursor;
  const users = useUsers(cursor);
  return (
    <div className="page">
      <h1>{t('users.title')}</h1>
      <p>{t('users.lead')}</p>
      <TwoFactorRequirementCard />
      <InviteForm />
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <EmptyState>{t('users.empty')}</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('users.col.name')}</th>
                  <th scope="col">{t('users.col.email')}</th>
                  <th scope="col">{t('users.col.organization')}</th>
                  <th scope="col">{t('users.col.roles')}</th>
                  <th scope="col">{t('users.col.status')}</th>
                  <th scope="col">{t('users.col.twoFactor')}</th>
                  <th scope="col">{t('users.col.lastSignIn')}</th>
                  <th scope="col">{t('users.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id} data-email={u.email}>
                    <td>
                      {u.name}
                      {u.title ? <div className="field__hint">{u.title}</div> : null}
                    </td>
                    <td>{u.email}</td>
                    <td>
                      {L.organizationKind[u.organizationKind]}
                      {u.organization ? <div className="field__hint">{u.organization}</div> : null}
                    </td>
                    <td>
                      {u.memberships
                        .map((m) => `${m.municipalityName}: ${m.role in L.role ? L.role[m.role as keyof typeof L.role] : m.role}`)
                        .join(t('common:common.listSeparator'))}
                    </td>
                    <td>
                      <Badge tone={u.status === 'active' ? 'success' : u.status === 'pending' ? 'info' : 'neutral'}>
                        {L.userStatus[u.status]}
                      </Badge>
                    </td>
                    <td>
                      <Badge tone={u.twoFactor ? 'success' : 'neutral'}>
                        {t(u.twoFactor ? 'users.twoFactor.on' : 'users.twoFactor.off')}
                      </Badge>
                    </td>
                    <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt, locale) : t('users.never')}</td>
                    <td>
                      <UserActions user={u} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager pages={pages} nextCursor={users.data.nextCursor} />
        </>
      )}
    </div>
  );
}
