import { type AdvisorCandidate, AdvisorCandidateListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

export async function getAdvisorCandidates(programId: string, signal?: AbortSignal): Promise<AdvisorCandidate[]> {
  return (await api.get(`/programs/${enc(programId)}/advisor-candidates`, AdvisorCandidateListSchema, { signal })).items;
}

export const advisorCandidatesQueryOptions = (programId: string) =>
  queryOptions({
    queryKey: queryKeys.programs.advisorCandidates(programId),
    queryFn: ({ signal }) => getAdvisorCandidates(programId, signal),
  });

export function useAdvisorCandidates(programId: string, enabled: boolean) {
  return useQuery({ ...advisorCandidatesQueryOptions(programId), enabled });
}
