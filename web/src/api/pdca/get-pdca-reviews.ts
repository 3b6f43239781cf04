import { type PdcaReview, PdcaReviewListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export async function getPdcaReviews(engagementId: string, signal?: AbortSignal): Promise<PdcaReview[]> {
  return (await api.get(`/engagements/${encodeURIComponent(engagementId)}/pdca-reviews`, PdcaReviewListSchema, { signal })).items;
}

export const pdcaReviewsQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: queryKeys.pdcaReviews(engagementId), queryFn: ({ signal }) => getPdcaReviews(engagementId, signal) });

export function usePdcaReviews(engagementId: string) {
  return useQuery(pdcaReviewsQueryOptions(engagementId));
}
