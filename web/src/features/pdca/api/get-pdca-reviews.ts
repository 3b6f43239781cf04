import { type PdcaReview, PdcaReviewListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { engagementScope } from '../../../lib/query-client';

export const pdcaKeys = {
  list: (engagementId: string) => [...engagementScope(engagementId), 'pdca'] as const,
};

export async function getPdcaReviews(engagementId: string, signal?: AbortSignal): Promise<PdcaReview[]> {
  return (await api.get(`/engagements/${encodeURIComponent(engagementId)}/pdca-reviews`, PdcaReviewListSchema, { signal })).items;
}

export const pdcaReviewsQueryOptions = (engagementId: string) =>
  queryOptions({ queryKey: pdcaKeys.list(engagementId), queryFn: ({ signal }) => getPdcaReviews(engagementId, signal) });

export function usePdcaReviews(engagementId: string) {
  return useQuery(pdcaReviewsQueryOptions(engagementId));
}
