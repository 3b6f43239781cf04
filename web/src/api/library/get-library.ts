import { type LibraryList, LibraryListSchema, type LibraryQuery } from '@banso/shared';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export function getLibrary(query: LibraryQuery, signal?: AbortSignal): Promise<LibraryList> {
  const q: Record<string, string | number | undefined> = { ...query };
  return api.get('/library', LibraryListSchema, { signal, query: q });
}

/** The library's search, page after page (the cursor of the last page asks for the next). */
export function useLibraryPages(query: LibraryQuery) {
  return useInfiniteQuery({
    queryKey: queryKeys.library.pages(query),
    queryFn: ({ signal, pageParam }) => getLibrary(pageParam ? { ...query, cursor: pageParam } : query, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
