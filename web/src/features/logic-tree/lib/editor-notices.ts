/**
 * The editor's transient notices (refused edits, undo/redo, save failures, conflicts): what each
 * one says, in one place. The store shows one at a time; NoticeBar and ConflictBanner render them.
 */
export interface Notice {
  id: number;
  tone: 'error' | 'info' | 'conflict';
  text: string;
}

export type NoticeContent = Omit<Notice, 'id'>;

export const notices = {
  refused: (text: string): NoticeContent => ({ tone: 'error', text }),
  emptyTitle: (): NoticeContent => ({ tone: 'error', text: 'タイトルを入力してください。' }),
  undone: (label: string): NoticeContent => ({ tone: 'info', text: `元に戻しました: ${label}` }),
  redone: (label: string): NoticeContent => ({ tone: 'info', text: `やり直しました: ${label}` }),
  stepNoLongerApplies: (): NoticeContent => ({ tone: 'error', text: '他の変更と重なるため、この操作は元に戻せません。' }),
  editsDuringSaveLost: (): NoticeContent => ({ tone: 'error', text: '保存中に行った編集の一部を適用できませんでした。' }),
  conflict: (kept: number): NoticeContent => ({
    tone: 'conflict',
    text:
      kept > 0
        ? '他の人がこのツリーを更新しました。最新の版を読み込み、あなたの未保存の編集をその上に残しています。確認して保存してください。'
        : '他の人がこのツリーを更新しました。最新の版を読み込みました。',
  }),
  rejected: (message: string): NoticeContent => ({ tone: 'error', text: `保存できませんでした: ${message}` }),
  failed: (message: string): NoticeContent => ({ tone: 'error', text: `保存に失敗しました（${message}）。自動で再試行します。` }),
};

/** Numbers the notices, so showing the same text twice still counts as a new notice. */
export class NoticeCounter {
  private seq = 0;
  next(content: NoticeContent): Notice {
    return { id: ++this.seq, ...content };
  }
}
