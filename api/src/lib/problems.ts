import { ProblemSchema } from '@banso/shared';

/** Declares error statuses of a route as problem+json in one line: `response: { 200: X, ...problems(400, 401, 404) }`. */
export function problems<C extends number>(...codes: C[]): { [K in C]: typeof ProblemSchema } {
  return Object.fromEntries(codes.map((c) => [c, ProblemSchema])) as { [K in C]: typeof ProblemSchema };
}
