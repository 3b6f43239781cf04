import { isProblemCode } from '@banso/shared';
import type { TFunction } from 'i18next';
import { isApiError } from '../../lib/api-error';
import { Notice } from './feedback';
import { useTranslation } from 'react-i18next';

type T = TFunction<'common'>;

/** What to tell the user about a failed request, in their language. */
export function describeError(error: unknown, t: T): { message: string; detail: string | null; fields: string[] } {
  if (!isApiError(error)) return { message: t('error.unexpected'), detail: error instanceof Error ? error.message : null, fields: [] };
  const fields = error.errors.map((e) => `${e.path.replace(/^body\./, '')}: ${e.message}`);
  if (error.isNetwork) return { message: t('error.network'), detail: null, fields };
  if (error.code === 'invalid_response') return { message: t('error.invalidResponse'), detail: error.detail, fields };
  // a refusal the user should understand: its reason in the reader's language, not the server's English
  const reason = isProblemCode(error.code) ? t(`problem.${error.code}`) : error.detail;
  switch (error.status) {
    case 400:
      return { message: t('error.validation'), detail: error.detail, fields };
    case 401:
      return { message: t('error.unauthorized'), detail: null, fields };
    case 403:
      return { message: t('error.forbidden'), detail: reason, fields };
    case 404:
      return { message: t('error.notFound'), detail: null, fields };
    case 409:
      return { message: t('error.conflict'), detail: reason, fields };
    case 412:
      return { message: t('error.stale'), detail: null, fields };
    case 413:
      return { message: t('error.tooLarge'), detail: reason, fields };
    case 415:
      return { message: t('error.unsupportedType'), detail: reason, fields };
    case 429:
      return { message: t('error.throttled'), detail: reason, fields };
    case 428:
      return { message: t('error.preconditionRequired'), detail: null, fields };
    case 503:
      return { message: t('error.overloaded'), detail: null, fields };
  }
  if (error.status >= 500) return { message: t('error.server'), detail: null, fields };
  return { message: t('error.unexpected'), detail: reason, fields };
}

/** An error box for a failed request, with a retry button when one makes sense. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: (() => void) | undefined }) {
  const { t } = useTranslation('common');
  const { message, detail, fields } = describeError(error, t);
  const stale = isApiError(error) && error.status === 412;
  return (
    <Notice
      tone={stale ? 'warning' : 'error'}
      title={message}
      action={
        onRetry ? (
          <button type="button" className="btn btn--secondary btn--small" onClick={onRetry}>
            {t('common.retry')}
          </button>
        ) : undefined
      }
    >
      {detail && detail !== message ? <p className="notice__detail">{detail}</p> : null}
      {fields.length > 0 ? (
        <ul className="notice__list">
          {fields.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
