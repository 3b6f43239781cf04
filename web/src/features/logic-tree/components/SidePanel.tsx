/**
 * Details of the selected node: title, kind, hypothesis state, detail, evidence (list, attach an
 * indicator value / a hearing finding / free text, remove) and, on measures, the action status.
 * Typed text stays in the panel until it is committed (blur or Enter), whatever else changes.
 */
import { hypothesisStates, nodeKinds, type CreateEvidenceBody, type Evidence, type HypothesisState } from '@banso/shared';
import { applyTreeOperations } from '@banso/shared/tree';
import { useEffect, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isApiError } from '../../../lib/api-error';
import { useCreateEvidence } from '../../../api/evidence/create-evidence';
import { useDeleteEvidence } from '../../../api/evidence/delete-evidence';
import { useEvidence } from '../../../api/evidence/get-evidence';
import { useFindings } from '../../../api/findings/get-findings';
import { useIndicatorValues } from '../../../api/indicators/get-indicator-values';
import { useTreeText, type TreeT } from '../i18n';
import type { TreeEditorStore } from '../lib/editor-store';
import { actionBadgeOf } from '../lib/flow-mapping';
import { actionLabels, hypothesisLabels, kindStyles } from '../lib/kinds';
import type { NodeKind, TreeNode } from '../types';
import { useEditorState } from './use-editor-state';

export interface SidePanelProps {
  store: TreeEditorStore;
  engagementId: string;
  /** False while an old revision is shown (evidence is the present one, so it is not listed). */
  live: boolean;
}

export function SidePanel({ store, engagementId, live }: SidePanelProps) {
  const state = useEditorState(store);
  const { t } = useTreeText();
  const node = state.selectedId !== null ? state.index.byId.get(state.selectedId) : undefined;
  return (
    <aside className="lt-panel" aria-label={t('panel.title')} data-testid="tree-side-panel">
      {node ? (
        <NodeDetails key={node.id} node={node} store={store} engagementId={engagementId} live={live} readOnly={state.readOnly} />
      ) : (
        <p className="lt-panel__empty">{t('panel.none')}</p>
      )}
    </aside>
  );
}

const isEnter = (e: KeyboardEvent) => e.key === 'Enter' && !e.nativeEvent.isComposing && e.keyCode !== 229;

