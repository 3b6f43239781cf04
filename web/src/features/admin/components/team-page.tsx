import {
  type Access,
  can,
  type EngagementDetail,
  fiscalYearRange,
  formatDate,
  type Me,
  type Member,
  type ObserverGrant,
  type ObserverScope,
  observerScopes,
  type TeamRole,
  teamRoles,
} from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngagement } from '../../engagements';
import { useMembers } from '../../../api/hearing/get-members';
import { useMunicipalities } from '../../../api/municipalities/list-municipalities';
import {
  useAddMember,
  useCreateGrant,
  useMemberCandidates,
  useObserverGrants,
  useRemoveMember,
  useRevokeGrant,
  useUpdateMember,
} from '../../../api/teams/team-api';
import { useCreateInvitation } from '../../../api/users/create-invitation';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Field } from '../../../components/ui/field';
import { Badge, EmptyState, Loading, Notice, type BadgeTone } from '../../../components/ui/feedback';
import { Link } from '../../../components/ui/link';
import { QueryView } from '../../../components/ui/query-view';
import { Toast } from '../../../components/ui/toast';
import { useLabels, useLocale } from '../../../i18n';
import { Pager, useCursorStack } from '../../../components/ui/pager';
import { paths } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';

function MemberRow({
  engagementId,
  member,
  manage,
  onToast,
}: {
  engagementId: string;
  member: Member;
  manage: boolean;
  onToast: (m: string) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const L = useLabels();
  const update = useUpdateMember(engagementId);
  const remove = useRemoveMember(engagementId);
  const [teamRole, setTeamRole] = useState<TeamRole>(member.teamRole);
  const [title, setTitle] = useState(member.title ?? '');
  const [confirming, setConfirming] = useState(false);
  const advising = member.teamRole !== 'municipal_member';
  const choices = advising ? teamRoles.filter((r) => r !== 'municipal_member') : (['municipal_member'] as const);
  const dirty = teamRole !== member.teamRole || title.trim() !== (member.title ?? '');
  return (
    <tr data-member={member.email}>
      <td>
        {member.name}
        <div className="field__hint">{member.email}</div>
      </td>
      <td>{member.organization ?? ''}</td>
      <td>
        {manage ? (
          <select
            aria-label={t('team.roleOf', { name: member.name })}
            value={teamRole}
            onChange={(e) => setTeamRole(e.target.value as TeamRole)}
          >
            {choices.map((r) => (
              <option key={r} value={r}>
                {L.teamRole[r]}
              </option>
            ))}
          </select>
        ) : (
          L.teamRole[member.teamRole]
        )}
      </td>
      <td>
        {manage ? (
          <input
            aria-label={t('team.titleOf', { name: member.name })}
            value={title}
            maxLength={100}
            onChange={(e) => setTitle(e.target.value)}
          />
        ) : (
          (member.title ?? '')
        )}
      </td>
      {manage ? (
        <td>
          {update.error ? <ErrorMessage error={update.error} /> : null}
          {remove.error ? <ErrorMessage error={remove.error} /> : null}
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={!dirty || update.isPending}
            onClick={() =>
              update.mutate(
                { member, body: { teamRole, title: title.trim() || null } },
                { onSuccess: () => onToast(t('team.saved', { name: member.name })) },
              )
            }
          >
            {t('team.save')}
          </button>{' '}
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setConfirming(true)}>
            {t('team.remove')}
          </button>
          <ConfirmDialog
            open={confirming}
            title={t('team.removeTitle', { name: member.name })}
            body={t('team.removeBody')}
            confirmLabel={t('team.remove')}
            cancelLabel={t('common:common.cancel')}
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              remove.mutate(member.userId, { onSuccess: () => onToast(t('team.removed', { name: member.name })) });
            }}
          />
        </td>
      ) : null}
    </tr>
  );
}

