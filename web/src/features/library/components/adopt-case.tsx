import { can, type LibraryCase, type ReportTreeNode } from '@banso/shared';
import { canHoldChild } from '@banso/shared/tree';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdoptCase } from '../../../api/library/adopt-case';
import { useEngagements } from '../../../api/engagements/get-engagements';
import { useTree } from '../../../api/tree/get-tree';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { navigate, paths } from '../../../lib/router';
import { useLabels } from '../../../i18n';

/** The published nodes with their depth, in tree order (parents first, siblings by position). */
function withDepth(nodes: readonly ReportTreeNode[]): { node: ReportTreeNode; depth: number }[] {
  const children = new Map<string | null, ReportTreeNode[]>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const out: { node: ReportTreeNode; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const n of (children.get(parentId) ?? []).sort((a, b) => a.position - b.position)) {
      out.push({ node: n, depth });
      walk(n.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function subtreeSize(nodes: readonly ReportTreeNode[], rootId: string): number {
  let count = 0;
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    count += 1;
    for (const n of nodes) if (n.parentId === id) stack.push(n.id);
  }
  return count;
}

/**
 * 「この事例を使う」: pick a node of the case (its sub-tree comes with it), one's own engagement and
 * the node to put it under (only those the tree rules allow), confirm, and the nodes are added as
 * hypotheses in one revision; then the tree opens.
 */
export function AdoptCase({ c }: { c: LibraryCase }) {
  const { t } = useTranslation(['library', 'common']);
  const L = useLabels();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [sourceId, setSourceId] = useState('');
  const [engagementId, setEngagementId] = useState('');
  const [parentId, setParentId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const engagements = useEngagements({ enabled: open });
  const tree = useTree(engagementId, open && engagementId !== '');
  const adopt = useAdoptCase();

  const ordered = useMemo(() => withDepth(c.facts.tree.nodes), [c.facts.tree.nodes]);
  const source = c.facts.tree.nodes.find((n) => n.id === sourceId);
  const mine = (engagements.data ?? []).filter((e) => can({ userId: '', role: e.myRole }, 'tree.edit'));
  const target = mine.find((e) => e.id === engagementId);
  const parents = source ? (tree.data?.nodes ?? []).filter((n) => n.kind !== 'measure' && canHoldChild(n.kind, source.kind)) : [];
  const parent = parents.find((n) => n.id === parentId);
  const size = source ? subtreeSize(c.facts.tree.nodes, source.id) : 0;

  if (!open)
    return (
      <button type="button" className="btn btn--primary" onClick={() => setOpen(true)}>
        {t('library.adopt.open')}
      </button>
    );

  const submit = () => {
    if (!source || !target || !parent || !tree.data) return;
    adopt.mutate(
      {
        engagementId: target.id,
        body: { reportId: c.reportId, sourceNodeId: source.id, parentId: parent.id },
        revision: tree.data.revision,
      },
      { onSuccess: () => navigate(paths.engagement(target.id, 'tree')) },
    );
  };

  return (
    <section className="card library-section library-adopt" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {t('library.adopt.title')}
      </h2>
      <p className="muted">{t('library.adopt.lead')}</p>
      {confirming && source && target && parent ? (
        <div className="library-adopt__confirm">
          <Notice tone="info">
            {t('library.adopt.confirm', {
              count: size,
              source: source.title,
              municipality: target.municipality.name,
              parent: parent.title,
            })}
          </Notice>
          {adopt.error ? <ErrorMessage error={adopt.error} /> : null}
          <div className="library-adopt__buttons">
            <button type="button" className="btn btn--secondary" onClick={() => setConfirming(false)} disabled={adopt.isPending}>
              {t('library.adopt.back')}
            </button>
            <button type="button" className="btn btn--primary" onClick={submit} disabled={adopt.isPending}>
              {t('library.adopt.submit')}
            </button>
          </div>
        </div>
      ) : (
        <form
          className="library-adopt__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (source && target && parent) setConfirming(true);
          }}
        >
          <Field id={`${id}-source`} label={t('library.adopt.source')} hint={t('library.adopt.sourceHint')}>
            <select
              id={`${id}-source`}
              value={sourceId}
              onChange={(e) => {
                setSourceId(e.target.value);
                setParentId('');
              }}
            >
              <option value="">{t('library.adopt.choose')}</option>
              {ordered
                .filter(({ node }) => node.kind !== 'goal')
                .map(({ node }) => (
                  <option key={node.id} value={node.id}>
                    {L.nodeKind[node.kind]}: {node.title}
                  </option>
                ))}
            </select>
          </Field>
          <Field id={`${id}-engagement`} label={t('library.adopt.engagement')}>
            <select
              id={`${id}-engagement`}
              value={engagementId}
              onChange={(e) => {
                setEngagementId(e.target.value);
                setParentId('');
              }}
            >
              <option value="">{t('library.adopt.choose')}</option>
              {mine.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.municipality.name} · {e.theme}
                </option>
              ))}
            </select>
          </Field>
          {engagements.isSuccess && mine.length === 0 ? <Notice tone="warning">{t('library.adopt.noEngagement')}</Notice> : null}
          <Field id={`${id}-parent`} label={t('library.adopt.parent')} hint={t('library.adopt.parentHint')}>
            <select id={`${id}-parent`} value={parentId} onChange={(e) => setParentId(e.target.value)} disabled={!source || !tree.data}>
              <option value="">{t('library.adopt.choose')}</option>
              {parents.map((n) => (
                <option key={n.id} value={n.id}>
                  {L.nodeKind[n.kind]}: {n.title}
                </option>
              ))}
            </select>
          </Field>
          {source && tree.data && parents.length === 0 ? (
            <Notice tone="warning">{t('library.adopt.noParent', { kind: L.nodeKind[source.kind] })}</Notice>
          ) : null}
          {tree.error ? <ErrorMessage error={tree.error} /> : null}
          <div className="library-adopt__buttons">
            <button type="button" className="btn btn--ghost" onClick={() => setOpen(false)}>
              {t('common:common.cancel')}
            </button>
            <button type="submit" className="btn btn--primary" disabled={!source || !target || !parent}>
              {t('library.adopt.review')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
