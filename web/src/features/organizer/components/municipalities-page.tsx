import { type InsurerKind, insurerKinds, type MunicipalityImportPreview, type MunicipalityImportResult } from '@banso/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  JURISDICTION_PAGE_SIZE,
  useCreateInsurer,
  useImportApply,
  useImportPreview,
  useInsurers,
  useJurisdiction,
  useOrganizer,
} from '../../../api/organizer/organizer';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { EmptyState, Loading, Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { fileFormatLabel, ImportErrorTable } from '../../../components/ui/import-errors';
import { Link } from '../../../components/ui/link';
import { QueryView } from '../../../components/ui/query-view';
import { Toast } from '../../../components/ui/toast';
import { useLabels } from '../../../i18n';
import { paths } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import '../organizer.css';

function OrganizerCard() {
  const { t } = useTranslation('organizer');
  const L = useLabels();
  const organizer = useOrganizer();
  return (
    <QueryView query={organizer}>
      {(o) => (
        <section className="card organizer-card" aria-labelledby="organizer-title">
          <h2 id="organizer-title" className="card__title">
            {t('organizer.title')}: {o.name}
          </h2>
          <p>
            {t('organizer.kind')}: {L.organizerKind[o.kind]}
            {o.prefectureCode ? ` · ${t('organizer.prefectureCode')}: ${o.prefectureCode}` : ''} ·{' '}
            {t('organizer.count', { count: o.municipalityCount })}
          </p>
        </section>
      )}
    </QueryView>
  );
}

function PreviewView({ preview }: { preview: MunicipalityImportPreview }) {
  const { t } = useTranslation('organizer');
  const L = useLabels();
  return (
    <div className="import-preview" data-testid="import-preview">
      <p>
        {t('import.summary', {
          rows: preview.rows,
          valid: preview.valid,
          create: preview.create,
          update: preview.update,
          unchanged: preview.unchanged,
          jurisdiction: preview.jurisdictionAdd,
        })}{' '}
        {preview.skipped ? t('import.skipped', { count: preview.skipped }) : null}{' '}
        {t('import.format', { format: fileFormatLabel(preview.format, preview.encoding) })}
      </p>
      {preview.errors.length === 0 ? (
        <Notice tone="success">{t('import.noErrors')}</Notice>
      ) : (
        <>
          <Notice tone="warning">{t('import.errors', { count: preview.errors.length })}</Notice>
          <ImportErrorTable
            headers={{
              row: t('import.col.row'),
              column: t('import.col.column'),
              code: t('import.col.code'),
              reason: t('import.col.reason'),
            }}
            rows={preview.errors.map((e) => ({
              key: `${e.row}-${e.field}`,
              row: e.row,
              column: e.column.replace(/\s+/g, ''),
              code: e.code,
              reason: L.importReason[e.reason],
            }))}
          />
        </>
      )}
    </div>
  );
}

function ImportSection({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation(['organizer', 'common']);
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [addToJurisdiction, setAddToJurisdiction] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<MunicipalityImportResult | null>(null);
  const preview = useImportPreview();
  const apply = useImportApply();
  const jurisdiction = addToJurisdiction ? 'add' : 'keep';
  const checked = preview.data && file ? preview.data : null;
  const resultText = (r: MunicipalityImportResult) =>
    t('import.done', { created: r.created, updated: r.updated, unchanged: r.unchanged, added: r.addedToJurisdiction });
  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title" className="card__title">
        {t('import.title')}
      </h2>
      <p className="muted">{t('import.lead')}</p>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) return;
          setResult(null);
          apply.reset();
          preview.mutate({ file, jurisdiction });
        }}
      >
        <Field id={fileId} label={t('import.file')} required>
          <input
            id={fileId}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              preview.reset();
              setResult(null);
            }}
          />
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={addToJurisdiction}
            onChange={(e) => {
              setAddToJurisdiction(e.target.checked);
              preview.reset();
            }}
          />{' '}
          {t('import.addToJurisdiction')}
        </label>
        <div className="toolbar">
          <button type="submit" className="btn btn--secondary" disabled={!file || preview.isPending}>
            {preview.isPending ? t('import.checking') : t('import.check')}
          </button>
          {checked && checked.errors.length === 0 && !result ? (
            <button type="button" className="btn btn--primary" disabled={apply.isPending} onClick={() => setConfirming(true)}>
              {apply.isPending ? t('import.applying') : t('import.apply')}
            </button>
          ) : null}
        </div>
      </form>
      {preview.error ? <ErrorMessage error={preview.error} /> : null}
      {apply.error ? <ErrorMessage error={apply.error} /> : null}
      {checked && !result ? <PreviewView preview={checked} /> : null}
      {result ? (
        <Notice tone="success">
          <span data-testid="import-result">{resultText(result)}</span>
        </Notice>
      ) : null}
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
            { file, jurisdiction },
            {
              onSuccess: (r) => {
                setResult(r);
                onDone(resultText(r));
              },
            },
          );
        }}
      />
    </section>
  );
}

