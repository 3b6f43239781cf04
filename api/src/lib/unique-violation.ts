/**
 * Whether an error (from pg or PGlite, possibly wrapped by drizzle as `cause`) is a unique
 * violation (SQLSTATE 23505), optionally of one named constraint or index.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return constraint === undefined || name === constraint || String((e as Error).message ?? '').includes(constraint);
  }
  return false;
}
