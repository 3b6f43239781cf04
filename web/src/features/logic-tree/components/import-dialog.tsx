/**
 * 「Excelから取り込む」: a modal (native <dialog>: focus trap and Escape) that reads an outline — an
 * xlsx/CSV file or pasted text — through the API preview (shared/tree/outline), shows it as an
 * indented list with a kind select per node and the errors by row, and imports it as one revision
 * (replace the tree, or append under a node). Every change of a kind, the mode or the parent asks the
 * preview again, so the errors shown are always the server's reading of what will be written.
 */
import { MAX_NODE_TITLE, nodeKinds, type NodeKind, type Tree, type TreeImportError, type TreeImportPreview } from '@banso/shared';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TreeImportSource, useImportTree, usePreviewTreeImport } from '../../../api/tree/import-tree';
import { ErrorMessage } from '../../../components/ui/error-message';
import { placesOf } from '../lib/flow-mapping';
import type { TreeNode } from '../types';
import { useTreeText } from './use-tree-text';

export interface ImportDialogProps {
  engagementId: string;
  open: boolean;
  /** The live tree's nodes (the parents to append under). */
  nodes: readonly TreeNode[];
  /** Saves what the editor has pending and answers the revision to import against. */
  prepare: () => Promise<number>;
  onClose: () => void;
  onImported: (tree: Tree, count: number) => void;
}

type Mode = 'replace' | 'append';

