import { type ActionPriority, actionPriorities } from '@banso/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { describedBy, Field } from '../../../components/ui/field';
import { EmptyState, Notice } from '../../../components/ui/feedback';
import { QueryView } from '../../../components/ui/query-view';
import { useTree } from '../../../api/tree/get-tree';
import { useSelectAction } from '../../../api/actions/select-action';
import { measureCandidates, splitList } from '../lib/candidates';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../i18n';

/** Picks an unselected measure node of the tree and selects it as an action, with a required rationale. */
export function SelectActionForm({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation(['actions', 'common']);
  const L = useLabels();
  const id = useId();
  const tree = useTree(engagementId);
  const select = useSelectAction(engagementId);
  // 「この取組を選定」 in the tree editor links here with ?node=<id>: that measure comes preselected.
  const [nodeId, setNodeId] = useState(() => new URLSearchParams(window.location.search).get('node') ?? '');
  const section = useRef<HTMLElement>(null);
  const preselected = useRef(nodeId !== '');
  useEffect(() => {
    if (preselected.current) section.current?.scrollIntoView?.({ block: 'start' });
  }, []);
  const [rationale, setRationale] = useState('');
  const [owner, setOwner] = useState('');
  const [partners, setPartners] = useState('');
  const [priority, setPriority] = useState<ActionPriority>('medium');
  const [errors, setErrors] = useState<{ node?: string; rationale?: string }>({});
  const [done, setDone] = useState<string | null>(null);

  return (
    <section ref={section} className="card form-card" aria-labelledby={`${id}-title`} data-testid="select-action-form">
      <h3 id={`${id}-title`} className="card__title">
        {t('actions.select.title')}
      </h3>
      <p className="muted">{t('actions.select.lead')}</p>
      {/* Outside the form: selecting the last candidate replaces the form with a note. */}
      {done ? <Notice tone="success">{done}</Notice> : null}
      <QueryView query={tree}>
        {(data) => {
          const candidates = measureCandidates(data.nodes);
          if (candidates.length === 0) return <EmptyState>{t('actions.select.noCandidates')}</EmptyState>;
          const submit = (event: FormEvent) => {
            event.preventDefault();
            setDone(null);
            const next: typeof errors = {};
            if (!nodeId) next.node = t('actions.select.nodeRequired');
            if (!rationale.trim()) next.rationale = t('actions.select.rationaleRequired');
            setErrors(next);
            if (next.node || next.rationale) return;
            const title = candidates.find((c) => c.node.id === nodeId)?.node.title ?? '';
            select.mutate(
              { nodeId, rationale: rationale.trim(), ownerDepartment: owner.trim(), partners: splitList(partners), priority },
              {
                onSuccess: () => {
                  setDone(t('actions.select.done', { title }));
                  setNodeId('');
                  setRationale('');
                  setOwner('');
                  setPartners('');
                  setPriority('medium');
                },
              },
            );
          };
          return (
            <form onSubmit={submit} noValidate className="form-grid">
              <Field id={`${id}-node`} label={t('actions.select.node')} required error={errors.node} className="form-grid__wide">
                <select
                  id={`${id}-node`}
                  value={nodeId}
                  onChange={(e) => setNodeId(e.target.value)}
                  aria-invalid={Boolean(errors.node)}
                  aria-describedby={describedBy(`${id}-node`, { error: errors.node })}
                >
                  <option value="">{t('common:common.select')}</option>
                  {candidates.map(({ node, parentTitle }) => (
                    <option key={node.id} value={node.id}>
                      {node.title}
                      {parentTitle ? t('common:common.paren', { text: parentTitle }) : ''}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                id={`${id}-rationale`}
                label={t('actions.select.rationale')}
                required
                hint={t('actions.select.rationaleHint')}
                error={errors.rationale}
                className="form-grid__wide"
              >
                <textarea
                  id={`${id}-rationale`}
                  rows={3}
                  value={rationale}
                  onChange={(e) => setRationale(e.target.value)}
                  aria-invalid={Boolean(errors.rationale)}
                  aria-describedby={describedBy(`${id}-rationale`, { hint: true, error: errors.rationale })}
                />
              </Field>
              <Field id={`${id}-owner`} label={t('actions.select.owner')}>
                <input id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)} />
              </Field>
              <Field id={`${id}-partners`} label={t('actions.select.partners')}>
                <input id={`${id}-partners`} value={partners} onChange={(e) => setPartners(e.target.value)} />
              </Field>
              <Field id={`${id}-priority`} label={t('actions.select.priority')}>
                <select
                  id={`${id}-priority`}
                  value={priority}
                  onChange={(e) => setPriority(actionPriorities.find((p) => p === e.target.value) ?? 'medium')}
                >
                  {actionPriorities.map((p) => (
                    <option key={p} value={p}>
                      {L.priority[p]}
                    </option>
                  ))}
                </select>
              </Field>
              <div className="form-grid__actions form-grid__wide">
                <button type="submit" className="btn btn--primary" disabled={select.isPending}>
                  {select.isPending ? t('common:common.saving') : t('actions.select.submit')}
                </button>
              </div>
              {select.error ? (
                <div className="form-grid__wide">
                  <ErrorMessage error={select.error} />
                </div>
              ) : null}
            </form>
          );
        }}
      </QueryView>
    </section>
  );
}
