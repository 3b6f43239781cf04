import { type EngagementDetail, EngagementDetailSchema, type EngagementStatus } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { queryKeys } from '../keys';

export interface ChangeStatusInput {
  id: string;
  status: EngagementStatus;
  /** The engagement's version the user saw. */
  version: number;
}

export function changeEngagementStatus({ id, status, version }: ChangeStatusInput): Promise<EngagementDetail> {
  return api.post(`/engagements/${encodeURIComponent(id)}/status`, EngagementDetailSchema, { status }, { ifMatch: version });
}

export function useChangeEngagementStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeEngagementStatus,
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.engagements.detail(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: engagementScope(detail.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.engagements.list() });
    },
  });
}
