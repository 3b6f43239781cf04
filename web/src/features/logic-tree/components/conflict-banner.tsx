import { formatDateTime } from '@banso/shared';
import { useMe } from '../../../api/auth/get-me';
import { useTreeRevisions } from '../../../api/tree/get-tree-revisions';
import { revisionSummaryText } from '../lib/revision-summary';
import { useTreeText } from './use-tree-text';
import type { TreeEditorStore } from '../lib/editor-store';
import { useEditorState } from './use-editor-state';
import type { TreeChange } from '../lib/tree-diff';

/** At most this many changes per side are listed; the rest are counted. */
const SHOWN = 8;

/** One side's node-by-node changes: added, removed, renamed (from → to), moved (under …). */
function ChangeList({ changes }: { changes: readonly TreeChange[] }) {
  const { t } = useTreeText();
  const line = (c: TreeChange) =>
    c.op === 'rename'
      ? t('conflict.diff.rename', { from: c.from, title: c.title })
      : c.op === 'move'
        ? t('conflict.diff.move', { title: c.title, parent: c.parent })
        : t(`conflict.diff.${c.op}`, { title: c.title });
  return (
    <ul className="lt-conflict__diff-list">
      {changes.slice(0, SHOWN).map((c, i) => (
        <li key={i}>{line(c)}</li>
      ))}
      {changes.length > SHOWN && <li className="lt-conflict__more">{t('conflict.diff.more', { count: changes.length - SHOWN })}</li>}
    </ul>
  );
}

/**
 * Shown after a save met a newer version (412): who changed the tree meanwhile and what (from the
 * revision history — the user's own other tab or device says so, not 「他の人」), the newer tree
 * loaded, the user's edits that still apply kept on top (unsaved until they confirm), and any typed
 * title that could not be re-applied shown so it is not lost.
 */
export function ConflictBanner({ store, engagementId }: { store: TreeEditorStore; engagementId: string }) {
  const { conflict } = useEditorState(store);
  const { t, text, locale } = useTreeText();
  const me = useMe();
  const history = useTreeRevisions(engagementId, conflict !== null);
  if (!conflict) return null;
  const meanwhile = (history.data?.items ?? []).filter((r) => r.revision > conflict.since && r.revision <= conflict.revision);
  const myId = me.data?.user.id;
  const others = [...new Set(meanwhile.filter((r) => r.actor && r.actor.id !== myId).map((r) => r.actor!.name))];
  const onlyMe = meanwhile.length > 0 && others.length === 0 && meanwhile.every((r) => r.actor?.id === myId);
  const title = onlyMe
    ? t('conflict.titleSelf')
    : others.length > 0
      ? t('conflict.titleBy', { names: new Intl.ListFormat(locale, { type: 'conjunction' }).format(others) })
      : t('conflict.title');
  return (
    <div className="lt-conflict" role="alert" data-testid="tree-conflict">
      <strong className="lt-conflict__title">{title}</strong>
      {meanwhile.length > 0 && (
        <ul className="lt-conflict__changes" aria-label={t('conflict.changes')}>
          {[...meanwhile]
            .sort((a, b) => a.revision - b.revision)
            .map((r) => (
              <li key={r.revision}>
                {t('conflict.change', {
                  revision: r.revision,
                  name: r.actor ? (r.actor.id === myId ? t('conflict.you') : r.actor.name) : '—',
                  date: formatDateTime(r.createdAt, locale),
                  summary: revisionSummaryText(r.summary, text, locale),
                })}
              </li>
            ))}
        </ul>
      )}
      {(conflict.theirs.length > 0 || conflict.mine.length > 0) && (
        <div className="lt-conflict__diff">
          {conflict.theirs.length > 0 && (
            <section aria-label={t('conflict.theirs')}>
              <h3 className="lt-conflict__heading">{t('conflict.theirs')}</h3>
              <ChangeList changes={conflict.theirs} />
            </section>
          )}
          {conflict.mine.length > 0 && (
            <section aria-label={t('conflict.mine')}>
              <h3 className="lt-conflict__heading">{t('conflict.mine')}</h3>
              <ChangeList changes={conflict.mine} />
            </section>
          )}
        </div>
      )}
      <p>{conflict.kept > 0 ? t('conflict.kept', { count: conflict.kept }) : t('conflict.none', { revision: conflict.revision })}</p>
      {conflict.lostTitles.length > 0 && (
        <>
          <p>{t('conflict.lost')}</p>
          <ul className="lt-conflict__lost">
            {conflict.lostTitles.map((title, i) => (
              <li key={i}>
                <input readOnly value={title} aria-label={t('conflict.lost')} onFocus={(e) => e.currentTarget.select()} />
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="lt-conflict__actions">
        {conflict.kept > 0 ? (
          <>
            <button type="button" className="lt-button lt-button--primary" onClick={() => store.resolveConflict('save')}>
              {t('conflict.save')}
            </button>
            <button type="button" className="lt-button" onClick={() => store.resolveConflict('discard')}>
              {t('conflict.discard')}
            </button>
          </>
        ) : (
          <button type="button" className="lt-button" onClick={() => store.resolveConflict('discard')}>
            {t('conflict.close')}
          </button>
        )}
      </div>
    </div>
  );
}
