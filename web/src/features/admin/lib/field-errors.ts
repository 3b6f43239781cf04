import { isApiError } from '../../../lib/api-error';

/** The server's field errors of a 400 (`body.visitWindows.1.end` → `visitWindows.1.end`), keyed by path. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error) || error.status !== 400) return {};
  return Object.fromEntries(error.errors.map((e) => [e.path.replace(/^body\./, ''), e.message]));
}
