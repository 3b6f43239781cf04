import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Pages of a cursor list: the stack of cursors walked so far, for 次へ and 最初へ. */
export function useCursorStack() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    atStart: cursors.length === 1,
    next: (c: string) => setCursors([...cursors, c]),
    first: () => setCursors([null]),
  };
}

/** 最初へ and 次へ under a cursor-paged list; nothing when the list has one page. */
export function Pager({ pages, nextCursor }: { pages: ReturnType<typeof useCursorStack>; nextCursor: string | null | undefined }) {
  const { t } = useTranslation('common');
  if (pages.atStart && !nextCursor) return null;
  return (
    <div className="toolbar">
      {!pages.atStart ? (
        <button type="button" className="btn btn--ghost btn--small" onClick={pages.first}>
          {t('pager.first')}
        </button>
      ) : null}
      {nextCursor ? (
        <button type="button" className="btn btn--secondary btn--small" onClick={() => pages.next(nextCursor)}>
          {t('pager.next')}
        </button>
      ) : null}
    </div>
  );
}
