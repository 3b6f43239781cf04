import { type IndicatorImportPreview, type IndicatorImportResult, indicatorTemplateColumns, indicatorTemplateSample } from '@banso/shared';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIndicatorImport, useIndicatorImportPreview } from '../../../api/analysis/import-indicator-values';
import { useIndicators } from '../../../api/indicators/get-indicators';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { fileFormatLabel, ImportErrorTable } from '../../../components/ui/import-errors';
import { Link } from '../../../components/ui/link';
import { Toast } from '../../../components/ui/toast';
import { useLabels } from '../../../i18n';
import { paths } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { templateCsv } from '../lib/series';

type Layout = 'template' | 'mieruka';

function PreviewView({ preview }: { preview: IndicatorImportPreview }) {
  const { t } = useTranslation('analysis');
  const L = useLabels();
  const format = fileFormatLabel(preview.format, preview.encoding);
  return (
    <div className="import-preview" data-testid="import-preview">
      <p>
        {t('import.summary', { values: preview.values, create: preview.create, update: preview.update, unchanged: preview.unchanged })}{' '}
        {t('import.format', { format: `${format} · ${t(`import.detected.${preview.layout}`)}` })}
      </p>
      {preview.errors.length === 0 ? (
        <Notice tone="success">{t('import.noErrors')}</Notice>
      ) : (
        <>
          <Notice tone="warning">{t('import.errors', { n: preview.errors.length })}</Notice>
          <ImportErrorTable
            headers={{
              row: t('import.col.row'),
              column: t('import.col.column'),
              code: t('import.col.area'),
              reason: t('import.col.reason'),
            }}
            rows={preview.errors.map((e) => ({
              key: `${e.row}-${e.column}`,
              row: e.row,
              column: e.column,
              code: e.areaCode,
              reason: L.indicatorImportReason[e.reason],
            }))}
          />
        </>
      )}
    </div>
  );
}

/** A download link for Bansō's template, built here from the shared column names. */
function TemplateLink() {
  const { t } = useTranslation('analysis');
  const href = useMemo(() => URL.createObjectURL(templateCsv(indicatorTemplateColumns, indicatorTemplateSample)), []);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <a className="btn btn--ghost btn--small" href={href} download="banso-indicator-template.csv">
      {t('import.template')}
    </a>
  );
}

/** /indicators/import (program office): indicator figures from a 見える化 table or Bansō's template, previewed, then all or nothing. */
export function IndicatorImportPage() {
  const { t } = useTranslation(['analysis', 'common']);
  useDocumentTitle(t('import.title'), t('common:app.name'));
  const ids = { file: useId(), indicator: useId(), layout: useId(), blocked: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [layout, setLayout] = useState<Layout>('template');
  const [indicator, setIndicator] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<IndicatorImportResult | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const indicators = useIndicators(layout === 'mieruka');
  const preview = useIndicatorImportPreview();
  const apply = useIndicatorImport();
  const query = { indicator: layout === 'mieruka' && indicator ? indicator : undefined };
  const checked = preview.data && file ? preview.data : null;
  const hasErrors = (checked?.errors.length ?? 0) > 0;
  const ready = !!file && (layout === 'template' || !!indicator);
  const reset = () => {
    preview.reset();
    apply.reset();
    setResult(null);
  };
  const resultText = (r: IndicatorImportResult) => t('import.done', { created: r.created, updated: r.updated, unchanged: r.unchanged });
  return (
    <div className="page indicator-import-page">
      <h1>{t('import.title')}</h1>
      <p>{t('import.lead')}</p>
      <p>
        <Link href={paths.municipalities()}>{t('import.backToMunicipalities')}</Link>
      </p>
      <section className="card" aria-labelledby="indicator-import-title">
        <h2 id="indicator-import-title" className="card__title">
          {t('import.title')}
        </h2>
        <form
          className="import-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!file || !ready) return;
            reset();
            preview.mutate({ file, ...query });
          }}
        >
          <fieldset className="analysis-layout">
            <legend className="field__label">{t('import.layout')}</legend>
            {(['template', 'mieruka'] as const).map((l) => (
              <label key={l} className="checkbox">
                <input
                  type="radio"
                  name={ids.layout}
                  value={l}
                  checked={layout === l}
                  onChange={() => {
                    setLayout(l);
                    reset();
                  }}
                />{' '}
                {t(`import.layout.${l}`)}
              </label>
            ))}
          </fieldset>
          {layout === 'template' ? (
            <div className="toolbar">
              <TemplateLink />
            </div>
          ) : (
            <Field id={ids.indicator} label={t('import.indicator')} required>
              <select
                id={ids.indicator}
                value={indicator}
                required
                onChange={(e) => {
                  setIndicator(e.target.value);
                  reset();
                }}
              >
                <option value="">{t('import.indicatorPlaceholder')}</option>
                {(indicators.data ?? []).map((i) => (
                  <option key={i.id} value={i.code}>
                    {i.code} {i.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id={ids.file} label={t('import.file')} required>
            <input
              id={ids.file}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                reset();
              }}
            />
          </Field>
          <div className="toolbar">
            <button type="submit" className="btn btn--secondary" disabled={!ready || preview.isPending}>
              {preview.isPending ? t('import.checking') : t('import.check')}
            </button>
            {checked && !result ? (
              <button
                type="button"
                className="btn btn--primary"
                disabled={hasErrors || apply.isPending}
                aria-describedby={hasErrors ? ids.blocked : undefined}
                onClick={() => setConfirming(true)}
              >
                {apply.isPending ? t('import.applying') : t('import.apply')}
              </button>
            ) : null}
            {checked && hasErrors ? (
              <span id={ids.blocked} className="muted">
                {t('import.applyBlocked')}
              </span>
            ) : null}
          </div>
        </form>
        {preview.error ? <ErrorMessage error={preview.error} /> : null}
        {apply.error ? <ErrorMessage error={apply.error} /> : null}
        {indicators.error ? <ErrorMessage error={indicators.error} onRetry={() => void indicators.refetch()} /> : null}
        {checked && !result ? <PreviewView preview={checked} /> : null}
        {result ? (
          <Notice tone="success">
            <span data-testid="import-result">{resultText(result)}</span>
          </Notice>
        ) : null}
      </section>
      <ConfirmDialog
        open={confirming}
        title={t('import.confirmTitle')}
        body={t('import.confirmBody', { create: checked?.create ?? 0, update: checked?.update ?? 0 })}
        confirmLabel={t('import.apply')}
        cancelLabel={t('common:common.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          if (!file) return;
          apply.mutate(
            { file, ...query },
            {
              onSuccess: (r) => {
                setResult(r);
                setToast(resultText(r));
              },
            },
          );
        }}
      />
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </div>
  );
}
