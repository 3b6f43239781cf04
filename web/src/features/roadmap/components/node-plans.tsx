import { type Access, can, type NodeKind, planNodeKinds } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTree } from '../../../api/tree/get-tree';
import { Field } from '../../../components/ui/field';
import { useLabels } from '../../../i18n';
import type { AnyPlan } from '../lib/rows';
import { PlanSection } from './plan-section';

interface NodeWithPlans {
  node: { id: string; title: string; kind: NodeKind };
  plans: readonly AnyPlan[];
}

/**
 * 目指す姿・アウトカムの検証: the plans on the goal, outcome and issue nodes (the vision-level outcome
 * indicators, or qualitative plans), above the actions' timeline. The team and the municipality add
 * one to any such node of the tree.
 */
export function NodePlans({
  engagementId,
  nodePlans,
  access,
  today,
}: {
  engagementId: string;
  nodePlans: readonly NodeWithPlans[];
  access: Access;
  today: string;
}) {
  const { t } = useTranslation(['roadmap', 'common']);
  const L = useLabels();
  const headingId = useId();
  const pickId = useId();
  const canEdit = can(access, 'roadmap.write');
  const tree = useTree(engagementId);
  const [picked, setPicked] = useState('');
  const candidates = (tree.data?.nodes ?? []).filter(
    (n) => (planNodeKinds as readonly string[]).includes(n.kind) && !nodePlans.some((p) => p.node.id === n.id),
  );
  const pickedNode = candidates.find((n) => n.id === picked);
  return (
    <section className="node-plans card" aria-labelledby={headingId} data-testid="node-plans">
      <h3 id={headingId} className="row-panel__title">
        {t('nodePlans.title')}
      </h3>
      <p className="muted">{t('nodePlans.lead')}</p>
      {nodePlans.map(({ node, plans }) => (
        <section key={node.id} className="node-plans__node" aria-label={`${L.nodeKind[node.kind]} ${node.title}`}>
          <h4 className="node-plans__title">
            <span className="plan-card__code">{L.nodeKind[node.kind]}</span>
            {node.title}
          </h4>
          <PlanSection engagementId={engagementId} subject={{ nodeId: node.id }} plans={plans} access={access} today={today} />
        </section>
      ))}
      {nodePlans.length === 0 ? <p className="muted">{t('nodePlans.empty')}</p> : null}
      {canEdit && candidates.length > 0 ? (
        <div className="node-plans__add">
          <Field id={pickId} label={t('nodePlans.pick')}>
            <select id={pickId} value={picked} onChange={(e) => setPicked(e.target.value)}>
              <option value="">{t('nodePlans.pickNone')}</option>
              {candidates.map((n) => (
                <option key={n.id} value={n.id}>
                  {t('nodePlans.option', { kind: L.nodeKind[n.kind], title: n.title })}
                </option>
              ))}
            </select>
          </Field>
          {pickedNode ? (
            <section className="node-plans__node" aria-label={`${L.nodeKind[pickedNode.kind]} ${pickedNode.title}`}>
              <h4 className="node-plans__title">
                <span className="plan-card__code">{L.nodeKind[pickedNode.kind]}</span>
                {pickedNode.title}
              </h4>
              <PlanSection engagementId={engagementId} subject={{ nodeId: pickedNode.id }} plans={[]} access={access} today={today} />
            </section>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
