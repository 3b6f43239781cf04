import { type Measurement, MeasurementSchema, type RecordMeasurementBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';

/** Records the value of a period (409 measurement_exists when the period has one: correct that one instead). */
export function recordMeasurement(engagementId: string, planId: string, body: RecordMeasurementBody): Promise<Measurement> {
  return api.post(
    `/engagements/${encodeURIComponent(engagementId)}/verification-plans/${encodeURIComponent(planId)}/measurements`,
    MeasurementSchema,
    body,
  );
}

export function useRecordMeasurement(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, body }: { planId: string; body: RecordMeasurementBody }) => recordMeasurement(engagementId, planId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
