import { type LibraryList, LibraryListSchema, type LibraryQuery } from '@banso/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export function getLibrary(query: LibraryQuery, signal?: AbortSignal): Promise<LibraryList> {
  const q: Record<string, string | number | undefined> = { ...query };
  return api.get('/library', LibraryListSchema, { signal, query: q });
}

export const libraryQueryOptions = (query: LibraryQuery) =>
  queryOptions({ queryKey: queryKeys.library.list(query), queryFn: ({ signal }) => getLibrary(query, signal) });

export function useLibrary(query: LibraryQuery) {
  return useQuery({ ...libraryQueryOptions(query), placeholderData: keepPreviousData });
}
