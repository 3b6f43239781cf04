import { type LibraryCase, LibraryCaseSchema, type LibraryList, LibraryListSchema, type LibraryQuery } from '@banso/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const libraryKeys = {
  all: () => ['library'] as const,
  list: (query: LibraryQuery) => [...libraryKeys.all(), 'list', query] as const,
  case: (reportId: string) => [...libraryKeys.all(), 'case', reportId] as const,
};

export function getLibrary(query: LibraryQuery, signal?: AbortSignal): Promise<LibraryList> {
  const q: Record<string, string | number | undefined> = { ...query };
  return api.get('/library', LibraryListSchema, { signal, query: q });
}

export function useLibrary(query: LibraryQuery) {
  return useQuery({
    ...queryOptions({ queryKey: libraryKeys.list(query), queryFn: ({ signal }) => getLibrary(query, signal) }),
    placeholderData: keepPreviousData,
  });
}

export function getLibraryCase(reportId: string, signal?: AbortSignal): Promise<LibraryCase> {
  return api.get(`/library/${encodeURIComponent(reportId)}`, LibraryCaseSchema, { signal });
}

export function useLibraryCase(reportId: string) {
  return useQuery(queryOptions({ queryKey: libraryKeys.case(reportId), queryFn: ({ signal }) => getLibraryCase(reportId, signal) }));
}

export const libraryTreeSvgUrl = (reportId: string) => `/api/library/${encodeURIComponent(reportId)}/tree.svg`;
export const libraryPreviewUrl = (reportId: string) => `/api/library/${encodeURIComponent(reportId)}/preview`;
