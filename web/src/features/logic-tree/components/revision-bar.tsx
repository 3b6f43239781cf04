import { can, type TreeRevision } from '@banso/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { formatDateTime } from '@banso/shared';
import { useMe } from '../../../api/auth/get-me';
import { engagementQueryOptions } from '../../../api/engagements/get-engagement';
import { useRestoreTreeRevision } from '../../../api/tree/restore-tree-revision';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { matchRoute, useLocation } from '../../../lib/router';
import { revisionSummaryText } from '../lib/revision-summary';
import { useTreeText } from './use-tree-text';

/**
 * The engagement of the page and whether the caller may edit its tree (policy tree.edit), for
 * 「この版に戻す」: from the route and the cached engagement, as the bar gets neither as a prop.
 */
function useRestoreTarget(): { engagementId: string; canRestore: boolean } | null {
  const location = useLocation();
  const route = matchRoute(location.pathname, location.search);
  const engagementId = route.name === 'engagement' ? route.id : null;
  const me = useMe();
  const engagement = useQuery({ ...engagementQueryOptions(engagementId ?? ''), enabled: engagementId !== null });
  if (engagementId === null || !engagement.data || !me.data) return null;
  return { engagementId, canRestore: can({ userId: me.data.user.id, role: engagement.data.myRole }, 'tree.edit') };
}

/** 「この版に戻す」: confirmed, then a new revision equal to the one shown; the live tree is shown again. */
function RestoreButton({
  engagementId,
  revision,
  current,
  onRestored,
}: {
  engagementId: string;
  revision: number;
  current: number;
  onRestored: () => void;
}) {
  const { t } = useTreeText();
  const restore = useRestoreTreeRevision(engagementId);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="lt-button" disabled={restore.isPending} onClick={() => setConfirming(true)}>
        {restore.isPending ? t('history.restoring') : t('history.restore')}
      </button>
      {restore.error ? <ErrorMessage error={restore.error} /> : null}
      <ConfirmDialog
        open={confirming}
        title={t('history.restoreTitle', { revision })}
        body={t('history.restoreBody', { revision, next: current + 1 })}
        confirmLabel={t('history.restoreConfirm')}
        cancelLabel={t('confirm.cancel')}
        onConfirm={() => {
          setConfirming(false);
          restore.mutate({ revision, currentRevision: current }, { onSuccess: onRestored });
        }}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}

export interface RevisionBarProps {
  current: number;
  /** The revision shown; null = the live (newest) tree. */
  viewing: number | null;
  playing: boolean;
  revisions: readonly TreeRevision[];
  loading: boolean;
  onView: (revision: number | null) => void;
  onPlay: (playing: boolean) => void;
}

/** A slider over the tree's revisions; anything but the newest is shown read-only. Play replays the growth. */
export function RevisionBar({ current, viewing, playing, revisions, loading, onView, onPlay }: RevisionBarProps) {
  const { t, locale, text } = useTreeText();
  const target = useRestoreTarget();
  const shown = viewing ?? current;

  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(() => {
      const next = shown + 1;
      if (next >= current) {
        onPlay(false);
        onView(null);
      } else onView(next);
    }, 700);
    return () => clearTimeout(timer);
  }, [playing, shown, current, onPlay, onView]);

  if (current < 1) return null;
  const info = revisions.find((r) => r.revision === shown);
  const date = info ? formatDateTime(info.createdAt, locale) : '';
  const summary = info ? revisionSummaryText(info.summary, text, locale) : '';
  return (
    <div className="lt-revisions" role="group" aria-label={t('history.label')}>
      <button
        type="button"
        className="lt-button lt-button--icon"
        onClick={() => {
          if (playing) onPlay(false);
          else {
            onView(1);
            onPlay(true);
          }
        }}
        aria-label={playing ? t('history.stop') : t('history.play')}
        title={playing ? t('history.stop') : t('history.play')}
        disabled={current < 2}
      >
        {playing ? '■' : '▶'}
      </button>
      <label className="lt-revisions__slider">
        <span className="lt-visually-hidden">{t('history.slider')}</span>
        <input
          type="range"
          min={1}
          max={current}
          step={1}
          value={shown}
          disabled={current < 2}
          aria-valuetext={t('status.revision', { revision: shown })}
          onChange={(e) => {
            onPlay(false);
            const r = Number(e.target.value);
            onView(r >= current ? null : r);
          }}
        />
      </label>
      {(() => {
        const text = `${viewing === null ? t('history.current') : t('history.viewing', { revision: viewing, current })}${
          loading ? ` — ${t('history.loading')}` : info ? ` — ${t('history.by', { name: info.actor?.name ?? '—', date, summary })}` : ''
        }`;
        return (
          <span className="lt-revisions__info" aria-live="polite" data-testid="tree-revision-info" title={text}>
            {text}
          </span>
        );
      })()}
      {viewing !== null && target?.canRestore && !playing ? (
        <RestoreButton
          engagementId={target.engagementId}
          revision={viewing}
          current={current}
          onRestored={() => {
            onPlay(false);
            onView(null);
          }}
        />
      ) : null}
      {viewing !== null && (
        <button
          type="button"
          className="lt-button"
          onClick={() => {
            onPlay(false);
            onView(null);
          }}
        >
          {t('history.backToCurrent')}
        </button>
      )}
    </div>
  );
}
