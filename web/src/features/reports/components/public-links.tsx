import { formatDateTime, type Report } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreatePublicLink, usePublicLinks, useRevokePublicLink } from '../../../api/public-links/public-links';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, EmptyState, Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { QueryView } from '../../../components/ui/query-view';
import { Toast } from '../../../components/ui/toast';
import { useLocale } from '../../../i18n';

const EXPIRY_DAYS = [null, 7, 30, 90] as const;

/** Public read-only links to a published report (program office: report.share): create, list, revoke. */
export function PublicLinks({ report }: { report: Report }) {
  const { t } = useTranslation(['organizer', 'common']);
  const { locale } = useLocale();
  const expiryId = useId();
  const links = usePublicLinks(report.engagementId, report.id);
  const create = useCreatePublicLink(report.engagementId, report.id);
  const revoke = useRevokePublicLink(report.engagementId, report.id);
  const [days, setDays] = useState<number | null>(30);
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  return (
    <section className="card report-links" aria-labelledby="report-links">
      <h2 id="report-links" className="card__title">
        {t('links.title')}
      </h2>
      <p className="muted">{t('links.lead')}</p>
      <div className="toolbar">
        <Field id={expiryId} label={t('links.expires')}>
          <select id={expiryId} value={days ?? ''} onChange={(e) => setDays(e.target.value ? Number(e.target.value) : null)}>
            {EXPIRY_DAYS.map((d) => (
              <option key={d ?? 'none'} value={d ?? ''}>
                {d === null ? t('links.expires.none') : t('links.expires.days', { count: d })}
              </option>
            ))}
          </select>
        </Field>
        <button
          type="button"
          className="btn btn--secondary"
          disabled={create.isPending}
          onClick={() => create.mutate(days, { onSuccess: (l) => setCreatedUrl(`${window.location.origin}${l.path}`) })}
        >
          {t('links.create')}
        </button>
      </div>
      {createdUrl ? (
        <Notice tone="success">
          {t('links.created')} <code data-testid="public-link-url">{createdUrl}</code>{' '}
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => void navigator.clipboard?.writeText(createdUrl).then(() => setToast(t('links.copied')))}
          >
            {t('links.copy')}
          </button>
        </Notice>
      ) : null}
      {create.error ? <ErrorMessage error={create.error} /> : null}
      {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
      <QueryView query={links}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState>{t('links.empty')}</EmptyState>
          ) : (
            <ul className="report-links__list">
              {data.items.map((l) => (
                <li key={l.id}>
                  <Badge tone={l.active ? 'success' : 'neutral'}>{l.active ? t('links.active') : t('links.inactive')}</Badge>{' '}
                  {t('links.createdAt', { date: formatDateTime(l.createdAt, locale), name: l.createdBy?.name ?? '—' })}
                  {l.expiresAt ? ` · ${t('links.until', { date: formatDateTime(l.expiresAt, locale) })}` : ''}{' '}
                  {l.revokedAt === null ? (
                    <button type="button" className="btn btn--ghost btn--small" onClick={() => setRevoking(l.id)}>
                      {t('links.revoke')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <ConfirmDialog
        open={revoking !== null}
        title={t('links.revokeTitle')}
        body={t('links.revokeBody')}
        confirmLabel={t('links.revoke')}
        cancelLabel={t('common:common.cancel')}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          const id = revoking;
          setRevoking(null);
          if (id)
            revoke.mutate(id, {
              onSuccess: () => {
                setCreatedUrl(null);
                setToast(t('links.revoked'));
              },
            });
        }}
      />
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </section>
  );
}
