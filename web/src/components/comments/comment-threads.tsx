/**
 * Comment threads on one subject (a tree node, action, milestone, verification plan or visit): the
 * threads the reader may read, replies, editing and deleting one's own, resolving, @mentions from the
 * team, and the 公開範囲 with who reads each choice. Observers get a 質問する form instead (their
 * questions are read by observers; the team answers in the thread).
 */
import {
  type Access,
  can,
  type Comment,
  type CommentSubjectType,
  type CommentThread,
  type CreateCommentBody,
  type FindingVisibility,
  formatDateTime,
  readableFindingVisibilities,
  type UpdateCommentBody,
  writableFindingVisibilities,
} from '@banso/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels, useLocale } from '../../i18n';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ErrorMessage } from '../ui/error-message';

interface Mutation<V> {
  mutate(vars: V, opts?: { onSuccess?: () => void }): void;
  isPending: boolean;
  error: unknown;
}

export interface CommentMember {
  id: string;
  name: string;
  role: 'advisor' | 'municipal_member';
}

/** What the component needs; `useCommentController` (web/src/api/comments) gives it. */
export interface CommentThreadsController {
  subject: { type: CommentSubjectType; id: string };
  access: Access;
  threads: readonly CommentThread[];
  loading: boolean;
  loadError: unknown;
  hasMore: boolean;
  loadMore(): void;
  members: readonly CommentMember[];
  create: Mutation<CreateCommentBody>;
  update: Mutation<{ commentId: string; version: number; body: UpdateCommentBody }>;
  remove: Mutation<{ commentId: string; version: number }>;
  resolve: Mutation<{ commentId: string; version: number; resolved: boolean }>;
}

