import {
  type CreateIndicatorBody,
  type Indicator,
  IndicatorSchema,
  type IndicatorValueEntry,
  IndicatorValueEntryResultSchema,
  type UpdateIndicatorBody,
} from '@banso/shared';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** Every view of indicator figures: the catalogue, each engagement's values and 地域分析. */
const refreshIndicators = (client: QueryClient) => {
  void client.invalidateQueries({ queryKey: queryKeys.indicators() });
  void client.invalidateQueries({
    predicate: (q) => q.queryKey[0] === 'engagement' && (q.queryKey[2] === 'analysis' || q.queryKey[2] === 'indicator-values'),
  });
};

/** POST /indicators (program office): a new catalogue entry; its code is unique (409). */
export function useCreateIndicator() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIndicatorBody) => api.post('/indicators', IndicatorSchema, body),
    onSuccess: () => refreshIndicators(client),
  });
}

/** PATCH /indicators/{id} with If-Match: 412 when someone else edited it, 409 when its stored figures would not fit. */
export function useUpdateIndicator() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ indicator, body }: { indicator: Indicator; body: UpdateIndicatorBody }) =>
      api.patch(`/indicators/${enc(indicator.id)}`, IndicatorSchema, body, { ifMatch: indicator.version }),
    onSuccess: () => refreshIndicators(client),
  });
}

/** PUT /indicator-values: one figure of an area, indicator and period (created or replaced). */
export function useEnterIndicatorValue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IndicatorValueEntry) => api.put('/indicator-values', IndicatorValueEntryResultSchema, body),
    onSuccess: () => refreshIndicators(client),
  });
}