export function ImportDialog(p: ImportDialogProps) {
  const { t } = useTranslation('treeImport');
  const { labels } = useTreeText();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [sourceKind, setSourceKind] = useState<'file' | 'text'>('text');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [kinds, setKinds] = useState<Record<string, NodeKind>>({});
  const [mode, setMode] = useState<Mode>(p.nodes.length === 0 ? 'replace' : 'append');
  const parents = useMemo(() => p.nodes.filter((n) => n.kind !== 'measure'), [p.nodes]);
  const levels = useMemo(() => placesOf([...p.nodes]), [p.nodes]);
  const [parentId, setParentId] = useState<string>(parents[0]?.id ?? '');
  const [confirmReplace, setConfirmReplace] = useState(false);
  const [shown, setShown] = useState<{ preview: TreeImportPreview; source: TreeImportSource } | null>(null);
  const preview = usePreviewTreeImport(p.engagementId);
  const importing = useImportTree(p.engagementId);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (p.open && !d.open) d.showModal();
    if (!p.open && d.open) d.close();
  }, [p.open]);
  useEffect(() => {
    if (!parents.some((n) => n.id === parentId)) setParentId(parents[0]?.id ?? '');
  }, [parents, parentId]);

  const read = (source: TreeImportSource, next: { kinds?: Record<string, NodeKind>; mode?: Mode; parentId?: string } = {}) => {
    const m = next.mode ?? mode;
    preview.mutate(
      { source, mode: m, parentId: m === 'append' ? (next.parentId ?? parentId) : undefined, kinds: next.kinds ?? kinds },
      { onSuccess: (result) => setShown({ preview: result, source }) },
    );
  };
  const currentSource = (): TreeImportSource | null =>
    sourceKind === 'file' ? (file ? { kind: 'file', file } : null) : text.trim() !== '' ? { kind: 'text', text } : null;
  const again = (next: { kinds?: Record<string, NodeKind>; mode?: Mode; parentId?: string }) => {
    if (shown) read(shown.source, next);
  };

  const result = shown?.preview;
  const nodesByRef = useMemo(() => new Map((result?.nodes ?? []).map((n) => [n.ref, n])), [result]);
  const parentKind = mode === 'append' ? p.nodes.find((n) => n.id === parentId)?.kind : undefined;
  const errorText = (e: TreeImportError): string => {
    const node = e.ref !== null ? nodesByRef.get(e.ref) : undefined;
    const parentOf = node?.parentRef ? nodesByRef.get(node.parentRef)?.kind : parentKind;
    const params = {
      goal: labels.nodeKind.goal,
      measure: labels.nodeKind.measure,
      kind: node ? labels.nodeKind[node.kind] : '',
      parent: parentOf ? labels.nodeKind[parentOf] : labels.nodeKind.goal,
      max: e.code === 'too_many_nodes' ? (/at most (\d+)/.exec(e.message)?.[1] ?? '') : MAX_NODE_TITLE,
    };
    const words = t(`error.${e.code}`, params);
    return e.row === null ? words : t('error.row', { row: e.row, message: words });
  };
  const errorRefs = new Set((result?.errors ?? []).map((e) => e.ref));
  const needsConfirm = mode === 'replace' && (result?.treeHasNodes ?? p.nodes.length > 0);
  const canImport =
    result !== undefined &&
    result.errors.length === 0 &&
    result.nodes.length > 0 &&
    (!needsConfirm || confirmReplace) &&
    (mode === 'replace' || parentId !== '') &&
    !preview.isPending &&
    !importing.isPending;

  const doImport = async () => {
    if (!result) return;
    const revision = await p.prepare();
    importing.mutate(
      {
        revision,
        body: {
          mode,
          ...(mode === 'append' ? { parentId } : {}),
          confirmReplace,
          nodes: result.nodes.map(({ ref, row, parentRef, kind, title }) => ({ ref, row, parentRef, kind, title })),
        },
      },
      { onSuccess: (tree) => p.onImported(tree, result.nodes.length) },
    );
  };

  return (
    <dialog
      ref={ref}
      className="lt-dialog lt-import"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      onCancel={(e) => {
        e.preventDefault();
        p.onClose();
      }}
      data-testid="tree-import-dialog"
    >
      {p.open && (
        <>
          <h2 id={`${id}-title`}>{t('dialog.title')}</h2>
          <p id={`${id}-intro`} className="lt-import__intro">
            {t('dialog.intro')}
          </p>
          <form
            className="lt-import__source"
            onSubmit={(e) => {
              e.preventDefault();
              const source = currentSource();
              if (source) read(source);
            }}
          >
            <fieldset className="lt-import__choice">
              <legend>{t('source.legend')}</legend>
              {(['text', 'file'] as const).map((k) => (
                <label key={k}>
                  <input type="radio" name={`${id}-source`} checked={sourceKind === k} onChange={() => setSourceKind(k)} />
                  {t(k === 'file' ? 'source.file' : 'source.text')}
                </label>
              ))}
            </fieldset>
            {sourceKind === 'file' ? (
              <label className="lt-import__field">
                {t('source.fileLabel')}
                <input
                  type="file"
                  accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  data-testid="tree-import-file"
                />
              </label>
            ) : (
              <label className="lt-import__field">
                {t('source.textLabel')}
                <textarea
                  rows={6}
                  value={text}
                  placeholder={t('source.textPlaceholder')}
                  onChange={(e) => setText(e.target.value)}
                  data-testid="tree-import-text"
                />
              </label>
            )}
            <div>
              <button type="submit" className="lt-button" disabled={currentSource() === null || preview.isPending}>
                {preview.isPending ? t('action.previewing') : t('action.preview')}
              </button>
            </div>
          </form>
          {preview.error ? <ErrorMessage error={preview.error} /> : null}
          {result && (
            <section className="lt-import__preview" aria-labelledby={`${id}-preview`}>
              <h3 id={`${id}-preview`}>{t('preview.heading', { count: result.nodes.length })}</h3>
              <p className="lt-import__readas">
                {t('preview.readAs', { source: t(`preview.source.${result.source}`), layout: t(`preview.layout.${result.layout}`) })}
              </p>
              <ol className="lt-import__list" aria-label={t('preview.list')} data-testid="tree-import-preview">
                {result.nodes.map((n) => (
                  <li
                    key={n.ref}
                    className={`lt-import__row${errorRefs.has(n.ref) ? ' lt-import__row--error' : ''}`}
                    style={{ paddingInlineStart: `${n.depth * 20 + 4}px` }}
                  >
                    <span className="lt-import__rownum">{t('preview.row', { row: n.row })}</span>
                    <select
                      className="lt-import__kind"
                      aria-label={t('preview.kindLabel', { row: n.row, title: n.title })}
                      value={n.kind}
                      onChange={(e) => {
                        const kind = e.target.value as NodeKind;
                        const next = { ...kinds };
                        if (kind === n.suggested) delete next[n.ref];
                        else next[n.ref] = kind;
                        setKinds(next);
                        again({ kinds: next });
                      }}
                    >
                      {nodeKinds.map((k) => (
                        <option key={k} value={k}>
                          {labels.nodeKind[k]}
                        </option>
                      ))}
                    </select>
                    <span className="lt-import__title">{n.title}</span>
                    {n.kind !== n.suggested && <span className="lt-import__changed">{t('preview.changed')}</span>}
                  </li>
                ))}
              </ol>
              {result.errors.length > 0 ? (
                <div className="lt-import__errors" role="alert" data-testid="tree-import-errors">
                  <h4>{t('errors.heading', { count: result.errors.length })}</h4>
                  <ul>
                    {result.errors.map((e, i) => (
                      <li key={i}>{errorText(e)}</li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p className="lt-import__ok" role="status">
                  {t('errors.none')}
                </p>
              )}
              <fieldset className="lt-import__choice">
                <legend>{t('mode.legend')}</legend>
                {(['replace', 'append'] as const).map((m) => (
                  <label key={m}>
                    <input
                      type="radio"
                      name={`${id}-mode`}
                      checked={mode === m}
                      disabled={m === 'append' && parents.length === 0}
                      onChange={() => {
                        setMode(m);
                        again({ mode: m });
                      }}
                    />
                    {t(m === 'replace' ? 'mode.replace' : 'mode.append')}
                  </label>
                ))}
              </fieldset>
              {mode === 'append' ? (
                <label className="lt-import__field">
                  {t('mode.parent')}
                  <select
                    value={parentId}
                    onChange={(e) => {
                      setParentId(e.target.value);
                      again({ parentId: e.target.value });
                    }}
                  >
                    {parents.map((n) => (
                      <option key={n.id} value={n.id}>
                        {`${'\u00a0'.repeat(((levels.get(n.id)?.level ?? 1) - 1) * 3)}${labels.nodeKind[n.kind]}: ${n.title}`}
                      </option>
                    ))}
                  </select>
                </label>
              ) : needsConfirm ? (
                <label className="lt-import__confirm">
                  <input type="checkbox" checked={confirmReplace} onChange={(e) => setConfirmReplace(e.target.checked)} />
                  {t('mode.confirmReplace', { count: p.nodes.length })}
                </label>
              ) : null}
            </section>
          )}
          {importing.error ? <ErrorMessage error={importing.error} /> : null}
          <div className="lt-dialog__actions">
            <button type="button" className="lt-button" onClick={p.onClose}>
              {t('action.cancel')}
            </button>
            <button type="button" className="lt-button lt-button--primary" disabled={!canImport} onClick={() => void doImport()}>
              {importing.isPending ? t('action.importing') : t('action.import')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
