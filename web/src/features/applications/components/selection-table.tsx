import { type Application, type ApplicationList, municipalityCategories } from '@banso/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ErrorMessage } from '../../../components/ui/error-message';
import { Badge, Notice } from '../../../components/ui/feedback';
import { Field } from '../../../components/ui/field';
import { Link } from '../../../components/ui/link';
import { isApiError } from '../../../lib/api-error';
import { useTranslation } from 'react-i18next';
import { useDeclineApplication } from '../../../api/programs/decline-application';
import { useAdvisorCandidates } from '../../../api/programs/get-advisor-candidates';
import { useSelectApplication } from '../../../api/programs/select-application';
import { useLabels } from '../../../i18n';

const num = (n: number | null, unit = '') => (n === null ? '—' : `${n.toLocaleString('ja-JP', { maximumFractionDigits: 1 })}${unit}`);

function SelectForm({
  programId,
  application,
  onDone,
  onCancel,
}: {
  programId: string;
  application: Application;
  onDone: (message: string, engagementId: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(['applications', 'common']);
  const id = useId();
  const candidates = useAdvisorCandidates(programId, true);
  const select = useSelectApplication(programId);
  const [advisorIds, setAdvisorIds] = useState<string[]>([]);
  const [desiredState, setDesiredState] = useState('');
  const [carryOver, setCarryOver] = useState(true);
  const taken =
    isApiError(select.error) && select.error.status === 409 && select.error.code === 'category_taken' ? select.error.detail : null;
  const run = (force: boolean) =>
    select.mutate(
      {
        application,
        body: {
          advisorIds,
          ...(desiredState.trim() ? { desiredState: desiredState.trim() } : {}),
          ...(force ? { force: true } : {}),
          ...(application.previousEngagement ? { carryOver } : {}),
        },
      },
      {
        onSuccess: (r) =>
          onDone(
            t('apps.selected', { name: application.municipality.name }) + (r.warning ? t('common:common.paren', { text: r.warning }) : ''),
            r.engagementId,
          ),
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(false);
  };
  return (
    <form
      className="form-grid selection-form"
      onSubmit={submit}
      aria-label={t('apps.selectTitle', { name: application.municipality.name })}
    >
      <fieldset className="form-grid__wide selection-form__advisors">
        <legend className="field__label">{t('apps.advisors')}</legend>
        {(candidates.data ?? []).map((c) => (
          <label key={c.id} className="selection-form__advisor">
            <input
              type="checkbox"
              checked={advisorIds.includes(c.id)}
              onChange={(e) => setAdvisorIds(e.target.checked ? [...advisorIds, c.id] : advisorIds.filter((x) => x !== c.id))}
            />
            {c.name}
            {c.title ? <span className="muted">{t('common:common.paren', { text: c.title })}</span> : null}
          </label>
        ))}
      </fieldset>
      <Field id={`${id}-desired`} label={t('apps.desiredState')} className="form-grid__wide">
        <input id={`${id}-desired`} value={desiredState} onChange={(e) => setDesiredState(e.target.value)} maxLength={1000} />
      </Field>
      {application.previousEngagement ? (
        <label className="form-grid__wide selection-form__carry">
          <input type="checkbox" checked={carryOver} onChange={(e) => setCarryOver(e.target.checked)} /> {t('apps.carryOver')}
        </label>
      ) : null}
      <div className="form-grid__actions form-grid__wide">
        <button type="submit" className="btn btn--primary" disabled={select.isPending || advisorIds.length === 0}>
          {select.isPending ? t('apps.selecting') : t('apps.confirmSelect')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onCancel}>
          {t('apps.cancel')}
        </button>
      </div>
      {taken ? (
        <div className="form-grid__wide">
          <Notice
            tone="warning"
            title={taken}
            action={
              <button type="button" className="btn btn--primary btn--small" disabled={select.isPending} onClick={() => run(true)}>
                {t('apps.force')}
              </button>
            }
          />
        </div>
      ) : select.error ? (
        <div className="form-grid__wide">
          <ErrorMessage error={select.error} />
        </div>
      ) : null}
    </form>
  );
}

/** The selection form in a modal drawer at the side of the viewport (native <dialog>: focus trap, Escape closes). */
function SelectDrawer({
  programId,
  application,
  onDone,
  onClose,
}: {
  programId: string;
  application: Application;
  onDone: (message: string, engagementId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('applications');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="selection-drawer"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="selection-drawer__head">
        <h2 id={titleId} className="card__title">
          {t('apps.selectTitle', { name: application.municipality.name })}
        </h2>
        <button type="button" className="btn btn--ghost btn--small" onClick={onClose}>
          {t('apps.selectDialogClose')}
        </button>
      </div>
      <SelectForm programId={programId} application={application} onCancel={onClose} onDone={onDone} />
    </dialog>
  );
}

/** The program office's view: every application side by side with the municipality's indicators, to select or decline. */
export function SelectionTable({ programId, list }: { programId: string; list: ApplicationList }) {
  const { t } = useTranslation(['applications', 'common']);
  const L = useLabels();
  const decline = useDeclineApplication(programId);
  const [selecting, setSelecting] = useState<string | null>(null);
  const [declining, setDeclining] = useState<Application | null>(null);
  const [done, setDone] = useState<{ message: string; engagementId: string | null } | null>(null);
  const codes = [...new Map(list.items.flatMap((a) => a.indicators.map((i) => [i.code, i] as const))).values()].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const selected = list.items.find((a) => a.id === selecting) ?? null;
  return (
    <>
      <section className="selection-categories" aria-label={t('apps.categories')}>
        <span className="field__label">{t('apps.categories')}:</span>
        {municipalityCategories.map((c) => (
          <Badge key={c} tone={list.selectedCategories.includes(c) ? 'success' : 'muted'}>
            {L.category[c]} {list.selectedCategories.includes(c) ? t('apps.categoryTaken') : t('apps.categoryOpen')}
          </Badge>
        ))}
      </section>
      {done ? (
        <Notice
          tone="success"
          action={
            done.engagementId ? (
              <Link href={`/engagements/${encodeURIComponent(done.engagementId)}/hearing`}>{t('apps.openEngagement')}</Link>
            ) : undefined
          }
        >
          {done.message}
        </Notice>
      ) : null}
      {decline.error ? <ErrorMessage error={decline.error} /> : null}
      {list.items.length === 0 ? (
        <p className="empty-state">{t('apps.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact selection-table">
            <caption className="visually-hidden">{t('apps.indicatorsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('apps.col.municipality')}</th>
                <th scope="col" className="num">
                  {t('apps.col.population')}
                </th>
                <th scope="col" className="num">
                  {t('apps.col.aging')}
                </th>
                <th scope="col" className="num">
                  {t('apps.col.pop85')}
                </th>
                {codes.map((c) => (
                  <th key={c.code} scope="col" className="num" title={c.name}>
                    {c.code}
                    <span className="cell-sub">{c.name}</span>
                  </th>
                ))}
                <th scope="col">{t('apps.theme')}</th>
                <th scope="col">{t('apps.col.previous')}</th>
                <th scope="col">{t('apps.col.status')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {list.items.map((a) => (
                <tr key={a.id} className={a.status === 'declined' || a.status === 'withdrawn' ? 'row--muted' : undefined}>
                  <th scope="row">
                    {a.municipality.name}
                    <span className="cell-sub">
                      {t('common:common.pair', { a: L.category[a.municipality.category], b: L.regionType[a.municipality.regionType] })}
                    </span>
                  </th>
                  <td className="num">{num(a.municipality.population)}</td>
                  <td className="num">{num(a.municipality.agingRate, '%')}</td>
                  <td className="num">{num(a.municipality.pop85Rate, '%')}</td>
                  {codes.map((c) => {
                    const v = a.indicators.find((i) => i.code === c.code);
                    return (
                      <td key={c.code} className="num">
                        {v ? num(v.value, v.unit) : '—'}
                        {v ? <span className="cell-sub">{v.period}</span> : null}
                      </td>
                    );
                  })}
                  <td className="cell-text">
                    <strong>{a.theme}</strong>
                    <span className="cell-sub pre-wrap">{a.motivation}</span>
                    <span className="cell-sub">
                      {a.contactName} {a.contactEmail}
                    </span>
                  </td>
                  <td>
                    {a.previousEngagement
                      ? t('apps.previous', { year: a.previousEngagement.fiscalYear, theme: a.previousEngagement.theme })
                      : '—'}
                  </td>
                  <td>
                    <Badge tone={a.status === 'selected' ? 'success' : a.status === 'submitted' ? 'info' : 'muted'}>
                      {L.applicationStatus[a.status]}
                    </Badge>
                  </td>
                  <td className="selection-table__actions">
                    {a.status === 'submitted' ? (
                      <>
                        <button
                          type="button"
                          className="btn btn--primary btn--small"
                          onClick={() => setSelecting(a.id)}
                          aria-label={`${a.municipality.name} ${t('apps.select')}`}
                        >
                          {t('apps.select')}
                        </button>
                        <button
                          type="button"
                          className="btn btn--ghost btn--small"
                          disabled={decline.isPending}
                          aria-label={`${a.municipality.name} ${t('apps.decline')}`}
                          onClick={() => setDeclining(a)}
                        >
                          {t('apps.decline')}
                        </button>
                      </>
                    ) : a.engagementId ? (
                      <Link href={`/engagements/${encodeURIComponent(a.engagementId)}/hearing`}>{t('apps.openEngagement')}</Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected ? (
        <SelectDrawer
          programId={programId}
          application={selected}
          onClose={() => setSelecting(null)}
          onDone={(message, engagementId) => {
            setSelecting(null);
            setDone({ message, engagementId });
          }}
        />
      ) : null}
      <ConfirmDialog
        open={declining !== null}
        title={t('apps.declineConfirmTitle', { name: declining?.municipality.name ?? '' })}
        body={t('apps.declineConfirmBody', { name: declining?.municipality.name ?? '' })}
        confirmLabel={t('apps.decline')}
        cancelLabel={t('apps.cancel')}
        onCancel={() => setDeclining(null)}
        onConfirm={() => {
          const a = declining;
          setDeclining(null);
          if (a)
            decline.mutate(a, {
              onSuccess: () => setDone({ message: t('apps.declined', { name: a.municipality.name }), engagementId: null }),
            });
        }}
      />
    </>
  );
}
