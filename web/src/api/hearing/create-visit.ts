import { type CreateVisitBody, type Visit, VisitSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';

export type CreateVisitInput = Partial<Pick<CreateVisitBody, 'seq' | 'endDate' | 'venue' | 'attendees' | 'agenda'>> &
  Pick<CreateVisitBody, 'kind' | 'date'>;

export function createVisit(engagementId: string, body: CreateVisitInput): Promise<Visit> {
  return api.post(`/engagements/${encodeURIComponent(engagementId)}/visits`, VisitSchema, body);
}

export function useCreateVisit(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateVisitInput) => createVisit(engagementId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
