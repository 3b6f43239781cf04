/**
 * The revision history's one-line summaries as message keys: the server writes them in a fixed
 * machine form ("add 2, update 1", "import 18 nodes" for the seeded tree, "restore 3"); anything else is shown
 * as it came.
 */
import { message, type TreeMessage } from './messages';

const ops = ['add', 'update', 'move', 'remove'] as const;
type Op = (typeof ops)[number];
const isOp = (s: string): s is Op => (ops as readonly string[]).includes(s);

export function revisionSummary(summary: string): TreeMessage[] | null {
  const restored = /^restore (\d+)$/.exec(summary.trim());
  if (restored) return [message('history.op.restore', { revision: Number(restored[1]) })];
  const imported = /^import (\d+) nodes?$/.exec(summary.trim());
  if (imported) return [message('history.op.import', { count: Number(imported[1]) })];
  const parts = summary.split(',').map((p) => /^\s*(\w+) (\d+)\s*$/.exec(p));
  if (parts.length === 0 || parts.some((m) => m === null || !isOp(m[1]!))) return null;
  return parts.map((m) => message(`history.op.${m![1] as Op}`, { count: Number(m![2]) }));
}

/** The summary in the reader's words, one list ("2件追加、1件更新"); as it came when not in the machine form. */
export function revisionSummaryText(summary: string, text: (m: TreeMessage) => string, locale: string): string {
  const parts = revisionSummary(summary);
  return parts ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts.map(text)) : summary;
}
