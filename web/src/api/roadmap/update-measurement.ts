import { type Measurement, MeasurementSchema, type UpdateMeasurementBody } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { engagementScope } from '../../lib/query-client';
import { enc } from '../keys';

export interface UpdateMeasurementInput {
  planId: string;
  measurementId: string;
  version: number;
  body: UpdateMeasurementBody;
}

/** PATCH …/measurements/{measurementId} with If-Match: corrects a recorded value (訂正). */
export function updateMeasurement(
  engagementId: string,
  { planId, measurementId, version, body }: UpdateMeasurementInput,
): Promise<Measurement> {
  return api.patch(
    `/engagements/${enc(engagementId)}/verification-plans/${enc(planId)}/measurements/${enc(measurementId)}`,
    MeasurementSchema,
    body,
    { ifMatch: version },
  );
}

export function useUpdateMeasurement(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMeasurementInput) => updateMeasurement(engagementId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementScope(engagementId) }),
  });
}
