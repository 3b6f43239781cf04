import { SetupStatusSchema } from '@banso/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export const getSetupStatus = (signal?: AbortSignal) => api.get('/setup', SetupStatusSchema, { signal });

export const setupStatusQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.users.setup(), queryFn: ({ signal }) => getSetupStatus(signal) });

export const useSetupStatus = () => useQuery(setupStatusQueryOptions());
