import { type LibraryCase, LibraryCaseSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export function getLibraryCase(reportId: string, signal?: AbortSignal): Promise<LibraryCase> {
  return api.get(`/library/${encodeURIComponent(reportId)}`, LibraryCaseSchema, { signal });
}

export const libraryCaseQueryOptions = (reportId: string) =>
  queryOptions({ queryKey: queryKeys.library.case(reportId), queryFn: ({ signal }) => getLibraryCase(reportId, signal) });

export function useLibraryCase(reportId: string) {
  return useQuery(libraryCaseQueryOptions(reportId));
}
