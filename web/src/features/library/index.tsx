import { LibraryCasePage } from './components/library-case-page';
import { LibraryPage } from './components/library-page';
import { PublicReportPage } from './components/public-report-page';

export { LibraryCasePage, LibraryPage, PublicReportPage };

/** Everything under /library: the list, or one case. */
export function LibrarySection({ rest, canSortSimilar }: { rest: string; canSortSimilar: boolean }) {
  const id = rest.split('/').filter(Boolean)[0];
  return id ? <LibraryCasePage reportId={id} /> : <LibraryPage canSortSimilar={canSortSimilar} />;
}
