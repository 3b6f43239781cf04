import {
  type PdcaAdvisorComment,
  PdcaAdvisorCommentSchema,
  type PdcaReview,
  PdcaReviewSchema,
  type PutPdcaReviewBody,
} from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';

/** Writes the self-assessment of a fiscal year: creates without If-Match, updates with the version. */
export function putPdcaReview(
  engagementId: string,
  fiscalYear: number,
  body: PutPdcaReviewBody,
  version: number | null,
): Promise<PdcaReview> {
  return api.put(`/engagements/${encodeURIComponent(engagementId)}/pdca-reviews/${fiscalYear}`, PdcaReviewSchema, body, {
    ifMatch: version,
  });
}

export function usePutPdcaReview(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fiscalYear, body, version }: { fiscalYear: number; body: PutPdcaReviewBody; version: number | null }) =>
      putPdcaReview(engagementId, fiscalYear, body, version),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}

/** Writes the advisors' comment on a fiscal year: creates without If-Match, updates with the version. */
export function putPdcaAdvisorComment(
  engagementId: string,
  fiscalYear: number,
  comment: string,
  version: number | null,
): Promise<PdcaAdvisorComment> {
  return api.put(
    `/engagements/${encodeURIComponent(engagementId)}/pdca-reviews/${fiscalYear}/advisor-comment`,
    PdcaAdvisorCommentSchema,
    { comment },
    { ifMatch: version },
  );
}

export function usePutPdcaAdvisorComment(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fiscalYear, comment, version }: { fiscalYear: number; comment: string; version: number | null }) =>
      putPdcaAdvisorComment(engagementId, fiscalYear, comment, version),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