function NodeDetails({ node, store, engagementId, live, readOnly }: { node: TreeNode; store: TreeEditorStore; engagementId: string; live: boolean; readOnly: boolean }) {
  const { t, locale } = useTreeText();
  const en = locale === 'en';
  const ids = useId();
  const [title, setTitle] = useState<{ text: string; dirty: boolean }>({ text: node.title, dirty: false });
  const [detail, setDetail] = useState<{ text: string; dirty: boolean }>({ text: node.detail, dirty: false });
  // Follow outside changes (undo, another user's version) unless the user has typed something.
  useEffect(() => setTitle((d) => (d.dirty ? d : { text: node.title, dirty: false })), [node.title]);
  useEffect(() => setDetail((d) => (d.dirty ? d : { text: node.detail, dirty: false })), [node.detail]);

  const commitTitle = () => {
    if (!title.dirty) return;
    const text = title.text.replace(/\s+/g, ' ').trim();
    if (text === '') return; // keep the draft; the store would refuse an empty title
    if (store.rename(node.id, text)) setTitle({ text, dirty: false });
  };
  const commitDetail = () => {
    if (!detail.dirty) return;
    if (store.setDetail(node.id, detail.text)) setDetail((d) => ({ ...d, dirty: false }));
  };

  const nodes = store.getState().nodes;
  const allowedKinds = useMemo<NodeKind[]>(() => {
    if (readOnly) return [node.kind];
    const withAction = new Set(nodes.filter((n) => n.action !== null).map((n) => n.id));
    return nodeKinds.filter(
      (k) => k === node.kind || applyTreeOperations(nodes, [{ op: 'update', id: node.id, kind: k }], { nodesWithAction: withAction }).ok,
    );
  }, [nodes, node.id, node.kind, readOnly]);

  const style = kindStyles[node.kind];
  const action = actionBadgeOf(node);
  const editable = live && !readOnly;

  return (
    <div className={`lt-panel__body lt-kind--${node.kind}`}>
      <div className="lt-panel__kind">
        <span aria-hidden="true">{style.icon}</span> {en ? style.labelEn : style.label}
      </div>

      <label className="lt-field" htmlFor={`${ids}-title`}>
        <span className="lt-field__label">
          {t('panel.nodeTitle')}
          {title.dirty && <span className="lt-field__dirty"> · {t('panel.unsavedDraft')}</span>}
        </span>
      </label>
      <textarea
        id={`${ids}-title`}
        className="lt-input lt-input--title"
        rows={2}
        maxLength={200}
        value={title.text}
        readOnly={!editable}
        onChange={(e) => setTitle({ text: e.target.value, dirty: true })}
        onBlur={commitTitle}
        onKeyDown={(e) => {
          if (isEnter(e) && !e.shiftKey) {
            e.preventDefault();
            commitTitle();
          }
        }}
      />

      {editable && allowedKinds.length > 1 && (
        <label className="lt-field">
          <span className="lt-field__label">{t('panel.kind')}</span>
          <select
            className="lt-input"
            value={node.kind}
            onChange={(e) => {
              const kind = nodeKinds.find((k) => k === e.target.value);
              if (kind) store.setKind(node.id, kind);
            }}
          >
            {allowedKinds.map((k) => (
              <option key={k} value={k}>
                {en ? kindStyles[k].labelEn : kindStyles[k].label}
              </option>
            ))}
          </select>
        </label>
      )}

      {node.kind !== 'goal' && editable && (
        <fieldset className="lt-field lt-hypothesis">
          <legend className="lt-field__label">{t('panel.hypothesis')}</legend>
          <div className="lt-segmented">
            {[null, ...hypothesisStates].map((h: HypothesisState | null) => (
              <label key={h ?? 'none'} className={`lt-segmented__item${node.hypothesisState === h ? ' is-on' : ''}${h ? ` lt-badge--${h}` : ''}`}>
                <input
                  type="radio"
                  name={`${ids}-hypothesis`}
                  checked={node.hypothesisState === h}
                  onChange={() => store.setHypothesis(node.id, h)}
                />
                {h === null ? t('panel.hypothesisNone') : en ? hypothesisLabels[h].labelEn : hypothesisLabels[h].label}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {node.kind !== 'goal' && !editable && (
        <div className="lt-field">
          <span className="lt-field__label">{t('panel.hypothesis')}</span>
          <span>
            {node.hypothesisState ? (
              <span className={`lt-badge lt-badge--${node.hypothesisState}`}>
                {en ? hypothesisLabels[node.hypothesisState].labelEn : hypothesisLabels[node.hypothesisState].label}
              </span>
            ) : (
              t('panel.hypothesisNone')
            )}
          </span>
        </div>
      )}

      <label className="lt-field">
        <span className="lt-field__label">
          {t('panel.detail')}
          {detail.dirty && <span className="lt-field__dirty"> · {t('panel.unsavedDraft')}</span>}
        </span>
        <textarea
          className="lt-input"
          rows={3}
          maxLength={5000}
          value={detail.text}
          readOnly={!editable}
          onChange={(e) => setDetail({ text: e.target.value, dirty: true })}
          onBlur={commitDetail}
        />
      </label>

      {action && (
        <section className="lt-panel__section" aria-labelledby={`${ids}-action`}>
          <h3 id={`${ids}-action`}>{t('panel.action')}</h3>
          <p>
            <span className={`lt-badge lt-badge--action lt-badge--${action}`}>{en ? actionLabels[action].labelEn : actionLabels[action].label}</span>{' '}
            {node.action ? t('panel.actionSelected') : t('panel.actionNone')}
          </p>
        </section>
      )}

      {live && <EvidenceSection node={node} store={store} engagementId={engagementId} editable={editable} t={t} />}
      {readOnly && <p className="lt-panel__note">{t('panel.readOnlyNote')}</p>}
    </div>
  );
}

function evidenceText(e: Evidence): { main: string; sub: string } {
  switch (e.kind) {
    case 'indicator_value':
      return { main: `${e.indicator.name}: ${e.value}${e.indicator.unit}`, sub: `${e.period}・${e.source}` };
    case 'finding':
      return { main: e.finding.text, sub: e.finding.source };
    case 'text':
      return { main: e.text, sub: e.source };
  }
}

type EvidenceMode = 'indicator_value' | 'finding' | 'text';

function EvidenceSection({ node, store, engagementId, editable, t }: { node: TreeNode; store: TreeEditorStore; engagementId: string; editable: boolean; t: TreeT }) {
  const ids = useId();
  const saved = store.isSaved(node.id);
  const evidence = useEvidence(engagementId, node.id, saved);
  const create = useCreateEvidence(engagementId, node.id);
  const remove = useDeleteEvidence(engagementId, node.id);
  const [adding, setAdding] = useState(false);
  const [mode, setMode] = useState<EvidenceMode>('indicator_value');
  const [choice, setChoice] = useState('');
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const indicatorValues = useIndicatorValues(engagementId, adding && mode === 'indicator_value');
  const findings = useFindings(engagementId, adding && mode === 'finding');

  const count = evidence.data?.items.length;
  useEffect(() => {
    if (count !== undefined && count !== node.evidenceCount) store.patchExtras(node.id, { evidenceCount: count });
  }, [count, node.evidenceCount, node.id, store]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    let body: CreateEvidenceBody;
    if (mode === 'text') {
      if (text.trim() === '') return;
      body = { kind: 'text', text: text.trim(), source: source.trim() };
    } else {
      if (choice === '') return;
      body = mode === 'finding' ? { kind: 'finding', findingId: choice } : { kind: 'indicator_value', indicatorValueId: choice };
    }
    create.mutate(body, {
      onSuccess: () => {
        setChoice('');
        setText('');
        setSource('');
        setAdding(false);
      },
    });
  };

  return (
    <section className="lt-panel__section" aria-labelledby={`${ids}-evidence`}>
      <h3 id={`${ids}-evidence`}>
        {t('panel.evidence')} {count !== undefined && <span className="lt-count">{count}</span>}
      </h3>
      {!saved ? (
        <p className="lt-panel__note">{t('panel.evidenceUnsaved')}</p>
      ) : evidence.isPending ? (
        <p className="lt-panel__note">{t('panel.evidenceLoading')}</p>
      ) : evidence.data && evidence.data.items.length > 0 ? (
        <ul className="lt-evidence">
          {evidence.data.items.map((item) => {
            const { main, sub } = evidenceText(item);
            return (
              <li key={item.id} className={`lt-evidence__item lt-evidence__item--${item.kind}`}>
                <span className="lt-evidence__kind">{t(`panel.evidenceKind.${item.kind}`)}</span>
                <span className="lt-evidence__main">{main}</span>
                {sub && <span className="lt-evidence__sub">{sub}</span>}
                {editable && (
                  <button type="button" className="lt-button lt-button--small lt-button--danger-text" onClick={() => remove.mutate(item.id)} aria-label={`${t('panel.evidenceRemove')}: ${main}`}>
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="lt-panel__note">{t('panel.evidenceNone')}</p>
      )}

      {editable && saved && !adding && (
        <button type="button" className="lt-button" onClick={() => setAdding(true)}>
          <span aria-hidden="true">＋</span> {t('panel.evidenceAdd')}
        </button>
      )}
      {editable && saved && adding && (
        <form className="lt-evidence-form" onSubmit={submit}>
          <div className="lt-segmented" role="radiogroup" aria-label={t('panel.evidenceAdd')}>
            {(['indicator_value', 'finding', 'text'] as const).map((m) => (
              <label key={m} className={`lt-segmented__item${mode === m ? ' is-on' : ''}`}>
                <input
                  type="radio"
                  name={`${ids}-mode`}
                  checked={mode === m}
                  onChange={() => {
                    setMode(m);
                    setChoice('');
                  }}
                />
                {t(`panel.evidenceKind.${m}`)}
              </label>
            ))}
          </div>
          {mode === 'indicator_value' && (
            <select className="lt-input" value={choice} onChange={(e) => setChoice(e.target.value)} aria-label={t('panel.evidenceChooseIndicator')}>
              <option value="">{indicatorValues.isPending ? t('panel.evidenceLoading') : t('panel.evidenceChooseIndicator')}</option>
              {indicatorValues.data?.items.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}: {v.value}
                  {v.unit}（{v.period}）
                </option>
              ))}
            </select>
          )}
          {mode === 'finding' && (
            <select className="lt-input" value={choice} onChange={(e) => setChoice(e.target.value)} aria-label={t('panel.evidenceChooseFinding')}>
              <option value="">{findings.isPending ? t('panel.evidenceLoading') : t('panel.evidenceChooseFinding')}</option>
              {findings.data?.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.text.length > 60 ? `${f.text.slice(0, 60)}…` : f.text}
                </option>
              ))}
            </select>
          )}
          {mode === 'text' && (
            <>
              <label className="lt-field">
                <span className="lt-field__label">{t('panel.evidenceText')}</span>
                <textarea className="lt-input" rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
              </label>
              <label className="lt-field">
                <span className="lt-field__label">{t('panel.evidenceSource')}</span>
                <input className="lt-input" maxLength={200} value={source} onChange={(e) => setSource(e.target.value)} />
              </label>
            </>
          )}
          {create.isError && (
            <p className="lt-panel__error" role="alert">
              {t('panel.evidenceError', { detail: isApiError(create.error) ? create.error.detail : String(create.error) })}
            </p>
          )}
          <div className="lt-dialog__actions">
            <button type="button" className="lt-button" onClick={() => setAdding(false)}>
              {t('confirm.cancel')}
            </button>
            <button type="submit" className="lt-button lt-button--primary" disabled={create.isPending}>
              {t('panel.evidenceAttach')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
