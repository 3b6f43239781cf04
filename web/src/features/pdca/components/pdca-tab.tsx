import {
  type Access,
  can,
  type EngagementDetail,
  type PdcaAssessment,
  pdcaAssessments,
  pdcaMarks,
  type PdcaAdvisorComment,
  PdcaAdvisorCommentSchema,
  type PdcaReview,
  PdcaReviewSchema,
  todayInJapan,
} from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message';
import { staleCurrent } from '../../../lib/api-error';
import { Field } from '../../../components/ui/field';
import { EmptyState, Notice } from '../../../components/ui/feedback';
import { QueryView } from '../../../components/ui/query-view';
import { formatDateTime, formatFiscalYear } from '@banso/shared';
import { usePdcaReviews } from '../../../api/pdca/get-pdca-reviews';
import { usePutPdcaAdvisorComment, usePutPdcaReview } from '../../../api/pdca/put-pdca-review';
import { reviewYears } from '../lib/years';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../../i18n';

function ReviewForm({
  engagementId,
  fiscalYear,
  review,
  onDone,
}: {
  engagementId: string;
  fiscalYear: number;
  review: PdcaReview | null;
  onDone: () => void;
}) {
  const { t } = useTranslation(['pdca', 'common']);
  const L = useLabels();
  const id = useId();
  const put = usePutPdcaReview(engagementId);
  const [assessment, setAssessment] = useState<PdcaAssessment | ''>(review?.assessment ?? '');
  const [comment, setComment] = useState(review?.comment ?? '');
  const [nextActions, setNextActions] = useState(review?.nextActions ?? '');
  // 412: someone saved this year's review since the form opened; the server sent what they saved
  const stale = staleCurrent(put.error, PdcaReviewSchema);
  const save = (version: number | null) => {
    if (!assessment) return;
    put.mutate({ fiscalYear, body: { assessment, comment, nextActions }, version }, { onSuccess: onDone });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(review?.version ?? null);
  };
  return (
    <form className="form-grid" onSubmit={submit}>
      <fieldset className="form-grid__wide assessment-picker">
        <legend className="field__label">
          {t('pdca.assessment')}
          <span className="field__required">{t('common:common.paren', { text: t('common:common.required') })}</span>
        </legend>
        {pdcaAssessments.map((a) => (
          <label key={a} className={`assessment-picker__option${assessment === a ? ' assessment-picker__option--checked' : ''}`}>
            <input type="radio" name={`${id}-assessment`} value={a} checked={assessment === a} onChange={() => setAssessment(a)} required />
            {`${pdcaMarks[a]} ${L.assessment[a]}`}
          </label>
        ))}
      </fieldset>
      <Field id={`${id}-comment`} label={t('pdca.comment')} className="form-grid__wide">
        <textarea id={`${id}-comment`} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Field>
      <Field id={`${id}-next`} label={t('pdca.nextActions')} className="form-grid__wide">
        <textarea id={`${id}-next`} rows={3} value={nextActions} onChange={(e) => setNextActions(e.target.value)} />
      </Field>
      <div className="form-grid__actions form-grid__wide">
        <button type="submit" className="btn btn--primary" disabled={put.isPending || !assessment}>
          {put.isPending ? t('common:common.saving') : t('common:common.save')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t('common:common.cancel')}
        </button>
      </div>
      {stale ? (
        <StaleReview
          theirs={stale}
          mine={{ assessment, comment, nextActions }}
          saving={put.isPending}
          onOverwrite={() => assessment && save(stale.version)}
          onTakeTheirs={() => {
            setAssessment(stale.assessment);
            setComment(stale.comment);
            setNextActions(stale.nextActions);
            put.reset();
          }}
        />
      ) : put.error ? (
        <div className="form-grid__wide">
          <ErrorMessage error={put.error} />
        </div>
      ) : null}
    </form>
  );
}

type ReviewFields = Pick<PdcaReview, 'comment' | 'nextActions'> & { assessment: PdcaAssessment | '' };

