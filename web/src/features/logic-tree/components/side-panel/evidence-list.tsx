import { type Evidence, formatPeriod } from '@banso/shared';
import { useState } from 'react';
import { ConfirmDialog } from '../../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../../components/ui/error-message';
import { useDeleteEvidence } from '../../../../api/evidence/delete-evidence';
import { useTreeText } from '../use-tree-text';

function evidenceText(e: Evidence, { t, labels, locale }: ReturnType<typeof useTreeText>): { main: string; sub: string } {
  switch (e.kind) {
    case 'indicator_value':
      return {
        main: t('evidence.valueLine', { name: e.indicator.name, value: e.value, unit: e.indicator.unit }),
        sub: t('evidence.sourceLine', { period: formatPeriod(e.period, locale), source: e.source }),
      };
    case 'finding':
      return { main: e.finding.text, sub: e.finding.source };
    case 'text':
      return { main: e.text, sub: e.source };
    case 'grant_score':
      return {
        main: t('evidence.grantLine', { grant: labels.grantKind[e.grant], area: e.area, score: e.score, max: e.maxScore }),
        sub: t('evidence.grantSub', {
          period: formatPeriod(e.period, locale),
          national: e.nationalAverage ?? '—',
          prefecture: e.prefectureAverage ?? '—',
          source: e.source,
        }),
      };
  }
}

/** The evidence attached to a node, each removable when the tree is editable. */
export function EvidenceList({
  items,
  engagementId,
  nodeId,
  editable,
}: {
  items: Evidence[];
  engagementId: string;
  nodeId: string;
  editable: boolean;
}) {
  const text = useTreeText();
  const { t } = text;
  const remove = useDeleteEvidence(engagementId, nodeId);
  // removing evidence is not undone by the tree's history: asked first
  const [confirming, setConfirming] = useState<{ id: string; main: string } | null>(null);
  return (
    <>
      <ul className="lt-evidence">
        {items.map((item) => {
          const { main, sub } = evidenceText(item, text);
          return (
            <li key={item.id} className={`lt-evidence__item lt-evidence__item--${item.kind}`}>
              <span className="lt-evidence__kind">{t(`panel.evidenceKind.${item.kind}`)}</span>
              <span className="lt-evidence__main">{main}</span>
              {sub && <span className="lt-evidence__sub">{sub}</span>}
              {editable && (
                <button
                  type="button"
                  className="lt-button lt-button--small lt-button--danger-text"
                  onClick={() => setConfirming({ id: item.id, main })}
                  aria-label={`${t('panel.evidenceRemove')}: ${main}`}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <ConfirmDialog
        open={confirming !== null}
        title={t('panel.evidenceRemoveConfirm')}
        body={confirming ? t('panel.evidenceRemoveBody', { text: confirming.main }) : ''}
        confirmLabel={t('panel.evidenceRemove')}
        cancelLabel={t('confirm.cancel')}
        onConfirm={() => {
          if (confirming) remove.mutate(confirming.id);
          setConfirming(null);
        }}
        onCancel={() => setConfirming(null)}
      />
    </>
  );
}
