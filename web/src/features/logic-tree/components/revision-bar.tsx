import type { TreeRevision } from '@banso/shared';
import { useEffect } from 'react';
import { formatDateTime } from '@banso/shared';
import { revisionSummary } from '../lib/revision-summary';
import { useTreeText } from './use-tree-text';

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
  const parts = info ? revisionSummary(info.summary) : null;
  const summary = parts ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts.map(text)) : (info?.summary ?? '');
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
