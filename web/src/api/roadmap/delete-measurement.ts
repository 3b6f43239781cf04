import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc } from '../keys';

export interface DeleteMeasurementInput {
  planId: string;
  measurementId: string;
  version: number;
}

/** DELETE …/measurements/{measurementId} with If-Match (advisor, municipal member). */
export function deleteMeasurement(engagementId: string, { planId, measurementId, version }: DeleteMeasurementInput): Promise<void> {
  return api.delete(`/engagements/${enc(engagementId)}/verification-plans/${enc(planId)}/measurements/${enc(measurementId)}`, {
    ifMatch: version,
  });
}

export function useDeleteMeasurement(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeleteMeasurementInput) => deleteMeasurement(engagementId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
