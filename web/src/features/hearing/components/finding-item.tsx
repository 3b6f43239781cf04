import {
  type Access,
  type Finding,
  type FindingKind,
  findingKinds,
  type FindingVisibility,
  findingVisibilities,
  formatDate,
  type VisitView,
} from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useDeleteFinding } from '../../../api/findings/delete-finding';
import { FindingFiles } from './materials';
import { useUpdateFinding } from '../../../api/findings/update-finding';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, type BadgeTone } from '../../../components/ui/feedback';
import { describedBy, Field } from '../../../components/ui/field';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';

const kindTones: Record<FindingKind, BadgeTone> = {
  quantitative_fact: 'info',
  qualitative_fact: 'info',
  hypothesis: 'warning',
  advice: 'accent',
  decision: 'success',
};
const visibilityTones: Record<FindingVisibility, BadgeTone> = { team: 'danger', municipality: 'neutral', observers: 'muted' };

/** Who reads a finding of each 公開範囲, in words (shown beside the choice, so the privacy meaning is visible). */
export function useVisibilityHint() {
  const { t } = useTranslation('hearing');
  const hints: Record<FindingVisibility, string> = {
    team: t('findings.visibilityHint.team'),
    municipality: t('findings.visibilityHint.municipality'),
    observers: t('findings.visibilityHint.observers'),
  };
  return (v: FindingVisibility) => hints[v];
}

/** The edit form of a finding, prefilled: kind, 公開範囲 (with who will read it), visit, source and text. */
function FindingEditForm({
  engagementId,
  finding,
  visits,
  visibilities,
  onDone,
}: {
  engagementId: string;
  finding: Finding;
  visits: readonly VisitView[];
  visibilities: readonly FindingVisibility[];
  onDone: () => void;
}) {
  const { t } = useTranslation(['hearing', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const hint = useVisibilityHint();
  const id = useId();
  const update = useUpdateFinding(engagementId);
  const [kind, setKind] = useState<FindingKind>(finding.kind);
  const [visibility, setVisibility] = useState<FindingVisibility>(finding.visibility);
  const [visitId, setVisitId] = useState(finding.visitId ?? '');
  const [source, setSource] = useState(finding.source);
  const [text, setText] = useState(finding.text);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(t('findings.textRequired'));
      return;
    }
    setError(null);
    update.mutate(
      {
        findingId: finding.id,
        version: finding.version,
        body: { kind, visibility, visitId: visitId || null, source: source.trim(), text: text.trim() },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="form-grid finding-edit" onSubmit={submit} noValidate aria-label={t('findings.editTitle')}>
      <Field id={`${id}-kind`} label={t('findings.kind')} required>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(findingKinds.find((k) => k === e.target.value) ?? kind)}>
          {findingKinds.map((k) => (
            <option key={k} value={k}>
              {L.findingKind[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-visibility`} label={t('findings.visibility')} hint={hint(visibility)} required>
        <select
          id={`${id}-visibility`}
          value={visibility}
          aria-describedby={describedBy(`${id}-visibility`, { hint: true })}
          onChange={(e) => setVisibility(visibilities.find((k) => k === e.target.value) ?? visibility)}
        >
          {visibilities.map((k) => (
            <option key={k} value={k}>
              {L.visibility[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-visit`} label={t('findings.visit')}>
        <select id={`${id}-visit`} value={visitId} onChange={(e) => setVisitId(e.target.value)}>
          <option value="">{t('findings.noVisit')}</option>
          {visits.map((v) => (
            <option key={v.id} value={v.id}>
              {t('hearing.visit.seq', { seq: v.seq })} {formatDate(v.date, locale)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-source`} label={t('findings.source')}>
        <input id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value)} />
      </Field>
      <Field id={`${id}-text`} label={t('findings.text')} required error={error} className="form-grid__wide">
        <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={Boolean(error)} />
      </Field>
      <div className="form-grid__actions form-grid__wide">
        <button type="submit" className="btn btn--primary" disabled={update.isPending}>
          {update.isPending ? t('common:common.saving') : t('common:common.save')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t('common:common.cancel')}
        </button>
      </div>
      {update.error ? (
        <div className="form-grid__wide">
          <ErrorMessage error={update.error} />
        </div>
      ) : null}
    </form>
  );
}

/** One finding: kind, 公開範囲, text, source and linked nodes; for advisors 編集 (prefilled form) and 削除 (confirmed). */
export function FindingItem({
  engagementId,
  finding,
  nodeTitles,
  canWrite = false,
  visits = [],
  visibilities = findingVisibilities,
  access,
}: {
  engagementId: string;
  finding: Finding;
  /** The reader's access: shows the finding's files. */
  access?: Access;
  nodeTitles: ReadonlyMap<string, string>;
  canWrite?: boolean;
  visits?: readonly VisitView[];
  /** The 公開範囲 the caller may write (writableFindingVisibilities). */
  visibilities?: readonly FindingVisibility[];
}) {
  const { t } = useTranslation(['hearing', 'common']);
  const L = useLabels();
  const hint = useVisibilityHint();
  const remove = useDeleteFinding(engagementId);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="finding" data-testid="finding">
      <div className="finding__chips">
        <Badge tone={kindTones[finding.kind]}>{L.findingKind[finding.kind]}</Badge>
        <Badge tone={visibilityTones[finding.visibility]} title={hint(finding.visibility)}>
          <span className="visually-hidden">{t('findings.visibility')}: </span>
          {L.visibility[finding.visibility]}
        </Badge>
        {canWrite && !editing ? (
          <span className="finding__actions">
            <button type="button" className="btn btn--secondary btn--small" onClick={() => setEditing(true)}>
              {t('common:common.edit')}
              <span className="visually-hidden">{t('findings.editFor', { text: finding.text })}</span>
            </button>
            <button type="button" className="btn btn--secondary btn--small" disabled={remove.isPending} onClick={() => setConfirming(true)}>
              {t('common:common.delete')}
              <span className="visually-hidden">{t('findings.deleteFor', { text: finding.text })}</span>
            </button>
          </span>
        ) : null}
      </div>
      {editing ? (
        <FindingEditForm
          engagementId={engagementId}
          finding={finding}
          visits={visits}
          visibilities={visibilities}
          onDone={() => setEditing(false)}
        />
      ) : (
        <>
          <p className="finding__text">{finding.text}</p>
          {finding.source ? (
            <p className="finding__source">
              {t('findings.source')}: {finding.source}
            </p>
          ) : null}
          {finding.nodeIds.length > 0 ? (
            <p className="finding__nodes">
              <span className="finding__nodes-label">{t('findings.linkedNodes')}:</span>
              {finding.nodeIds.map((id) => (
                <span key={id} className="node-chip">
                  {nodeTitles.get(id) ?? '—'}
                </span>
              ))}
            </p>
          ) : null}
        </>
      )}
      {access && !editing ? <FindingFiles engagementId={engagementId} finding={finding} access={access} /> : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {canWrite ? (
        <ConfirmDialog
          open={confirming}
          title={t('findings.deleteTitle')}
          body={t(finding.nodeIds.length > 0 ? 'findings.deleteBodyLinked' : 'findings.deleteBody', {
            text: finding.text,
            count: finding.nodeIds.length,
          })}
          confirmLabel={t('common:common.delete')}
          cancelLabel={t('common:common.cancel')}
          onConfirm={() => {
            setConfirming(false);
            remove.mutate({ findingId: finding.id, version: finding.version });
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </li>
  );
}
