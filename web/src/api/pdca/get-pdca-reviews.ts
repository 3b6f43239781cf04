import { type PdcaReviewList, PdcaReviewListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** The municipality's self-evaluations and the advisors' comments of every fiscal year. */
export async function getPdcaReviews(engagementId: string, signal?: AbortSignal): Promise<PdcaReviewList> {
  return api.get(`/engagements/${encodeURIComponent(engagementId)}/pdca-reviews`, PdcaReviewListSchema, { signal });
}

export const pdcaReviewsQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.pdcaReviews(engagementId), queryFn: ({ signal }) => getPdcaReviews(engagementId, signal) });

export function usePdcaReviews(engagementId: string) {
  return useQuery(pdcaReviewsQueryOptions(engagementId));
}
