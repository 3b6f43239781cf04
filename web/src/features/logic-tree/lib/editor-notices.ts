/**
 * The editor's transient notices (refused edits, undo/redo, save failures, conflicts): which
 * message each one shows, in one place. The store shows one at a time; NoticeBar renders it.
 */
import { message, type TreeMessage } from './messages';

export interface Notice {
  id: number;
  tone: 'error' | 'info' | 'conflict';
  message: TreeMessage;
}

export type NoticeContent = Omit<Notice, 'id'>;

export const notices = {
  refused: (reason: TreeMessage): NoticeContent => ({ tone: 'error', message: reason }),
  emptyTitle: (): NoticeContent => ({ tone: 'error', message: message('notice.emptyTitle') }),
  undone: (label: TreeMessage): NoticeContent => ({ tone: 'info', message: message('notice.undone', { label }) }),
  redone: (label: TreeMessage): NoticeContent => ({ tone: 'info', message: message('notice.redone', { label }) }),
  stepNoLongerApplies: (): NoticeContent => ({ tone: 'error', message: message('notice.stepNoLongerApplies') }),
  editsDuringSaveLost: (): NoticeContent => ({ tone: 'error', message: message('notice.editsDuringSaveLost') }),
  conflict: (kept: number): NoticeContent => ({
    tone: 'conflict',
    message: message(kept > 0 ? 'notice.conflictKept' : 'notice.conflictNone'),
  }),
  rejected: (reason: TreeMessage): NoticeContent => ({ tone: 'error', message: message('notice.rejected', { reason }) }),
  failed: (reason: TreeMessage): NoticeContent => ({ tone: 'error', message: message('notice.failed', { reason }) }),
};

/** Numbers the notices, so showing the same message twice still counts as a new notice. */
export class NoticeCounter {
  private seq = 0;
  next(content: NoticeContent): Notice {
    return { id: ++this.seq, ...content };
  }
}
