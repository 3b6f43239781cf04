/**
 * 「Excelから取り込む」 (issue 17.1): the engagement workbook, edited offline, uploaded back. The server's
 * preview is shown grouped — changed, added, removed, conflicts — with the sheet and row of each; every
 * conflict (changed in Bansō since the export and in the workbook) keeps Bansō's value unless the user
 * takes the workbook's; confirming applies exactly what the preview showed (its digest as If-Match).
 */
import type { WorkbookConflict, WorkbookPreview } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApplyWorkbook, usePreviewWorkbook } from '../../../api/reports/workbook-import';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Notice } from '../../../components/ui/feedback';
import { ImportErrorTable } from '../../../components/ui/import-errors';
import { useLabels } from '../../../i18n';
import { isApiError } from '../../../lib/api-error';

type Value = string | number | null;

function useShow() {
  const L = useLabels();
  return (sheet: string, field: string, v: Value): string => {
    if (v === null || v === '') return '—';
    if (sheet === 'actions' && field === 'priority') return L.priority[v as keyof typeof L.priority] ?? String(v);
    if (sheet === 'actions' && field === 'status') return L.actionStatus[v as keyof typeof L.actionStatus] ?? String(v);
    if (sheet === 'roadmap' && field === 'status') return L.milestoneStatus[v as keyof typeof L.milestoneStatus] ?? String(v);
    return String(v);
  };
}

