import { type Indicator, IndicatorListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

/** The indicator catalogue, for the verification-plan form. */
export async function getIndicators(signal?: AbortSignal): Promise<Indicator[]> {
  return (await api.get('/indicators', IndicatorListSchema, { signal })).items;
}

export const indicatorsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.indicators(), queryFn: ({ signal }) => getIndicators(signal), staleTime: 10 * 60_000 });

export function useIndicators(enabled = true) {
  return useQuery({ ...indicatorsQueryOptions(), enabled });
}
