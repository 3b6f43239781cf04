import { useEffect, useRef } from 'react';
import { useTreeText } from './use-tree-text';
import { shortcutHelp } from '../lib/keyboard';
import { message } from '../lib/messages';
import { kindRuleItems } from '../lib/rule-messages';

/** The keyboard shortcuts (the same table the canvas uses) and the kind rule, in a dialog. */
export function HelpPopover({ open, readOnly, onClose }: { open: boolean; readOnly: boolean; onClose: () => void }) {
  const { t, text } = useTreeText();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="lt-dialog lt-help" aria-labelledby="lt-help-title" onClose={onClose} onCancel={onClose}>
      <h2 id="lt-help-title">{t('help.title')}</h2>
      <p className="lt-help__note">{t('help.layout')}</p>
      <table>
        <tbody>
          {shortcutHelp
            .filter((s) => !readOnly || !s.edit)
            .map((s) => (
              <tr key={s.label}>
                <th scope="row">
                  <kbd>{typeof s.keys === 'string' ? s.keys : text(message(s.keys.label))}</kbd>
                </th>
                <td>{text(message(s.label))}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {!readOnly && <p className="lt-help__note">{t('help.tabNote')}</p>}
      <p className="lt-help__note">{text(message('help.shortcut.kindRules', { summary: { list: kindRuleItems() } }))}</p>
      <div className="lt-dialog__actions">
        <button type="button" className="lt-button" onClick={onClose} autoFocus>
          {t('help.close')}
        </button>
      </div>
    </dialog>
  );
}
