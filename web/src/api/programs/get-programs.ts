import { type Program, ProgramListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export async function getPrograms(signal?: AbortSignal): Promise<Program[]> {
  return (await api.get('/programs', ProgramListSchema, { signal })).items;
}

export const programsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.programs.list(), queryFn: ({ signal }) => getPrograms(signal) });

export function usePrograms() {
  return useQuery(programsQueryOptions());
}
