import type { HTTPMethods } from 'fastify';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const satisfies readonly HTTPMethods[];
export type Method = (typeof methods)[number];

/** A route inventory's method as an inject() method (HEAD and OPTIONS are not in the inventory). */
export function httpMethod(m: string): Method {
  const found = methods.find((x) => x === m);
  if (!found) throw new Error(`unexpected method ${m}`);
  return found;
}
