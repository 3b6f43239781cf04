import type { PresenceEntry } from '@banso/shared';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../i18n';

/** Who else has the engagement open now (from the live stream); nothing when the reader is alone. */
export function PresenceList({ presence }: { presence: readonly PresenceEntry[] }) {
  const { t } = useTranslation('engagements');
  const L = useLabels();
  const others = presence.filter((p) => !p.self);
  if (others.length === 0) return null;
  return (
    <div className="presence">
      <span className="presence__label">{t('presence.label', { count: others.length })}</span>
      <ul className="presence__list">
        {others.map((p, i) => (
          <li key={p.userId ?? `${p.role}-${i}`} className="presence__person">
            <span className="presence__dot" aria-hidden="true" />
            {p.name !== null
              ? t('presence.named', { name: p.name, role: L.role[p.role] })
              : t('presence.unnamed', { role: L.role[p.role], organization: p.organization ?? '' })}
          </li>
        ))}
      </ul>
    </div>
  );
}
