import {
  type ContinuationBody,
  type CreateEngagementBody,
  type EngagementDetail,
  EngagementDetailSchema,
  type UpdateEngagementBody,
} from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

export const createEngagement = (body: CreateEngagementBody) => api.post('/engagements', EngagementDetailSchema, body);

export const updateEngagement = (engagement: EngagementDetail, body: UpdateEngagementBody) =>
  api.patch(`/engagements/${enc(engagement.id)}`, EngagementDetailSchema, body, { ifMatch: engagement.version });

export const continueEngagement = (engagementId: string, body: ContinuationBody) =>
  api.post(`/engagements/${enc(engagementId)}/continuations`, EngagementDetailSchema, body);

function useRefreshEngagements() {
  const queryClient = useQueryClient();
  return (engagement: EngagementDetail) => {
    queryClient.setQueryData(queryKeys.engagements.detail(engagement.id), engagement);
    void queryClient.invalidateQueries({ queryKey: queryKeys.engagements.list() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.portfolio.all });
  };
}

/** The office opens an engagement for a municipality in one of its programs. */
export function useCreateEngagement() {
  const refresh = useRefreshEngagements();
  return useMutation({ mutationFn: createEngagement, onSuccess: refresh });
}

/** Theme and 目指す姿 (office and advisors), If-Match. */
export function useUpdateEngagement() {
  const refresh = useRefreshEngagements();
  return useMutation({
    mutationFn: ({ engagement, body }: { engagement: EngagementDetail; body: UpdateEngagementBody }) => updateEngagement(engagement, body),
    onSuccess: refresh,
  });
}

/** The next fiscal year's engagement, copying tree, open actions, plans and team. */
export function useContinueEngagement() {
  const refresh = useRefreshEngagements();
  return useMutation({
    mutationFn: ({ engagementId, body }: { engagementId: string; body: ContinuationBody }) => continueEngagement(engagementId, body),
    onSuccess: refresh,
  });
}