/** A stale save: who saved what meanwhile, field by field beside the user's own input, and the two ways on. */
function StaleReview({
  theirs,
  mine,
  saving,
  onOverwrite,
  onTakeTheirs,
}: {
  theirs: PdcaReview;
  mine: ReviewFields;
  saving: boolean;
  onOverwrite: () => void;
  onTakeTheirs: () => void;
}) {
  const { t } = useTranslation(['pdca', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const show = (f: keyof ReviewFields, v: string) =>
    f === 'assessment' && v ? `${pdcaMarks[v as PdcaAssessment]} ${L.assessment[v as PdcaAssessment]}` : v || t('common:common.none');
  const fields = (['assessment', 'comment', 'nextActions'] as const).filter((f) => theirs[f] !== mine[f]);
  const label = { assessment: t('pdca.assessment'), comment: t('pdca.comment'), nextActions: t('pdca.nextActions') };
  return (
    <div className="form-grid__wide">
      <Notice
        tone="warning"
        title={t('pdca.stale', {
          name: theirs.updatedBy?.name ?? t('common:common.someone'),
          date: formatDateTime(theirs.updatedAt, locale),
        })}
        action={
          <>
            <button type="button" className="btn btn--primary btn--small" disabled={saving} onClick={onOverwrite}>
              {t('pdca.staleOverwrite')}
            </button>
            <button type="button" className="btn btn--secondary btn--small" onClick={onTakeTheirs}>
              {t('pdca.staleTakeTheirs')}
            </button>
          </>
        }
      >
        <p>{t('pdca.staleKept')}</p>
        {fields.length > 0 ? (
          <table className="table stale-diff">
            <thead>
              <tr>
                <th scope="col">{t('pdca.staleField')}</th>
                <th scope="col">{t('pdca.staleTheirs')}</th>
                <th scope="col">{t('pdca.staleMine')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr key={f}>
                  <th scope="row">{label[f]}</th>
                  <td className="pre-wrap">{show(f, theirs[f])}</td>
                  <td className="pre-wrap">{show(f, mine[f])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('pdca.staleSame')}</p>
        )}
      </Notice>
    </div>
  );
}

/** The advisors' comment on the year, beside the municipality's self-evaluation: its own author, form and version. */
function AdvisorComment({
  engagementId,
  fiscalYear,
  comment,
  canComment,
}: {
  engagementId: string;
  fiscalYear: number;
  comment: PdcaAdvisorComment | null;
  canComment: boolean;
}) {
  const { t } = useTranslation(['pdca', 'common']);
  const { locale } = useLocale();
  const id = useId();
  const put = usePutPdcaAdvisorComment(engagementId);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  // 412: another advisor saved meanwhile; their text is shown and the user chooses to overwrite
  const stale = staleCurrent(put.error, PdcaAdvisorCommentSchema);
  const save = (version: number | null) => put.mutate({ fiscalYear, comment: text, version }, { onSuccess: () => setEditing(false) });
  return (
    <div className="review__advisor">
      <h4 className="review__subhead">{t('pdca.advisorComment')}</h4>
      {editing ? (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            save(comment?.version ?? null);
          }}
        >
          <Field id={`${id}-advisor`} label={t('pdca.advisorComment')} className="form-grid__wide">
            <textarea id={`${id}-advisor`} rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
          </Field>
          <div className="form-grid__actions form-grid__wide">
            <button type="submit" className="btn btn--primary" disabled={put.isPending || !text.trim()}>
              {put.isPending ? t('common:common.saving') : t('common:common.save')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => setEditing(false)}>
              {t('common:common.cancel')}
            </button>
          </div>
          {stale ? (
            <div className="form-grid__wide">
              <Notice
                tone="warning"
                title={t('pdca.stale', {
                  name: stale.updatedBy?.name ?? t('common:common.someone'),
                  date: formatDateTime(stale.updatedAt, locale),
                })}
                action={
                  <button
                    type="button"
                    className="btn btn--primary btn--small"
                    disabled={put.isPending}
                    onClick={() => save(stale.version)}
                  >
                    {t('pdca.staleOverwrite')}
                  </button>
                }
              >
                <p className="pre-wrap">{stale.comment}</p>
              </Notice>
            </div>
          ) : put.error ? (
            <div className="form-grid__wide">
              <ErrorMessage error={put.error} />
            </div>
          ) : null}
        </form>
      ) : comment ? (
        <>
          <p className="pre-wrap">{comment.comment}</p>
          {comment.updatedBy ? (
            <p className="muted review__by">
              {t('pdca.updatedBy', { date: formatDateTime(comment.updatedAt, locale), name: comment.updatedBy.name })}
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">{t('pdca.advisorEmpty')}</p>
      )}
      {canComment && !editing ? (
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => {
            setText(comment?.comment ?? '');
            put.reset();
            setEditing(true);
          }}
        >
          {comment ? t('pdca.advisorEdit') : t('pdca.advisorWrite')}
        </button>
      ) : null}
    </div>
  );
}

function YearReview({
  engagementId,
  fiscalYear,
  review,
  advisorComment,
  canWrite,
  canComment,
}: {
  engagementId: string;
  fiscalYear: number;
  review: PdcaReview | null;
  advisorComment: PdcaAdvisorComment | null;
  canWrite: boolean;
  canComment: boolean;
}) {
  const { t } = useTranslation(['pdca', 'common']);
  const L = useLabels();
  const { locale } = useLocale();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const titleId = useId();
  return (
    <section className="card review" aria-labelledby={titleId}>
      <header className="review__head">
        <h3 id={titleId} className="review__year">
          {formatFiscalYear(fiscalYear, locale)}
        </h3>
        {review ? (
          <span className={`review__mark review__mark--${review.assessment}`} title={L.assessment[review.assessment]}>
            <span aria-hidden="true">{pdcaMarks[review.assessment]}</span>
            <span className="visually-hidden">{L.assessment[review.assessment]}</span>
          </span>
        ) : null}
        {canWrite && !editing ? (
          <button
            type="button"
            className="btn btn--secondary btn--small review__edit"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {review ? t('common:common.edit') : t('pdca.write')}
          </button>
        ) : null}
      </header>
      {saved ? <Notice tone="success">{t('pdca.saved')}</Notice> : null}
      {editing ? (
        <ReviewForm
          engagementId={engagementId}
          fiscalYear={fiscalYear}
          review={review}
          onDone={() => {
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : review ? (
        <>
          <dl className="facts">
            <div>
              <dt>{t('pdca.assessment')}</dt>
              <dd>{L.assessment[review.assessment]}</dd>
            </div>
            <div>
              <dt>{t('pdca.comment')}</dt>
              <dd className="pre-wrap">{review.comment || <span className="muted">{t('common:common.notSet')}</span>}</dd>
            </div>
            <div>
              <dt>{t('pdca.nextActions')}</dt>
              <dd className="pre-wrap">{review.nextActions || <span className="muted">{t('common:common.notSet')}</span>}</dd>
            </div>
          </dl>
          {/* Outside the <dl>: a <dl> may hold only <dt>/<dd> groups (axe, issue 12 item 11). */}
          {review.updatedBy ? (
            <p className="muted review__by">
              {t('pdca.updatedBy', { date: formatDateTime(review.updatedAt, locale), name: review.updatedBy.name })}
            </p>
          ) : null}
        </>
      ) : (
        <EmptyState>{t('pdca.empty')}</EmptyState>
      )}
      <AdvisorComment engagementId={engagementId} fiscalYear={fiscalYear} comment={advisorComment} canComment={canComment} />
    </section>
  );
}

/** 振り返り: per fiscal year the municipality's self-evaluation (◎○△×, comment, next actions) and the advisors' comment. */
export function PdcaTab({ engagement, access }: { engagement: EngagementDetail; access: Access }) {
  const { t } = useTranslation(['pdca', 'common']);
  const reviews = usePdcaReviews(engagement.id);
  const canWrite = can(access, 'pdca.self');
  const canComment = can(access, 'pdca.comment');
  return (
    <div className="tab-content">
      <div className="section-head">
        <h2 className="section-title">{t('pdca.title')}</h2>
        <p className="muted">{t('pdca.lead')}</p>
      </div>
      <QueryView query={reviews}>
        {({ items, advisorComments }) => (
          <div className="reviews">
            {reviewYears(
              engagement.fiscalYear,
              items.map((r) => r.fiscalYear),
              todayInJapan(),
            ).map((fy) => (
              <YearReview
                key={fy}
                engagementId={engagement.id}
                fiscalYear={fy}
                review={items.find((r) => r.fiscalYear === fy) ?? null}
                advisorComment={advisorComments.find((c) => c.fiscalYear === fy) ?? null}
                canWrite={canWrite}
                canComment={canComment}
              />
            ))}
          </div>
        )}
      </QueryView>
    </div>
  );
}
