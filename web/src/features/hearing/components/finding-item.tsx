import type { Finding, FindingKind, FindingVisibility } from '@banso/shared';
import { Badge, type BadgeTone } from '../../../components/ui/feedback';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../i18n';

const kindTones: Record<FindingKind, BadgeTone> = {
  quantitative_fact: 'info',
  qualitative_fact: 'info',
  hypothesis: 'warning',
  advice: 'accent',
  decision: 'success',
};
const visibilityTones: Record<FindingVisibility, BadgeTone> = { team: 'danger', municipality: 'neutral', observers: 'muted' };

export function FindingItem({ finding, nodeTitles }: { finding: Finding; nodeTitles: ReadonlyMap<string, string> }) {
  const { t } = useTranslation('hearing');
  const L = useLabels();
  return (
    <li className="finding">
      <div className="finding__chips">
        <Badge tone={kindTones[finding.kind]}>{L.findingKind[finding.kind]}</Badge>
        <Badge tone={visibilityTones[finding.visibility]}>
          <span className="visually-hidden">{t('findings.visibility')}: </span>
          {L.visibility[finding.visibility]}
        </Badge>
      </div>
      <p className="finding__text">{finding.text}</p>
      {finding.source ? (
        <p className="finding__source">
          {t('findings.source')}: {finding.source}
        </p>
      ) : null}
      {finding.nodeIds.length > 0 ? (
        <p className="finding__nodes">
          <span className="finding__nodes-label">{t('findings.linkedNodes')}:</span>
          {finding.nodeIds.map((id) => (
            <span key={id} className="node-chip">
              {nodeTitles.get(id) ?? '—'}
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}