function PreviewTables({
  preview,
  take,
  setTake,
}: {
  preview: WorkbookPreview;
  take: ReadonlySet<string>;
  setTake: (next: Set<string>) => void;
}) {
  const { t } = useTranslation('reports');
  const show = useShow();
  const where = (x: { sheetName: string; row: number }) => t('workbook.where', { sheet: x.sheetName, row: x.row });
  const choose = (c: WorkbookConflict, workbook: boolean) => {
    const next = new Set(take);
    if (workbook) next.add(c.key);
    else next.delete(c.key);
    setTake(next);
  };
  return (
    <div className="workbook-import__preview" data-testid="workbook-preview">
      <p role="status">
        {t('workbook.summary', {
          changed: preview.changed.length,
          added: preview.added.length,
          removed: preview.removed.length,
          conflicts: preview.conflicts.length,
        })}
      </p>
      {preview.conflicts.length > 0 ? (
        <section aria-labelledby="workbook-conflicts">
          <h3 id="workbook-conflicts">{t('workbook.group.conflicts')}</h3>
          <p className="muted">{t('workbook.conflictHint')}</p>
          <div className="table-wrap">
            <table className="table table--compact" data-testid="workbook-conflicts">
              <thead>
                <tr>
                  <th scope="col">{t('workbook.col.where')}</th>
                  <th scope="col">{t('workbook.col.item')}</th>
                  <th scope="col">{t('workbook.col.field')}</th>
                  <th scope="col">{t('workbook.col.exported')}</th>
                  <th scope="col">{t('workbook.col.current')}</th>
                  <th scope="col">{t('workbook.col.uploaded')}</th>
                  <th scope="col">{t('workbook.col.choice')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.conflicts.map((c) => (
                  <tr key={c.key} data-key={c.key}>
                    <th scope="row">{where(c)}</th>
                    <td>{c.label}</td>
                    <td>{c.header}</td>
                    <td>{show(c.sheet, c.field, c.exported)}</td>
                    <td>{show(c.sheet, c.field, c.current)}</td>
                    <td>{show(c.sheet, c.field, c.uploaded)}</td>
                    <td>
                      <fieldset className="workbook-import__choice">
                        <legend className="visually-hidden">{t('workbook.choiceFor', { where: where(c), field: c.header })}</legend>
                        <label>
                          <input type="radio" name={`take-${c.key}`} checked={!take.has(c.key)} onChange={() => choose(c, false)} />
                          {t('workbook.keep')}
                        </label>
                        <label>
                          <input type="radio" name={`take-${c.key}`} checked={take.has(c.key)} onChange={() => choose(c, true)} />
                          {t('workbook.take')}
                        </label>
                      </fieldset>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {preview.changed.length > 0 ? (
        <section aria-labelledby="workbook-changed">
          <h3 id="workbook-changed">{t('workbook.group.changed')}</h3>
          <div className="table-wrap">
            <table className="table table--compact" data-testid="workbook-changed">
              <thead>
                <tr>
                  <th scope="col">{t('workbook.col.where')}</th>
                  <th scope="col">{t('workbook.col.item')}</th>
                  <th scope="col">{t('workbook.col.field')}</th>
                  <th scope="col">{t('workbook.col.from')}</th>
                  <th scope="col">{t('workbook.col.to')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.changed.map((c) => (
                  <tr key={`${c.sheet}-${c.row}-${c.field}`} className={c.allowed ? undefined : 'workbook-import__refused'}>
                    <th scope="row">{where(c)}</th>
                    <td>{c.label}</td>
                    <td>{c.header}</td>
                    <td>{show(c.sheet, c.field, c.from)}</td>
                    <td>
                      {show(c.sheet, c.field, c.to)}
                      {c.allowed ? null : <span className="muted"> {t('workbook.notAllowed')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {(['added', 'removed'] as const).map((group) =>
        preview[group].length > 0 ? (
          <section key={group} aria-labelledby={`workbook-${group}`}>
            <h3 id={`workbook-${group}`}>{t(`workbook.group.${group}`)}</h3>
            <ul data-testid={`workbook-${group}`}>
              {preview[group].map((r) => (
                <li key={`${r.sheet}-${r.id ?? r.row}`}>
                  {r.row > 0 ? `${where(r)} ` : `${r.sheetName} `}
                  {r.label}
                  {r.applied ? null : <span className="muted"> {t('workbook.notApplied')}</span>}
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
      {preview.notes.length > 0 ? (
        <ul className="muted">
          {preview.notes.map((n) => (
            <li key={`${n.sheet}-${n.row}`}>
              {where(n)} {t(`workbook.note.${n.code}`)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function WorkbookImport({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation('reports');
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [take, setTake] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);
  const preview = usePreviewWorkbook(engagementId);
  const apply = useApplyWorkbook(engagementId);
  const result = preview.data;
  const refusedRows = (error: unknown) =>
    isApiError(error) && error.errors.some((e) => e.sheet)
      ? error.errors.map((e, i) => ({
          key: `${i}`,
          row: e.row ?? 0,
          column: e.column ?? '—',
          code: e.sheet ?? null,
          reason: t(`workbook.rule.${e.rule ?? 'other'}`, { defaultValue: e.message }),
        }))
      : null;
  const errorTable = (error: unknown) => {
    const rows = refusedRows(error);
    return rows ? (
      <div role="alert">
        <Notice tone="warning">{t('workbook.invalid', { count: rows.length })}</Notice>
        <ImportErrorTable
          rows={rows}
          headers={{
            row: t('workbook.col.row'),
            column: t('workbook.col.column'),
            code: t('workbook.col.sheet'),
            reason: t('workbook.col.reason'),
          }}
        />
      </div>
    ) : (
      <ErrorMessage error={error} />
    );
  };
  const writes = result
    ? result.changed.length +
      result.conflicts.length +
      result.added.filter((a) => a.applied).length +
      result.removed.filter((r) => r.applied).length
    : 0;
  const canApply = result !== undefined && file !== null && writes > 0 && !apply.isPending;
  return (
    <section className="card form-card workbook-import" aria-labelledby={`${id}-title`} data-testid="workbook-import">
      <h2 id={`${id}-title`} className="card__title">
        {t('workbook.title')}
      </h2>
      <p className="muted">{t('workbook.hint')}</p>
      <form
        className="inline-fields"
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) return;
          setDone(null);
          setTake(new Set());
          apply.reset();
          preview.mutate(file);
        }}
      >
        <label>
          {t('workbook.file')}
          <input
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="workbook-file"
          />
        </label>
        <button type="submit" className="btn btn--secondary" disabled={!file || preview.isPending}>
          {preview.isPending ? t('workbook.reading') : t('workbook.read')}
        </button>
      </form>
      {preview.error ? errorTable(preview.error) : null}
      {result && !done ? <PreviewTables preview={result} take={take} setTake={setTake} /> : null}
      {result && !done ? (
        <div className="workbook-import__actions">
          {writes === 0 ? <Notice tone="info">{t('workbook.nothing')}</Notice> : null}
          <button
            type="button"
            className="btn btn--primary"
            disabled={!canApply}
            onClick={() =>
              file &&
              apply.mutate(
                { file, digest: result.digest, take: [...take] },
                {
                  onSuccess: (r) => {
                    setDone(t('workbook.applied', { changed: r.changed + r.taken, added: r.added, removed: r.removed, kept: r.kept }));
                    preview.reset();
                  },
                },
              )
            }
          >
            {apply.isPending ? t('workbook.applying') : t('workbook.apply')}
          </button>
        </div>
      ) : null}
      {apply.error ? errorTable(apply.error) : null}
      {done ? (
        <Notice tone="success">
          <span role="status">{done}</span>
        </Notice>
      ) : null}
    </section>
  );
}
