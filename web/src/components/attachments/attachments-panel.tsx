/**
 * A list of files with what the reader may do to each: download (always), rename, share with
 * observers and delete (when `canManage`), and an upload area (file input plus drag and drop, several
 * files one after another, a busy line while they go). The caller passes the items it may read and the
 * requests; the server decides every permission, the panel only hides what the role cannot do.
 * `compact` is the small form under a finding or homework: names and sizes, a file button.
 */
import { type Attachment, formatDate, formatFileSize, todayInJapan } from '@banso/shared';
import { type DragEvent, type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ErrorMessage } from '../ui/error-message';
import { Badge, EmptyState, Notice } from '../ui/feedback';

export interface AttachmentsPanelProps {
  /** The heading (資料, or 参考資料); visually hidden in the compact form. */
  title: string;
  items: readonly Attachment[];
  hrefOf: (a: Attachment) => string;
  /** The 公開範囲 column (not for observers, who see only shared files, nor for reference materials). */
  showVisibility?: boolean;
  /** Upload, rename, share and delete. */
  canManage: boolean;
  /** Offer the 傍聴者にも公開 choice on upload and the share toggle. */
  canShare?: boolean;
  upload: (file: File, shareable: boolean) => Promise<unknown>;
  update?: (a: Attachment, body: { name?: string; shareable?: boolean }) => Promise<unknown>;
  remove: (a: Attachment) => Promise<unknown>;
  compact?: boolean;
  /** Hidden when there is nothing to read and nothing to do (an observer's visit without shared files). */
  hideWhenEmpty?: boolean;
}

interface Failure {
  name: string;
  error: unknown;
}

const dateOf = (iso: string) => todayInJapan(new Date(iso));

function RenameForm({ item, onSave, onCancel }: { item: Attachment; onSave: (name: string) => void; onCancel: () => void }) {
  const { t } = useTranslation(['attachments', 'common']);
  const id = useId();
  const [name, setName] = useState(item.name);
  return (
    <form
      className="files__rename"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSave(name.trim());
      }}
    >
      <label className="visually-hidden" htmlFor={`${id}-name`}>
        {t('files.newName')}
      </label>
      <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="btn btn--primary btn--small">
        {t('common:common.save')}
      </button>
      <button type="button" className="btn btn--secondary btn--small" onClick={onCancel}>
        {t('common:common.cancel')}
      </button>
    </form>
  );
}

