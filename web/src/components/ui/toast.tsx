import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ToastAction {
  label: string;
  onClick: () => void;
  disabled?: boolean;
}

/**
 * A short message after a step, with one optional action (元に戻す). The live region is always in
 * the page (role=status, polite), so screen readers hear each message once it appears. It closes
 * itself after `timeoutMs`, but never while the pointer or the focus is inside it.
 */
export function Toast({
  message,
  action,
  onDismiss,
  timeoutMs = 10_000,
}: {
  message: string | null;
  action?: ToastAction | undefined;
  onDismiss: () => void;
  timeoutMs?: number;
}) {
  const { t } = useTranslation('common');
  const [held, setHeld] = useState(false);
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });
  useEffect(() => {
    if (!message || held) return;
    const timer = setTimeout(() => dismiss.current(), timeoutMs);
    return () => clearTimeout(timer);
  }, [message, held, timeoutMs]);
  return (
    <div
      className="toast-region"
      role="status"
      aria-live="polite"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setHeld(false);
      }}
    >
      {message ? (
        <div className="toast">
          <p className="toast__message">{message}</p>
          {action ? (
            <button type="button" className="btn btn--secondary btn--small" onClick={action.onClick} disabled={action.disabled}>
              {action.label}
            </button>
          ) : null}
          <button type="button" className="btn btn--secondary btn--small" onClick={onDismiss}>
            {t('common.close')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