function JurisdictionSection() {
  const { t } = useTranslation('organizer');
  const searchId = useId();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useJurisdiction(q.trim(), page);
  return (
    <section className="card" aria-labelledby="jurisdiction-title">
      <h2 id="jurisdiction-title" className="card__title">
        {t('jurisdiction.title')}
      </h2>
      <Field id={searchId} label={t('jurisdiction.search')}>
        <input
          id={searchId}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
      </Field>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('jurisdiction.empty')}</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--compact" data-testid="jurisdiction">
              <thead>
                <tr>
                  <th scope="col">{t('jurisdiction.col.code')}</th>
                  <th scope="col">{t('jurisdiction.col.name')}</th>
                  <th scope="col">{t('jurisdiction.col.prefecture')}</th>
                  <th scope="col">{t('jurisdiction.col.insurer')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((m) => (
                  <tr key={m.id}>
                    <td>{m.code}</td>
                    <th scope="row">
                      {m.name}
                      {m.nameKana ? <span className="cell-sub">{m.nameKana}</span> : null}
                    </th>
                    <td>{m.prefecture ?? '—'}</td>
                    <td>{m.insurer ? m.insurer.name : t('jurisdiction.ownInsurer')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="toolbar">
            <span className="muted" data-testid="jurisdiction-range">
              {t('jurisdiction.range', {
                from: (page - 1) * JURISDICTION_PAGE_SIZE + 1,
                to: (page - 1) * JURISDICTION_PAGE_SIZE + list.data.items.length,
                total: list.data.total,
              })}
            </span>
            <button type="button" className="btn btn--ghost btn--small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('jurisdiction.prev')}
            </button>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              disabled={page * JURISDICTION_PAGE_SIZE >= list.data.total}
              onClick={() => setPage(page + 1)}
            >
              {t('jurisdiction.next')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function InsurersSection({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation(['organizer', 'common']);
  const L = useLabels();
  const ids = { name: useId(), kind: useId(), number: useId(), munis: useId() };
  const insurers = useInsurers();
  const candidates = useJurisdiction('', 1);
  const create = useCreateInsurer();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<InsurerKind>('wide_area_union');
  const [insurerNumber, setInsurerNumber] = useState('');
  const [municipalityIds, setMunicipalityIds] = useState<string[]>([]);
  return (
    <section className="card" aria-labelledby="insurers-title">
      <h2 id="insurers-title" className="card__title">
        {t('insurers.title')}
      </h2>
      <p className="muted">{t('insurers.lead')}</p>
      <QueryView query={insurers}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState>{t('insurers.empty')}</EmptyState>
          ) : (
            <ul className="insurer-list">
              {data.items.map((i) => (
                <li key={i.id}>
                  <strong>{i.name}</strong> ({L.insurerKind[i.kind]}
                  {i.insurerNumber ? ` · ${i.insurerNumber}` : ''}):{' '}
                  {i.municipalities.map((m) => m.name).join(t('common:common.listSeparator'))}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <form
        className="insurer-form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            { name, kind, insurerNumber: insurerNumber.trim() || null, municipalityIds },
            {
              onSuccess: (created) => {
                onDone(t('insurers.added', { name: created.name }));
                setName('');
                setInsurerNumber('');
                setMunicipalityIds([]);
              },
            },
          );
        }}
      >
        <Field id={ids.name} label={t('insurers.name')} required>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </Field>
        <Field id={ids.kind} label={t('insurers.kind')}>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as InsurerKind)}>
            {insurerKinds.map((k) => (
              <option key={k} value={k}>
                {L.insurerKind[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={ids.number} label={t('insurers.number')}>
          <input
            id={ids.number}
            value={insurerNumber}
            inputMode="numeric"
            pattern="[0-9]{6}"
            onChange={(e) => setInsurerNumber(e.target.value)}
          />
        </Field>
        <Field id={ids.munis} label={t('insurers.municipalities')} required>
          <select
            id={ids.munis}
            multiple
            size={6}
            value={municipalityIds}
            onChange={(e) => setMunicipalityIds([...e.target.selectedOptions].map((o) => o.value))}
          >
            {(candidates.data?.items ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.code} {m.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="btn btn--secondary" disabled={create.isPending || !name.trim() || municipalityIds.length === 0}>
          {t('insurers.add')}
        </button>
        {create.error ? <ErrorMessage error={create.error} /> : null}
      </form>
    </section>
  );
}

/** /municipalities (program office): import the municipality master beside the jurisdiction it feeds. */
export function MunicipalitiesPage() {
  const { t } = useTranslation(['organizer', 'common']);
  useDocumentTitle(t('page.title'), t('common:app.name'));
  const [toast, setToast] = useState<string | null>(null);
  return (
    <div className="page municipalities-page">
      <h1>{t('page.title')}</h1>
      <p>{t('page.lead')}</p>
      <p className="toolbar">
        <Link href={paths.indicatorCatalogue()}>{t('page.indicatorCatalogue')}</Link>
        <Link href={paths.indicatorImport()}>{t('page.indicatorImport')}</Link>
      </p>
      <OrganizerCard />
      <div className="municipalities-page__grid">
        <ImportSection onDone={setToast} />
        <JurisdictionSection />
      </div>
      <InsurersSection onDone={setToast} />
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </div>
  );
}