export function AttachmentsPanel({
  title,
  items,
  hrefOf,
  showVisibility = false,
  canManage,
  canShare = false,
  upload,
  update,
  remove,
  compact = false,
  hideWhenEmpty = false,
}: AttachmentsPanelProps) {
  const { t } = useTranslation(['attachments', 'common']);
  const { locale } = useLocale();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [shareNew, setShareNew] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failures, setFailures] = useState<Failure[]>([]);
  const [added, setAdded] = useState(0);
  const [dragging, setDragging] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  const [writeError, setWriteError] = useState<unknown>(null);

  if (hideWhenEmpty && items.length === 0 && !canManage) return null;

  const send = async (files: readonly File[]) => {
    if (files.length === 0 || progress) return;
    setFailures([]);
    setAdded(0);
    const failed: Failure[] = [];
    let ok = 0;
    // One after another: the server streams each, and the busy line counts them.
    for (const [i, file] of files.entries()) {
      setProgress({ done: i, total: files.length });
      try {
        await upload(file, shareNew);
        ok += 1;
      } catch (error) {
        failed.push({ name: file.name, error });
      }
    }
    setProgress(null);
    setFailures(failed);
    setAdded(ok);
    if (input.current) input.current.value = '';
  };

  const act = (p: Promise<unknown>) => {
    setWriteError(null);
    p.catch((error: unknown) => setWriteError(error));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void send([...e.dataTransfer.files]);
  };

  const Heading = compact ? 'h5' : 'h4';
  return (
    <section className={compact ? 'files files--compact' : 'files'} aria-labelledby={`${id}-title`} data-testid="files">
      <Heading id={`${id}-title`} className={compact ? 'visually-hidden' : 'files__title'}>
        {title}
      </Heading>
      {items.length === 0 ? (
        compact ? null : (
          <EmptyState>{t('files.empty')}</EmptyState>
        )
      ) : (
        <ul className="files__list">
          {items.map((a) => (
            <li key={a.id} className="files__item" data-testid="file">
              {renaming === a.id && update ? (
                <RenameForm
                  item={a}
                  onCancel={() => setRenaming(null)}
                  onSave={(name) => {
                    setRenaming(null);
                    act(update(a, { name }));
                  }}
                />
              ) : (
                <a className="files__name" href={hrefOf(a)} download={a.name}>
                  {a.name}
                  <span className="visually-hidden"> {t('files.download')}</span>
                </a>
              )}
              <span className="files__meta">
                <span>{formatFileSize(a.size)}</span>
                {compact ? null : (
                  <>
                    <span>
                      <span className="visually-hidden">{t('files.uploadedBy')}: </span>
                      {a.uploadedBy?.name ?? t('files.unknownUploader')}
                    </span>
                    <span>
                      <span className="visually-hidden">{t('files.uploadedAt')}: </span>
                      {formatDate(dateOf(a.createdAt), locale)}
                    </span>
                  </>
                )}
                {showVisibility ? (
                  <Badge tone={a.shareable ? 'info' : 'muted'}>
                    <span className="visually-hidden">{t('files.visibility')}: </span>
                    {a.shareable ? t('files.shared') : t('files.teamOnly')}
                  </Badge>
                ) : null}
              </span>
              {canManage && renaming !== a.id ? (
                <span className="files__actions">
                  {update ? (
                    <button type="button" className="btn btn--ghost btn--small" onClick={() => setRenaming(a.id)}>
                      {t('files.rename')}
                      <span className="visually-hidden">: {a.name}</span>
                    </button>
                  ) : null}
                  {update && canShare ? (
                    <button type="button" className="btn btn--ghost btn--small" onClick={() => act(update(a, { shareable: !a.shareable }))}>
                      {a.shareable ? t('files.unshare') : t('files.share')}
                      <span className="visually-hidden">: {a.name}</span>
                    </button>
                  ) : null}
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => setDeleting(a)}>
                    {t('files.delete')}
                    <span className="visually-hidden">: {a.name}</span>
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {writeError ? <ErrorMessage error={writeError} /> : null}
      {canManage ? (
        <div
          className={`files__drop${dragging ? ' files__drop--over' : ''}${compact ? ' files__drop--compact' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          {compact ? null : <span className="files__drop-text">{t('files.drop')}</span>}
          <label className="btn btn--secondary btn--small files__choose" htmlFor={`${id}-input`}>
            {compact ? t('files.attach') : t('files.choose')}
          </label>
          <input
            ref={input}
            id={`${id}-input`}
            className="visually-hidden"
            type="file"
            multiple
            disabled={progress !== null}
            onChange={(e: FormEvent<HTMLInputElement>) => void send([...(e.currentTarget.files ?? [])])}
          />
          {canShare ? (
            <label className="files__share">
              <input type="checkbox" checked={shareNew} onChange={(e) => setShareNew(e.target.checked)} />
              {t('files.shareNew')}
            </label>
          ) : null}
          {compact ? null : <span className="files__hint muted">{t('files.hint')}</span>}
        </div>
      ) : null}
      {progress ? (
        <p className="files__busy" role="status" aria-live="polite">
          <span className="loading__spinner" aria-hidden="true" />
          {t('files.uploading', { done: progress.done, total: progress.total })}
        </p>
      ) : null}
      {added > 0 && !progress ? <Notice tone="success">{t('files.uploaded', { count: added })}</Notice> : null}
      {failures.map((f) => (
        <div key={f.name} className="files__failure">
          <p className="files__failure-name">{t('files.failed', { name: f.name })}</p>
          <ErrorMessage error={f.error} />
        </div>
      ))}
      {canManage ? (
        <ConfirmDialog
          open={deleting !== null}
          title={t('files.deleteTitle')}
          body={deleting ? t('files.deleteBody', { name: deleting.name }) : ''}
          confirmLabel={t('files.delete')}
          cancelLabel={t('common:common.cancel')}
          onConfirm={() => {
            if (deleting) act(remove(deleting));
            setDeleting(null);
          }}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </section>
  );
}
