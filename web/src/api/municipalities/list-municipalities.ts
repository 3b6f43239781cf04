import { MunicipalityListSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export const listMunicipalities = (signal?: AbortSignal) => api.get('/municipalities', MunicipalityListSchema, { signal });

export const municipalitiesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.municipalities(), queryFn: ({ signal }) => listMunicipalities(signal), staleTime: 10 * 60_000 });

export const useMunicipalities = (enabled = true) => useQuery({ ...municipalitiesQueryOptions(), enabled });
