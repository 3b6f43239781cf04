import { type PutRoadmapItemBody, type RoadmapItem, RoadmapItemSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';

export interface PutRoadmapItemInput {
  actionId: string;
  body: PutRoadmapItemBody;
  /** The existing item's version; null creates it. */
  version: number | null;
}

export function putRoadmapItem(engagementId: string, { actionId, body, version }: PutRoadmapItemInput): Promise<RoadmapItem> {
  return api.put(
    `/engagements/${encodeURIComponent(engagementId)}/actions/${encodeURIComponent(actionId)}/roadmap-item`,
    RoadmapItemSchema,
    body,
    { ifMatch: version },
  );
}

/** Sets an action's span on the roadmap (advisor). */
export function usePutRoadmapItem(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PutRoadmapItemInput) => putRoadmapItem(engagementId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
