import type { ExportFormat, ExportJob } from '@banso/shared';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { useTranslation } from 'react-i18next';
import { useCreateExport } from '../../../api/reports/create-export';
import { useExportJob } from '../../../api/reports/get-export-job';
import { exportFileUrl } from '../../../api/reports/report-urls';
import { useLabels } from '../../../i18n';
import { ApiError } from '../../../lib/api-error';

/**
 * Starts an export job and follows it: progress while the server works (the request that starts
 * it answers at once), then a download link. Several exports may run side by side.
 */
export function ExportButton({ engagementId, format, reportId }: { engagementId: string; format: ExportFormat; reportId?: string }) {
  const { t } = useTranslation(['reports', 'common']);
  const L = useLabels();
  const create = useCreateExport(engagementId);
  const [started, setStarted] = useState<ExportJob | null>(null);
  const job = useExportJob(engagementId, started);
  const label = L.exportFormat[format];
  const current = job.data ?? started;
  const busy = create.isPending || current?.status === 'queued' || current?.status === 'running';
  return (
    <div className="export" data-format={format}>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        disabled={busy}
        onClick={() => create.mutate(reportId ? { format, reportId } : { format }, { onSuccess: (j) => setStarted(j) })}
      >
        {t('export.start', { format: label })}
      </button>
      <div className="export__state" aria-live="polite">
        {current && (current.status === 'queued' || current.status === 'running') ? (
          <>
            <progress className="export__progress" max={100} value={current.progress} aria-label={label} />
            <span className="export__text">
              {current.status === 'queued'
                ? t('export.queued', { format: label })
                : t('export.running', { format: label, progress: current.progress })}
            </span>
          </>
        ) : null}
        {current?.status === 'done' ? (
          <a className="export__download" href={exportFileUrl(engagementId, current.id)} download={current.fileName ?? undefined}>
            {t('export.download')}
            {t('common:common.paren', { text: current.fileName })}
          </a>
        ) : null}
        {current?.status === 'failed' ? (
          <span className="export__error">{t('export.failed', { format: label, error: current.error ?? '' })}</span>
        ) : null}
      </div>
      {create.error instanceof ApiError && (create.error.code === 'pdf_unavailable' || create.error.code === 'export_quota') ? (
        <p className="export__error" role="alert">
          {t(create.error.code === 'pdf_unavailable' ? 'export.pdfUnavailable' : 'export.quota')}
        </p>
      ) : create.error ? (
        <ErrorMessage error={create.error} />
      ) : null}
    </div>
  );
}
