/**
 * One memoized node component per kind (目指す姿 / 中間アウトカム / 課題 / 要因 / 取組案): colour,
 * icon, label, title (the lines the shared measure gave, each a run of whole BudouX phrases with
 * <wbr> between them and `word-break: keep-all`, so screen, SVG export, report and PPTX break alike),
 * hypothesis state, evidence count and, on measures, the action status. The title becomes an inline
 * editor on F2 / Tab / Enter.
 */
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { phrases } from '@banso/shared';
import { Fragment, memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTreeText } from './use-tree-text';
import { placeId, type TreeFlowNode, type TreeNodeData } from '../lib/flow-mapping';
import { actionLabels, hypothesisLabels, kindStyles } from '../lib/kinds';
import { wrapTitle } from '../lib/node-size';
import { firstChildKind } from '../lib/intents';
import type { NodeKind } from '../types';
import { useEditorContext } from './editor-context';
import { useNodeCommentCount } from './comment-counts';
import { CommentBadge } from '../../../components/comments/comment-threads';
import { SelectActionLink } from './select-action-link';

export function InlineTitleEditor({
  id,
  kind,
  title,
  label,
  className = 'lt-node__editor nodrag nopan nowheel',
}: {
  id: string;
  kind: NodeKind;
  title: string;
  label: string;
  className?: string;
}) {
  const { store, focusNode } = useEditorContext();
  const [value, setValue] = useState(title);
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.select();
  }, []);

  const commit = (then?: () => void) => {
    if (done.current) return;
    done.current = true;
    const text = value.replace(/\s+/g, ' ').trim();
    if (text !== '' && text !== title) store.rename(id, text);
    store.stopEditing();
    if (then) then();
    else focusNode(store.getState().selectedId ?? id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    e.stopPropagation();
    // IME conversion (Japanese input) uses Enter to confirm a conversion: never commit then.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      done.current = true;
      // A node just created and left untitled is taken back, not left behind as 「新しい○○」.
      const abandoned = value.trim() === title && store.abandonNew(id);
      store.stopEditing();
      focusNode(abandoned ? (store.getState().selectedId ?? id) : id);
    } else if (e.key === 'Tab') {
      // While editing, Tab confirms and adds a child where the kind allows one (a 取組 is a leaf:
      // Tab only confirms there); Shift+Tab confirms.
      e.preventDefault();
      if (!e.shiftKey && firstChildKind(kind) !== null) commit(() => void store.addChild(id));
      else commit();
    }
  };

  return (
    <textarea
      ref={ref}
      className={className}
      aria-label={label}
      value={value}
      rows={2}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => commit(() => undefined)}
    />
  );
}

function NodeCard({ id, kind, data, selected }: { id: string; kind: NodeKind; data: TreeNodeData; selected: boolean }) {
  const { labels, t } = useTreeText();
  const { toggle, selectActionHref, store } = useEditorContext();
  const comments = useNodeCommentCount(id);
  const style = kindStyles[kind];
  const classes = ['lt-node', `lt-node--${kind}`];
  if (selected) classes.push('is-selected');
  if (data.drop) classes.push(`is-drop-${data.drop}`);
  if (data.match) classes.push('is-match');
  const hypothesis = data.hypothesisState ? hypothesisLabels[data.hypothesisState] : null;
  const action = data.actionBadge ? actionLabels[data.actionBadge] : null;
  return (
    <div className={classes.join(' ')}>
      <Handle type="target" position={Position.Left} isConnectable={false} className="lt-handle" />
      <div className="lt-node__kind">
        <span className="lt-node__icon" aria-hidden="true">
          {style.icon}
        </span>
        {labels.nodeKind[kind]}
      </div>
      {data.editing ? (
        <InlineTitleEditor id={id} kind={kind} title={data.title} label={t('node.titleOf', { kind: labels.nodeKind[kind] })} />
      ) : (
        <div className="lt-node__title" title={data.title}>
          {wrapTitle(data.title).map((line, i) => (
            <span key={i}>
              {phrases(line).map((phrase, j) => (
                <Fragment key={j}>
                  {j > 0 && <wbr />}
                  {phrase}
                </Fragment>
              ))}
            </span>
          ))}
        </div>
      )}
      <div className="lt-node__badges">
        {hypothesis && (
          <span className={`lt-badge lt-badge--${data.hypothesisState}`}>
            {data.hypothesisState ? labels.hypothesisState[data.hypothesisState] : null}
          </span>
        )}
        {data.evidenceCount > 0 && (
          <span className="lt-badge lt-badge--evidence" title={t('node.evidence')}>
            {t('node.evidence')} {data.evidenceCount}
          </span>
        )}
        {action && (
          <span className={`lt-badge lt-badge--action lt-badge--${data.actionBadge}`}>
            {data.actionBadge ? labels.actionBadge[data.actionBadge] : null}
          </span>
        )}
        <CommentBadge count={comments} />
      </div>
      {/* Pointer conveniences (the keyboard has the outline's ←/→ and the side panel): not tab stops. */}
      {toggle && data.hidden !== 0 && (
        <button
          type="button"
          className="lt-node__fold nodrag"
          tabIndex={-1}
          aria-expanded={data.hidden < 0}
          aria-label={data.hidden < 0 ? t('node.collapse') : t('node.expand', { count: data.hidden })}
          onClick={(e) => {
            e.stopPropagation();
            toggle(id, data.hidden > 0);
          }}
        >
          {data.hidden < 0 ? '−' : `+${data.hidden}`}
        </button>
      )}
      {selectActionHref && data.actionBadge === 'not_selected' && selected && store.isSaved(id) && (
        <SelectActionLink href={selectActionHref(id)} className="lt-node__select nodrag" tabIndex={-1} />
      )}
      {data.place !== '' && (
        <span id={placeId(id)} hidden>
          {data.place}
        </span>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} className="lt-handle" />
    </div>
  );
}

type P = NodeProps<TreeFlowNode>;

export const GoalNode = memo(function GoalNode({ id, data, selected }: P) {
  return <NodeCard id={id} kind="goal" data={data} selected={selected} />;
});
export const OutcomeNode = memo(function OutcomeNode({ id, data, selected }: P) {
  return <NodeCard id={id} kind="outcome" data={data} selected={selected} />;
});
export const IssueNode = memo(function IssueNode({ id, data, selected }: P) {
  return <NodeCard id={id} kind="issue" data={data} selected={selected} />;
});
export const CauseNode = memo(function CauseNode({ id, data, selected }: P) {
  return <NodeCard id={id} kind="cause" data={data} selected={selected} />;
});
export const MeasureNode = memo(function MeasureNode({ id, data, selected }: P) {
  return <NodeCard id={id} kind="measure" data={data} selected={selected} />;
});

/** At module scope, so React Flow never sees a new object. */
export const nodeTypes = {
  goal: GoalNode,
  outcome: OutcomeNode,
  issue: IssueNode,
  cause: CauseNode,
  measure: MeasureNode,
} satisfies Record<NodeKind, NodeTypes[string]>;
