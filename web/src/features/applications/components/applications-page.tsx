import { fiscalYearLabel, fiscalYearOf, type Me, type Program, todayInJapan } from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { EmptyState, Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { Link } from '../../../components/ui/link';
import { QueryView } from '../../../components/ui/query-view';
import { formatFiscalYear } from '@banso/shared';
import { isApiError } from '../../../lib/api-error';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCreateProgram } from '../../../api/programs/create-program';
import { useApplications } from '../../../api/programs/get-applications';
import { usePrograms } from '../../../api/programs/get-programs';
import { MyApplication } from './my-application';
import { SelectionTable } from './selection-table';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import '../applications.css';

/** The program office opens next year's program (it inherits the office's organizer). */
function NewProgramForm({ programs }: { programs: Program[] }) {
  const { t } = useTranslation(['applications', 'common']);
  const id = useId();
  const create = useCreateProgram();
  const latest = [...programs].sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
  const nextYear = (latest?.fiscalYear ?? fiscalYearOf(todayInJapan())) + 1;
  const [year, setYear] = useState(nextYear);
  const [name, setName] = useState(
    latest ? latest.name.replace(fiscalYearLabel(latest.fiscalYear).replace(/度$/, ''), fiscalYearLabel(nextYear).replace(/度$/, '')) : '',
  );
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { fiscalYear: year, name: name.trim(), visitWindows: [] },
      { onSuccess: (p) => setDone(t('apps.programCreated', { name: p.name })) },
    );
  };
  return (
    <form className="card form-card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {t('apps.newProgram')}
      </h2>
      {done ? <Notice tone="success">{done}</Notice> : null}
      <div className="inline-fields">
        <Field id={`${id}-year`} label={t('apps.newProgramYear')}>
          <input
            id={`${id}-year`}
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
            required
          />
        </Field>
        <Field id={`${id}-name`} label={t('apps.newProgramName')} className="inline-fields__grow">
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </Field>
        <button type="submit" className="btn btn--primary" disabled={create.isPending || !name.trim()}>
          {t('apps.createProgram')}
        </button>
      </div>
      {create.error ? <ErrorMessage error={create.error} /> : null}
    </form>
  );
}

/** /applications: the programs to apply to (newest first). */
export function ApplicationsHomePage({ me }: { me: Me }) {
  const { t } = useTranslation(['applications', 'common']);
  const { locale } = useLocale();
  useDocumentTitle(t('apps.title'), t('common:app.name'));
  const programs = usePrograms();
  return (
    <div className="page applications-page">
      <div className="page__head">
        <div>
          <h1 className="page__title">{t('apps.title')}</h1>
          <p className="page__lead">{t('apps.lead')}</p>
        </div>
      </div>
      <QueryView query={programs}>
        {(items) => (
          <>
            {items.length === 0 ? (
              <EmptyState>{t('apps.noPrograms')}</EmptyState>
            ) : (
              <ul className="program-list">
                {[...items]
                  .sort((a, b) => b.fiscalYear - a.fiscalYear)
                  .map((p) => (
                    <li key={p.id} className="card">
                      <p className="muted">{formatFiscalYear(p.fiscalYear, locale)}</p>
                      <h2 className="card__title">
                        <Link href={`/applications/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                      </h2>
                    </li>
                  ))}
              </ul>
            )}
            {me.user.isProgramOffice ? <NewProgramForm programs={items} /> : null}
          </>
        )}
      </QueryView>
    </div>
  );
}

/** /applications/{programId}: the office selects; municipal staff apply for their municipality. */
export function ProgramApplicationsPage({ programId, me }: { programId: string; me: Me }) {
  const { t } = useTranslation(['applications', 'common']);
  const list = useApplications(programId);
  useDocumentTitle(list.data ? t('apps.forProgram', { name: list.data.program.name }) : t('apps.title'), t('common:app.name'));
  const forbidden = isApiError(list.error) && list.error.status === 403;
  return (
    <div className="page applications-page">
      <nav className="breadcrumbs">
        <Link href="/applications">{t('apps.back')}</Link>
      </nav>
      {forbidden ? (
        <Notice tone="info">{t('apps.noAccess')}</Notice>
      ) : (
        <QueryView query={list}>
          {(data) => (
            <>
              <div className="page__head">
                <div>
                  <h1 className="page__title">{t('apps.forProgram', { name: data.program.name })}</h1>
                  <p className="page__lead">{t('apps.lead')}</p>
                </div>
              </div>
              {data.administered ? (
                <SelectionTable programId={programId} list={data} />
              ) : data.program.fiscalYear < fiscalYearOf(todayInJapan()) && data.items.length === 0 ? (
                <Notice tone="info">{t('apps.closed')}</Notice>
              ) : (
                <MyApplication programId={programId} list={data} me={me} />
              )}
            </>
          )}
        </QueryView>
      )}
    </div>
  );
}
