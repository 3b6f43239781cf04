import { useEffect, useId, useRef, useState } from 'react';
import { useEvidence } from '../../../../api/evidence/get-evidence';
import { useTreeText } from '../use-tree-text';
import type { TreeEditorStore } from '../../lib/editor-store';
import type { TreeNode } from '../../types';
import { EvidenceForm, useEvidenceDraft } from './evidence-form';
import { EvidenceList } from './evidence-list';

/** The node's evidence: listed, attached (saved nodes only) and removed; keeps the node's evidence count in step. */
export function EvidenceSection({
  node,
  store,
  engagementId,
  editable,
}: {
  node: TreeNode;
  store: TreeEditorStore;
  engagementId: string;
  editable: boolean;
}) {
  const { t } = useTreeText();
  const ids = useId();
  const saved = store.isSaved(node.id);
  const evidence = useEvidence(engagementId, node.id, saved);
  const [adding, setAdding] = useState(false);
  const draft = useEvidenceDraft();
  // Opening and closing the form replaces the focused control: focus follows (never to <body>).
  const section = useRef<HTMLElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (!opened.current) {
      opened.current = true;
      return;
    }
    // Only when focus was in the section (or fell to <body> with the replaced control), never stolen from elsewhere.
    const active = document.activeElement;
    if (active !== null && active !== document.body && !section.current?.contains(active)) return;
    const target = adding
      ? section.current?.querySelector<HTMLElement>('.lt-evidence-form input:checked, .lt-evidence-form input')
      : section.current?.querySelector<HTMLElement>('[data-evidence-add]');
    target?.focus();
  }, [adding]);

  const count = evidence.data?.items.length;
  useEffect(() => {
    if (count !== undefined && count !== node.evidenceCount) store.patchExtras(node.id, { evidenceCount: count });
  }, [count, node.evidenceCount, node.id, store]);

  return (
    <section ref={section} className="lt-panel__section" aria-labelledby={`${ids}-evidence`}>
      <h3 id={`${ids}-evidence`}>
        {t('panel.evidence')} {count !== undefined && <span className="lt-count">{count}</span>}
      </h3>
      {!saved ? (
        <p className="lt-panel__note">{t('panel.evidenceUnsaved')}</p>
      ) : evidence.isPending ? (
        <p className="lt-panel__note">{t('panel.evidenceLoading')}</p>
      ) : evidence.data && evidence.data.items.length > 0 ? (
        <EvidenceList items={evidence.data.items} engagementId={engagementId} nodeId={node.id} editable={editable} />
      ) : (
        <p className="lt-panel__note">{t('panel.evidenceNone')}</p>
      )}

      {editable && saved && !adding && (
        <button type="button" className="lt-button" onClick={() => setAdding(true)} data-evidence-add>
          <span aria-hidden="true">+</span> {t('panel.evidenceAdd')}
        </button>
      )}
      {editable && saved && adding && (
        <EvidenceForm name={`${ids}-mode`} engagementId={engagementId} nodeId={node.id} draft={draft} onClose={() => setAdding(false)} />
      )}
    </section>
  );
}
