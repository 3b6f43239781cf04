import { type EngagementDetail, EngagementDetailSchema } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { queryKeys } from '../keys';

/** ロードマップ合意: the team proposes, the municipality agrees, either withdraws (before monitoring). */
export type RoadmapAgreementStep = 'propose' | 'agree' | 'withdraw';

const paths: Record<RoadmapAgreementStep, string> = {
  propose: 'roadmap-proposal',
  agree: 'roadmap-agreement',
  withdraw: 'roadmap-agreement/withdrawal',
};

export interface RoadmapAgreementInput {
  id: string;
  step: RoadmapAgreementStep;
  /** The engagement's version the user saw. */
  version: number;
}

export function roadmapAgreementStep({ id, step, version }: RoadmapAgreementInput): Promise<EngagementDetail> {
  return api.post(`/engagements/${encodeURIComponent(id)}/${paths[step]}`, EngagementDetailSchema, {}, { ifMatch: version });
}

export function useRoadmapAgreementStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: roadmapAgreementStep,
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.engagements.detail(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: engagementScope(detail.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.engagements.list() });
    },
  });
}