/** A textarea with a member picker that inserts 「@名前」 and remembers whom the text names. */
function CommentEditor({
  label,
  submitLabel,
  members,
  initial = '',
  initialMentions = [],
  pending,
  error,
  onSubmit,
  onCancel,
  children,
}: {
  label: string;
  submitLabel: string;
  members: readonly CommentMember[];
  initial?: string;
  initialMentions?: readonly string[];
  pending: boolean;
  error: unknown;
  onSubmit: (body: string, mentions: string[], reset: () => void) => void;
  onCancel?: () => void;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation('common');
  const id = useId();
  const [text, setText] = useState(initial);
  const [mentions, setMentions] = useState<string[]>([...initialMentions]);
  const [invalid, setInvalid] = useState(false);
  const reset = () => {
    setText('');
    setMentions([]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    // Only those still named in the text are mentioned.
    const named = mentions.filter((m) => {
      const member = members.find((x) => x.id === m);
      return member && text.includes(`@${member.name}`);
    });
    onSubmit(text.trim(), named, reset);
  };
  const mention = (memberId: string) => {
    const member = members.find((m) => m.id === memberId);
    if (!member) return;
    setText((prev) => `${prev}${prev && !prev.endsWith(' ') ? ' ' : ''}@${member.name} `);
    setMentions((prev) => (prev.includes(member.id) ? prev : [...prev, member.id]));
  };
  return (
    <form className="comment-editor" onSubmit={submit} noValidate>
      <label className="field__label" htmlFor={`${id}-text`}>
        {label}
      </label>
      <textarea
        id={`${id}-text`}
        rows={3}
        value={text}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      {invalid ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {t('comments.textRequired')}
        </p>
      ) : null}
      {children}
      <div className="comment-editor__actions">
        {members.length > 0 ? (
          <select aria-label={t('comments.mention')} value="" onChange={(e) => mention(e.target.value)}>
            <option value="">{t('comments.mentionPlaceholder')}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        ) : null}
        <button type="submit" className="btn btn--primary btn--small" disabled={pending}>
          {pending ? t('common.saving') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="btn btn--small" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}

function CommentBody({ comment }: { comment: Comment }) {
  const { t } = useTranslation('common');
  const L = useLabels();
  const { locale } = useLocale();
  const who = comment.author?.name ?? L.role[comment.authorRole];
  return (
    <>
      <p className="comment__meta">
        <span className="comment__author">{who}</span> <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, locale)}</time>
        {comment.editedAt && !comment.deletedAt ? <span className="comment__edited"> {t('comments.edited')}</span> : null}
      </p>
      {comment.deletedAt ? (
        <p className="comment__text comment__text--deleted">{t('comments.deleted')}</p>
      ) : (
        <p className="comment__text">{comment.body}</p>
      )}
    </>
  );
}

function CommentItem({
  comment,
  controller,
  members,
  isRoot,
}: {
  comment: Comment;
  controller: CommentThreadsController;
  members: readonly CommentMember[];
  isRoot: boolean;
}) {
  const { t } = useTranslation('common');
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { access } = controller;
  const own = comment.mine && !comment.deletedAt && can(access, 'comment.edit', { authorUserId: access.userId });
  const canResolve = isRoot && can(access, 'comment.resolve', { authorUserId: comment.mine ? access.userId : null });
  return (
    <div className="comment">
      {editing ? (
        <CommentEditor
          label={t('comments.editLabel')}
          submitLabel={t('common.save')}
          members={members}
          initial={comment.body}
          initialMentions={comment.mentions.map((m) => m.id)}
          pending={controller.update.isPending}
          error={controller.update.error}
          onCancel={() => setEditing(false)}
          onSubmit={(body, mentions) =>
            controller.update.mutate(
              { commentId: comment.id, version: comment.version, body: { body, mentions } },
              { onSuccess: () => setEditing(false) },
            )
          }
        />
      ) : (
        <CommentBody comment={comment} />
      )}
      {!editing && (own || canResolve) ? (
        <div className="comment__actions">
          {own ? (
            <>
              <button type="button" className="btn btn--link" aria-label={t('comments.editLabel')} onClick={() => setEditing(true)}>
                {t('comments.edit')}
              </button>
              <button type="button" className="btn btn--link" aria-label={t('comments.deleteLabel')} onClick={() => setConfirming(true)}>
                {t('comments.delete')}
              </button>
            </>
          ) : null}
          {canResolve ? (
            <button
              type="button"
              className="btn btn--link"
              disabled={controller.resolve.isPending}
              onClick={() =>
                controller.resolve.mutate({ commentId: comment.id, version: comment.version, resolved: comment.resolvedAt === null })
              }
            >
              {comment.resolvedAt === null ? t('comments.resolve') : t('comments.reopen')}
            </button>
          ) : null}
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t('comments.deleteTitle')}
        body={t('comments.deleteBody')}
        confirmLabel={t('comments.delete')}
        cancelLabel={t('common.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          controller.remove.mutate({ commentId: comment.id, version: comment.version });
        }}
      />
    </div>
  );
}

/** Members who can read a thread of this visibility (a municipal member never reads team threads). */
const readersOf = (members: readonly CommentMember[], visibility: FindingVisibility) =>
  members.filter((m) => readableFindingVisibilities(m.role).includes(visibility));

function ThreadView({ thread, controller }: { thread: CommentThread; controller: CommentThreadsController }) {
  const { t } = useTranslation('common');
  const L = useLabels();
  const [replying, setReplying] = useState(false);
  const { access } = controller;
  const members = readersOf(controller.members, thread.visibility);
  const observer = access.role === 'observer';
  const mayReply = observer ? thread.kind === 'question' && can(access, 'comment.question') : can(access, 'comment.create');
  const label = thread.kind === 'question' ? t('comments.questionThread') : t('comments.thread');
  return (
    <li className={`comment-thread${thread.resolvedAt ? ' comment-thread--resolved' : ''}`} aria-label={label}>
      <p className="comment-thread__chips">
        {thread.kind === 'question' ? <span className="chip chip--question">{L.commentKind.question}</span> : null}
        <span className={`chip chip--${thread.visibility}`}>{L.visibility[thread.visibility]}</span>
        {thread.resolvedAt ? <span className="chip chip--resolved">{t('comments.resolved')}</span> : null}
      </p>
      <CommentItem comment={thread} controller={controller} members={members} isRoot />
      {thread.replies.length > 0 ? (
        <ul className="comment-thread__replies">
          {thread.replies.map((r) => (
            <li key={r.id}>
              <CommentItem comment={r} controller={controller} members={members} isRoot={false} />
            </li>
          ))}
        </ul>
      ) : null}
      {mayReply ? (
        replying ? (
          <CommentEditor
            label={observer ? t('comments.followUp') : thread.kind === 'question' ? t('comments.answer') : t('comments.reply')}
            submitLabel={t('comments.send')}
            members={observer ? [] : members}
            pending={controller.create.isPending}
            error={controller.create.error}
            onCancel={() => setReplying(false)}
            onSubmit={(body, mentions) =>
              controller.create.mutate(
                {
                  subjectType: thread.subjectType,
                  subjectId: thread.subjectId,
                  parentId: thread.id,
                  kind: observer ? 'question' : 'comment',
                  body,
                  mentions,
                },
                { onSuccess: () => setReplying(false) },
              )
            }
          />
        ) : (
          <button type="button" className="btn btn--small" onClick={() => setReplying(true)}>
            {thread.kind === 'question' && !observer ? t('comments.answer') : t('comments.reply')}
          </button>
        )
      ) : null}
    </li>
  );
}

/** Who reads a thread of each visibility (as the finding form says it). */
function useVisibilityHint() {
  const { t } = useTranslation('common');
  const hints: Record<FindingVisibility, string> = {
    team: t('comments.visibilityHint.team'),
    municipality: t('comments.visibilityHint.municipality'),
    observers: t('comments.visibilityHint.observers'),
  };
  return (v: FindingVisibility) => hints[v];
}

function NewThread({ controller }: { controller: CommentThreadsController }) {
  const { t } = useTranslation('common');
  const L = useLabels();
  const id = useId();
  const hint = useVisibilityHint();
  const { access, subject } = controller;
  const observer = !can(access, 'comment.create');
  const visibilities = observer ? (['observers'] as const) : writableFindingVisibilities(access.role);
  const [visibility, setVisibility] = useState<FindingVisibility>(visibilities[0] ?? 'observers');
  if (!observer && !can(access, 'comment.create')) return null;
  if (observer && !can(access, 'comment.question')) return null;
  return (
    <CommentEditor
      label={observer ? t('comments.questionLabel') : t('comments.newLabel')}
      submitLabel={observer ? t('comments.ask') : t('comments.post')}
      members={observer ? [] : readersOf(controller.members, visibility)}
      pending={controller.create.isPending}
      error={controller.create.error}
      onSubmit={(body, mentions, reset) =>
        controller.create.mutate(
          { subjectType: subject.type, subjectId: subject.id, kind: observer ? 'question' : 'comment', visibility, body, mentions },
          { onSuccess: reset },
        )
      }
    >
      {observer ? (
        <p className="field__hint">{hint('observers')}</p>
      ) : (
        <div className="comment-editor__visibility">
          <label className="field__label" htmlFor={`${id}-visibility`}>
            {t('comments.visibility')}
          </label>
          <select
            id={`${id}-visibility`}
            value={visibility}
            aria-describedby={`${id}-visibility-hint`}
            onChange={(e) => setVisibility(visibilities.find((v) => v === e.target.value) ?? visibility)}
          >
            {visibilities.map((v) => (
              <option key={v} value={v}>
                {L.visibility[v]}
              </option>
            ))}
          </select>
          <p className="field__hint" id={`${id}-visibility-hint`}>
            {hint(visibility)}
          </p>
        </div>
      )}
    </CommentEditor>
  );
}

export function CommentThreads({ controller, title }: { controller: CommentThreadsController; title?: string }) {
  const { t } = useTranslation('common');
  const headingId = useId();
  const open = controller.threads.filter((th) => th.resolvedAt === null).length;
  return (
    <section className="comment-threads" aria-labelledby={headingId}>
      <h3 className="comment-threads__title" id={headingId}>
        {title ?? t('comments.title')} <span className="comment-threads__count">{t('comments.openCount', { count: open })}</span>
      </h3>
      {controller.loadError ? <ErrorMessage error={controller.loadError} /> : null}
      {controller.loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : controller.threads.length === 0 ? (
        <p className="muted">{t('comments.none')}</p>
      ) : (
        <ul className="comment-threads__list">
          {controller.threads.map((th) => (
            <ThreadView key={th.id} thread={th} controller={controller} />
          ))}
        </ul>
      )}
      {controller.hasMore ? (
        <button type="button" className="btn btn--small" onClick={controller.loadMore}>
          {t('comments.more')}
        </button>
      ) : null}
      <NewThread controller={controller} />
    </section>
  );
}

/** The badge of a node card or outline row: the open threads the reader may read. */
export function CommentBadge({ count }: { count: number }) {
  const { t } = useTranslation('common');
  if (count <= 0) return null;
  return (
    <span
      className="lt-badge lt-badge--comments"
      role="img"
      aria-label={t('comments.badge', { count })}
      title={t('comments.badge', { count })}
    >
      {/* Drawn, not an emoji: terminals without an emoji font would show a blank box. */}
      <span aria-hidden="true" className="lt-badge__icon-text">
        <svg className="lt-badge__icon" viewBox="0 0 16 16" width="11" height="11" focusable="false">
          <path d="M2 2.5h12v8H6.5L3.5 13.5v-3H2z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        </svg>
        {count}
      </span>
    </span>
  );
}

/**
 * A closed disclosure 「コメント」 (with the open-thread count) whose threads load only when opened,
 * for lists of records (visits, actions, milestones, plans).
 */
export function CommentDisclosure({ count, label, children }: { count: number; label: string; children: () => React.ReactNode }) {
  const { t } = useTranslation('common');
  const [open, setOpen] = useState(false);
  return (
    <details className="comment-disclosure" onToggle={(e) => setOpen(e.currentTarget.open)}>
      {/* Named by its own text (what it is about hidden from sight), so the visible words are in the name. */}
      <summary>
        {t('comments.title')}
        <span className="visually-hidden">: {label}</span>
        {count > 0 ? <CommentBadge count={count} /> : null}
      </summary>
      {open ? children() : null}
    </details>
  );
}