function AddMemberForm({ engagementId, onToast }: { engagementId: string; onToast: (m: string) => void }) {
  const { t } = useTranslation('admin');
  const L = useLabels();
  const id = useId();
  const pages = useCursorStack();
  const candidates = useMemberCandidates(engagementId, pages.cursor, true);
  const add = useAddMember(engagementId);
  const [userId, setUserId] = useState('');
  const [teamRole, setTeamRole] = useState<TeamRole | ''>('');
  const [title, setTitle] = useState('');
  const items = candidates.data?.items ?? [];
  const chosen = items.find((c) => c.userId === userId);
  const roles = chosen?.allowedTeamRoles ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !teamRole) return;
    add.mutate(
      { userId, teamRole, title: title.trim() || null },
      {
        onSuccess: (m) => {
          onToast(t('team.added', { name: m.name }));
          setUserId('');
          setTeamRole('');
          setTitle('');
        },
      },
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('team.addTitle')}</h3>
      {add.error ? <ErrorMessage error={add.error} /> : null}
      {candidates.isError ? <ErrorMessage error={candidates.error} onRetry={() => void candidates.refetch()} /> : null}
      <Field id={`${id}-user`} label={t('team.person')} hint={t('team.personHint')} required>
        <select
          id={`${id}-user`}
          value={userId}
          onChange={(e) => {
            setUserId(e.target.value);
            const next = items.find((c) => c.userId === e.target.value);
            setTeamRole(next?.allowedTeamRoles[0] ?? '');
          }}
        >
          <option value="">{t('team.choosePerson')}</option>
          {items.map((c) => (
            <option key={c.userId} value={c.userId}>
              {t('option.withDetail', { name: c.name, detail: c.municipality?.name ?? c.organization ?? c.email })}
              {c.pending ? ` · ${L.userStatus.pending}` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Pager pages={pages} nextCursor={candidates.data?.nextCursor ?? null} />
      <Field id={`${id}-role`} label={t('team.teamRole')} required>
        <select id={`${id}-role`} value={teamRole} disabled={!chosen} onChange={(e) => setTeamRole(e.target.value as TeamRole)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {L.teamRole[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-jobtitle`} label={t('team.jobTitle')} hint={t('team.titleHint')}>
        <input id={`${id}-jobtitle`} value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <button type="submit" className="btn btn--primary" disabled={!chosen || !teamRole || add.isPending}>
        {t('team.add')}
      </button>
    </form>
  );
}

/** Invite someone by e-mail (the existing invitation service) and put them on the team at once. */
function InviteMemberForm({ engagement, onToast }: { engagement: EngagementDetail; onToast: (m: string) => void }) {
  const { t } = useTranslation('admin');
  const L = useLabels();
  const id = useId();
  const invite = useCreateInvitation();
  const add = useAddMember(engagement.id);
  const [form, setForm] = useState({ email: '', name: '', organization: '', title: '' });
  const [teamRole, setTeamRole] = useState<TeamRole>('advisor');
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const municipal = teamRole === 'municipal_member';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(
      {
        email: form.email.trim(),
        name: form.name.trim(),
        organizationKind: municipal ? 'municipality' : 'advisor_organization',
        ...(municipal ? { municipalityId: engagement.municipality.id } : { organization: form.organization.trim() }),
        ...(form.title.trim() ? { title: form.title.trim() } : {}),
      },
      {
        onSuccess: (created) =>
          add.mutate(
            { userId: created.user.id, teamRole, title: form.title.trim() || null },
            {
              onSuccess: () => {
                onToast(t('team.invited', { email: created.user.email }));
                setForm({ email: '', name: '', organization: '', title: '' });
              },
            },
          ),
      },
    );
  };
  const busy = invite.isPending || add.isPending;
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('team.inviteTitle')}</h3>
      <p className="field__hint">{t('team.inviteLead')}</p>
      {invite.error ? <ErrorMessage error={invite.error} /> : null}
      {add.error ? <ErrorMessage error={add.error} /> : null}
      <Field id={`${id}-role`} label={t('team.teamRole')} required>
        <select id={`${id}-role`} value={teamRole} onChange={(e) => setTeamRole(e.target.value as TeamRole)}>
          {teamRoles.map((r) => (
            <option key={r} value={r}>
              {L.teamRole[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-email`} label={t('team.email')} required>
        <input id={`${id}-email`} type="email" value={form.email} onChange={set('email')} />
      </Field>
      <Field id={`${id}-name`} label={t('team.name')} required>
        <input id={`${id}-name`} value={form.name} onChange={set('name')} />
      </Field>
      {municipal ? (
        <p className="field__hint">{t('team.inviteMunicipal', { municipality: engagement.municipality.name })}</p>
      ) : (
        <Field id={`${id}-org`} label={t('team.organization')} required>
          <input id={`${id}-org`} value={form.organization} onChange={set('organization')} />
        </Field>
      )}
      <Field id={`${id}-jobtitle`} label={t('team.inviteJobTitle')}>
        <input id={`${id}-jobtitle`} value={form.title} onChange={set('title')} />
      </Field>
      <button
        type="submit"
        className="btn btn--primary"
        disabled={busy || !form.email.trim() || !form.name.trim() || (!municipal && !form.organization.trim())}
      >
        {t('team.invite')}
      </button>
    </form>
  );
}

const stateTone: Record<ObserverGrant['state'], BadgeTone> = { active: 'success', expired: 'muted', revoked: 'neutral' };

function GrantRow({
  engagementId,
  grant,
  manage,
  onToast,
}: {
  engagementId: string;
  grant: ObserverGrant;
  manage: boolean;
  onToast: (m: string) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const revoke = useRevokeGrant(engagementId);
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-grant={grant.municipality.name}>
      <td>{grant.municipality.name}</td>
      <td>{L.observerScope[grant.scope]}</td>
      <td>{formatDate(grant.validUntil, locale)}</td>
      <td>
        <Badge tone={stateTone[grant.state]}>{L.observerGrantState[grant.state]}</Badge>
      </td>
      {manage ? (
        <td>
          {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
          {grant.state !== 'revoked' ? (
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setConfirming(true)}>
              {t('grants.revoke')}
            </button>
          ) : null}
          <ConfirmDialog
            open={confirming}
            title={t('grants.revokeTitle', { municipality: grant.municipality.name })}
            body={t('grants.revokeBody')}
            confirmLabel={t('grants.revoke')}
            cancelLabel={t('common:common.cancel')}
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              revoke.mutate(grant.id, { onSuccess: () => onToast(t('grants.revoked', { municipality: grant.municipality.name })) });
            }}
          />
        </td>
      ) : null}
    </tr>
  );
}

function GrantForm({ engagement, onToast }: { engagement: EngagementDetail; onToast: (m: string) => void }) {
  const { t } = useTranslation('admin');
  const L = useLabels();
  const id = useId();
  const municipalities = useMunicipalities();
  const create = useCreateGrant(engagement.id);
  const [municipalityId, setMunicipalityId] = useState('');
  const [scope, setScope] = useState<ObserverScope>('process');
  const [validUntil, setValidUntil] = useState(fiscalYearRange(engagement.fiscalYear).end);
  const all = (municipalities.data?.items ?? []).filter((m) => m.id !== engagement.municipality.id);
  const own = municipalities.data?.items.find((m) => m.id === engagement.municipality.id);
  // Neighbours first: 横展開 is mostly to them.
  const sorted = [...all].sort(
    (a, b) => Number(own?.neighbourIds.includes(b.id) ?? false) - Number(own?.neighbourIds.includes(a.id) ?? false),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!municipalityId || !validUntil) return;
    create.mutate(
      { municipalityId, scope, validUntil },
      {
        onSuccess: (g) => {
          onToast(t('grants.granted', { municipality: g.municipality.name }));
          setMunicipalityId('');
        },
      },
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('grants.newTitle')}</h3>
      {create.error ? <ErrorMessage error={create.error} /> : null}
      <Field id={`${id}-muni`} label={t('grants.municipality')} required>
        <select id={`${id}-muni`} value={municipalityId} onChange={(e) => setMunicipalityId(e.target.value)}>
          <option value="">{t('grants.chooseMunicipality')}</option>
          {sorted.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
              {own?.neighbourIds.includes(m.id) ? ` · ${t('grants.neighbour')}` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-scope`} label={t('grants.scope')} required>
        <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value as ObserverScope)}>
          {observerScopes.map((s) => (
            <option key={s} value={s}>
              {L.observerScope[s]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-until`} label={t('grants.validUntil')} required>
        <input id={`${id}-until`} type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
      </Field>
      <button type="submit" className="btn btn--primary" disabled={!municipalityId || !validUntil || create.isPending}>
        {t('grants.grant')}
      </button>
    </form>
  );
}

function Grants({ engagement, manage, onToast }: { engagement: EngagementDetail; manage: boolean; onToast: (m: string) => void }) {
  const { t } = useTranslation('admin');
  const pages = useCursorStack();
  const grants = useObserverGrants(engagement.id, pages.cursor, true);
  return (
    <section aria-labelledby="grants-title">
      <h2 id="grants-title">{t('grants.title')}</h2>
      <p className="page__lead">{t('grants.lead')}</p>
      <QueryView query={grants}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState>{t('grants.empty')}</EmptyState>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('grants.col.municipality')}</th>
                      <th scope="col">{t('grants.col.scope')}</th>
                      <th scope="col">{t('grants.col.validUntil')}</th>
                      <th scope="col">{t('grants.col.state')}</th>
                      {manage ? <th scope="col">{t('grants.col.actions')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((g) => (
                      <GrantRow key={g.id} engagementId={engagement.id} grant={g} manage={manage} onToast={onToast} />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pages={pages} nextCursor={data.nextCursor} />
            </>
          )
        }
      </QueryView>
      {manage ? <GrantForm engagement={engagement} onToast={onToast} /> : null}
    </section>
  );
}

function TeamView({ engagement, me }: { engagement: EngagementDetail; me: Me }) {
  const { t } = useTranslation(['admin', 'common']);
  const access: Access = { userId: me.user.id, role: engagement.myRole };
  useDocumentTitle(`${engagement.municipality.name} · ${t('team.title')}`, t('common:app.name'));
  const members = useMembers(engagement.id, can(access, 'team.read'));
  const [toast, setToast] = useState<string | null>(null);
  const manage = can(access, 'team.manage');
  if (!can(access, 'team.read')) return <Notice tone="warning">{t('team.forbidden')}</Notice>;
  return (
    <>
      <section aria-labelledby="team-title">
        <h2 id="team-title">{t('team.members')}</h2>
        <p className="page__lead">{t('team.lead')}</p>
        {members.isPending ? (
          <Loading />
        ) : members.isError ? (
          <ErrorMessage error={members.error} onRetry={() => void members.refetch()} />
        ) : members.data.length === 0 ? (
          <EmptyState>{t('team.empty')}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('team.col.name')}</th>
                  <th scope="col">{t('team.col.organization')}</th>
                  <th scope="col">{t('team.col.teamRole')}</th>
                  <th scope="col">{t('team.col.title')}</th>
                  {manage ? <th scope="col">{t('team.col.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {members.data.map((m) => (
                  <MemberRow key={`${m.userId}-${m.version}`} engagementId={engagement.id} member={m} manage={manage} onToast={setToast} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {manage ? (
          <div className="grid grid--2">
            <AddMemberForm engagementId={engagement.id} onToast={setToast} />
            <InviteMemberForm engagement={engagement} onToast={setToast} />
          </div>
        ) : null}
      </section>
      {can(access, 'observer.read') ? <Grants engagement={engagement} manage={can(access, 'observer.manage')} onToast={setToast} /> : null}
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </>
  );
}

/** 「チームと傍聴自治体」 of one engagement: members with their team roles, invitations, observer grants. */
export function TeamPage({ id, me }: { id: string; me: Me }) {
  const { t } = useTranslation(['admin', 'common']);
  const engagement = useEngagement(id);
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common:nav.breadcrumb')}>
        <Link href={paths.home()}>{t('common:nav.engagements')}</Link>
        {engagement.data ? (
          <>
            <span aria-hidden="true"> › </span>
            <Link href={paths.engagement(id)}>{engagement.data.municipality.name}</Link>
            <span aria-hidden="true"> › </span>
            <span aria-current="page">{t('team.title')}</span>
          </>
        ) : null}
      </nav>
      <QueryView query={engagement}>
        {(data) => (
          <>
            <h1 className="page__title">
              {data.municipality.name} · {t('team.title')}
            </h1>
            <TeamView engagement={data} me={me} />
          </>
        )}
      </QueryView>
    </div>
  );
}
