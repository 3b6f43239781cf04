import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A polite loading indicator; screen readers hear the label once. */
export function Loading({ label, inline = false }: { label?: string; inline?: boolean }) {
  const { t } = useTranslation('common');
  return (
    <div className={inline ? 'loading loading--inline' : 'loading'} role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

/** A message box: errors are announced assertively, the rest politely. */
export function Notice({
  tone = 'info',
  title,
  children,
  action,
}: {
  tone?: NoticeTone;
  title?: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="notice__body">
        {title ? <p className="notice__title">{title}</p> : null}
        {children}
      </div>
      {action ? <div className="notice__action">{action}</div> : null}
    </div>
  );
}

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'muted' | 'accent';

export function Badge({ tone = 'neutral', children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}

/** The visible 閲覧のみ label of observer mode. */
export function ReadOnlyBadge() {
  const { t } = useTranslation('common');
  return (
    <span className="badge badge--readonly" title={t('common.readOnlyHint')}>
      {t('common.readOnly')}
    </span>
  );
}

/**
 * Asks before a step that cannot be taken back, in place (beside the button that asked): the
 * question, what follows, the step's own verb and a cancel that changes nothing.
 */
export function ConfirmNotice({
  title,
  children,
  confirmLabel,
  cancelLabel,
  busy = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Notice
      tone="warning"
      title={title}
      action={
        <>
          <button type="button" className="btn btn--primary btn--small" disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button type="button" className="btn btn--secondary btn--small" onClick={onCancel}>
            {cancelLabel}
          </button>
        </>
      }
    >
      {children}
    </Notice>
  );
}
