import { type FindingKind, findingKinds, type FindingVisibility, findingVisibilities, type TreeNode, type VisitView } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { describedBy, Field } from '../../../components/ui/field';
import { Notice } from '../../../components/ui/feedback';
import { formatDate } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { useCreateFinding } from '../../../api/findings/create-finding';
import { useLabels, useLocale } from '../../../i18n';
import { useVisibilityHint } from './finding-item';

/** Nodes in tree order with their depth, for an indented picker. */
function ordered(nodes: readonly TreeNode[]): { node: TreeNode; depth: number }[] {
  const kids = new Map<string | null, TreeNode[]>();
  for (const n of nodes) kids.set(n.parentId, [...(kids.get(n.parentId) ?? []), n]);
  const out: { node: TreeNode; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const n of (kids.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      out.push({ node: n, depth });
      if (depth < 50) walk(n.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Records a finding, optionally tied to a visit and to tree nodes (advisor). */
export function FindingForm({
  engagementId,
  visits,
  nodes,
  visibilities = findingVisibilities,
}: {
  engagementId: string;
  visits: readonly VisitView[];
  nodes: readonly TreeNode[];
  /** The 公開範囲 the caller may write (writableFindingVisibilities: municipal members never `team`). */
  visibilities?: readonly FindingVisibility[];
}) {
  const { t } = useTranslation(['hearing', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const id = useId();
  const create = useCreateFinding(engagementId);
  const hint = useVisibilityHint();
  const [visitId, setVisitId] = useState('');
  const [kind, setKind] = useState<FindingKind>('qualitative_fact');
  const [visibility, setVisibility] = useState<FindingVisibility>(visibilities[0] ?? 'team');
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const [nodeIds, setNodeIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (!text.trim()) {
      setError(t('findings.textRequired'));
      return;
    }
    setError(null);
    create.mutate(
      { visitId: visitId || null, kind, visibility, text: text.trim(), source: source.trim(), nodeIds },
      {
        onSuccess: () => {
          setDone(true);
          setText('');
          setSource('');
          setNodeIds([]);
        },
      },
    );
  };

  return (
    <details className="card disclosure">
      <summary className="disclosure__summary">{t('findings.add')}</summary>
      <form className="form-grid" onSubmit={submit} noValidate>
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
        <Field id={`${id}-kind`} label={t('findings.kind')} required>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(findingKinds.find((k) => k === e.target.value) ?? 'qualitative_fact')}
          >
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
        <Field id={`${id}-source`} label={t('findings.source')}>
          <input id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value)} />
        </Field>
        <Field id={`${id}-text`} label={t('findings.text')} required error={error} className="form-grid__wide">
          <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={Boolean(error)} />
        </Field>
        {nodes.length > 0 ? (
          <fieldset className="node-picker form-grid__wide">
            <legend className="field__label">{t('findings.nodes')}</legend>
            <div className="node-picker__list">
              {ordered(nodes).map(({ node, depth }) => (
                <label key={node.id} className="node-picker__item" style={{ paddingLeft: `${depth * 1.25}rem` }}>
                  <input
                    type="checkbox"
                    checked={nodeIds.includes(node.id)}
                    onChange={(e) => setNodeIds((prev) => (e.target.checked ? [...prev, node.id] : prev.filter((x) => x !== node.id)))}
                  />
                  {node.title}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <div className="form-grid__actions form-grid__wide">
          <button type="submit" className="btn btn--primary" disabled={create.isPending}>
            {create.isPending ? t('common:common.saving') : t('findings.add')}
          </button>
        </div>
        {create.error ? (
          <div className="form-grid__wide">
            <ErrorMessage error={create.error} />
          </div>
        ) : null}
        {done && !create.error ? (
          <div className="form-grid__wide">
            <Notice tone="success">{t('findings.added')}</Notice>
          </div>
        ) : null}
      </form>
    </details>
  );
}
