import { useEffect, useRef } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal confirmation (native <dialog>: focus trap and Escape for free). */
export function ConfirmDialog({ open, title, body, confirmLabel, cancelLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="lt-dialog"
      role="alertdialog"
      aria-labelledby="lt-confirm-title"
      aria-describedby="lt-confirm-body"
      onCancel={onCancel}
    >
      <h2 id="lt-confirm-title">{title}</h2>
      <p id="lt-confirm-body">{body}</p>
      <div className="lt-dialog__actions">
        <button type="button" className="lt-button" onClick={onCancel} autoFocus>
          {cancelLabel}
        </button>
        <button type="button" className="lt-button lt-button--danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
