import { useNodeSource } from '../../../../api/library/get-tree-sources';
import { Link } from '../../../../components/ui/link';
import { useTreeText } from '../use-tree-text';

/** 出典: the published case an adopted node came from, linked to the case in the library. */
export function NodeSource({ engagementId, nodeId }: { engagementId: string; nodeId: string }) {
  const { t } = useTreeText();
  const source = useNodeSource(engagementId, nodeId).data;
  if (!source) return null;
  return (
    <div className="lt-panel__source">
      <span className="lt-panel__label">{t('panel.source')}</span>{' '}
      <Link href={`/library/${encodeURIComponent(source.reportId)}`}>
        {t('panel.sourceCase', { municipality: source.municipalityName, title: source.sourceNodeTitle })}
      </Link>
    </div>
  );
}
