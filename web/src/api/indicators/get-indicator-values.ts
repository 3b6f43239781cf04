import { IndicatorValueListSchema, type IndicatorValueList } from '@banso/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** GET /engagements/{id}/indicator-values: the municipality's values, to attach as evidence. */
export function fetchIndicatorValues(engagementId: string, signal?: AbortSignal): Promise<IndicatorValueList> {
  return api.get(`/engagements/${enc(engagementId)}/indicator-values`, IndicatorValueListSchema, { signal });
}

export const useIndicatorValues = (engagementId: string, enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.indicatorValues(engagementId),
    queryFn: ({ signal }) => fetchIndicatorValues(engagementId, signal),
    enabled,
  });
