/**
 * The revision history's one-line summaries as message keys: the server writes them in a fixed
 * machine form ("add 2, update 1", "import 18 nodes" for the seeded tree); anything else is shown
 * as it came.
 */
import { message, type TreeMessage } from './messages';

const ops = ['add', 'update', 'move', 'remove'] as const;
type Op = (typeof ops)[number];
const isOp = (s: string): s is Op => (ops as readonly string[]).includes(s);

export function revisionSummary(summary: string): TreeMessage[] | null {
  const imported = /^import (\d+) nodes?$/.exec(summary.trim());
  if (imported) return [message('history.op.import', { count: Number(imported[1]) })];
  const parts = summary.split(',').map((p) => /^\s*(\w+) (\d+)\s*$/.exec(p));
  if (parts.length === 0 || parts.some((m) => m === null || !isOp(m[1]!))) return null;
  return parts.map((m) => message(`history.op.${m![1] as Op}`, { count: Number(m![2]) }));
}
