import { formatDate, formatFiscalYear, type Program } from '@banso/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrograms } from '../../../api/programs/get-programs';
import { EmptyState } from '../../../components/ui/feedback';
import { Link } from '../../../components/ui/link';
import { QueryView } from '../../../components/ui/query-view';
import { Toast } from '../../../components/ui/toast';
import { useEngagements } from '../../engagements';
import { EngagementStatusBadge } from '../../engagements/components/status-badge';
import { useLocale } from '../../../i18n';
import { paths } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { EngagementCreateForm } from './engagement-create-form';
import { ProgramForm } from './program-form';

function ProgramCard({ program, onSaved }: { program: Program; onSaved: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const { locale } = useLocale();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const engagements = useEngagements();
  const mine = (engagements.data ?? []).filter((e) => e.programId === program.id);
  return (
    <section className="card program-card" aria-labelledby={`program-${program.id}`} data-program={program.name}>
      <div className="page__head">
        <h2 id={`program-${program.id}`}>
          {formatFiscalYear(program.fiscalYear, locale)} {program.name}
        </h2>
        <button type="button" className="btn btn--secondary btn--small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {editing ? t('program.cancelEdit') : t('program.edit')}
        </button>
      </div>
      {editing ? (
        <ProgramForm
          program={program}
          onDone={() => {
            setEditing(false);
            onSaved(t('program.saved'));
          }}
        />
      ) : (
        <dl className="program-card__facts">
          <dt>{t('program.planPeriod')}</dt>
          <dd>{program.planPeriod ?? t('program.none')}</dd>
          <dt>{t('program.windows')}</dt>
          <dd>
            {program.visitWindows.length === 0 ? (
              t('program.none')
            ) : (
              <ol>
                {program.visitWindows.map((w) => (
                  <li key={w.seq}>
                    {formatDate(w.start, locale)} – {formatDate(w.end, locale)}
                    {w.purpose ? ` · ${w.purpose}` : ''}
                  </li>
                ))}
              </ol>
            )}
          </dd>
          <dt>{t('program.reportMeeting')}</dt>
          <dd>{program.reportMeeting ? formatDate(program.reportMeeting, locale) : t('program.none')}</dd>
        </dl>
      )}
      <h3>{t('program.engagements')}</h3>
      {mine.length === 0 ? (
        <EmptyState>{t('program.noEngagements')}</EmptyState>
      ) : (
        <ul className="program-card__engagements">
          {mine.map((e) => (
            <li key={e.id}>
              <Link href={paths.engagement(e.id)}>
                {e.municipality.name} · {e.theme}
              </Link>{' '}
              <EngagementStatusBadge status={e.status} /> <Link href={paths.team(e.id)}>{t('program.teamLink')}</Link>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn--secondary btn--small" aria-expanded={adding} onClick={() => setAdding(!adding)}>
        {adding ? t('program.cancelEdit') : t('engagement.add')}
      </button>
      {adding ? <EngagementCreateForm program={program} taken={new Set(mine.map((e) => e.municipality.id))} /> : null}
    </section>
  );
}

/** 「事業」: the office's programs — open one, edit it, open engagements in it and go to their teams. */
export function ProgramsPage() {
  const { t } = useTranslation(['admin', 'common']);
  useDocumentTitle(t('programs.title'), t('common:app.name'));
  const programs = usePrograms();
  const [creating, setCreating] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page__title">{t('programs.title')}</h1>
          <p className="page__lead">{t('programs.lead')}</p>
        </div>
        <button type="button" className="btn btn--primary" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          {creating ? t('program.cancelEdit') : t('programs.new')}
        </button>
      </div>
      {creating ? (
        <ProgramForm
          onDone={(p) => {
            setCreating(false);
            setToast(t('program.created', { name: p.name }));
          }}
        />
      ) : null}
      <QueryView query={programs}>
        {(list) => {
          const mine = list.filter((p) => p.administered);
          return mine.length === 0 ? (
            <EmptyState>{t('programs.empty')}</EmptyState>
          ) : (
            <>
              {mine.map((p) => (
                <ProgramCard key={p.id} program={p} onSaved={setToast} />
              ))}
            </>
          );
        }}
      </QueryView>
      <Toast message={toast} onDismiss={() => setToast(null)} />
    </div>
  );
}
