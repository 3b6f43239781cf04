import { type EngagementAnalysis, EngagementAnalysisSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** GET /engagements/{id}/analysis: each indicator's series beside 全国, the prefecture, similar municipalities and neighbours. */
export function getAnalysis(engagementId: string, signal?: AbortSignal): Promise<EngagementAnalysis> {
  return api.get(`/engagements/${enc(engagementId)}/analysis`, EngagementAnalysisSchema, { signal });
}

export const analysisQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.analysis(engagementId), queryFn: ({ signal }) => getAnalysis(engagementId, signal) });

export const useAnalysis = (engagementId: string) => useQuery(analysisQueryOptions(engagementId));
