import { type ApplicationList, ApplicationListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

export function getApplications(programId: string, signal?: AbortSignal): Promise<ApplicationList> {
  return api.get(`/programs/${enc(programId)}/applications`, ApplicationListSchema, { signal });
}

export const applicationsQueryOptions = (programId: string) =>
  queryOptions({ queryKey: queryKeys.programs.applications(programId), queryFn: ({ signal }) => getApplications(programId, signal) });

export function useApplications(programId: string) {
  return useQuery(applicationsQueryOptions(programId));
}
