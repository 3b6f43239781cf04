import { UsersPageSchema } from '@banso/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export const listUsers = (cursor: string | null, signal?: AbortSignal) =>
  api.get('/users', UsersPageSchema, { signal, query: { limit: 50, cursor: cursor ?? undefined } });

export const usersQueryOptions = (cursor: string | null) =>
  queryOptions({
    queryKey: queryKeys.users.list(cursor),
    queryFn: ({ signal }) => listUsers(cursor, signal),
    placeholderData: keepPreviousData,
  });

export const useUsers = (cursor: string | null) => useQuery(usersQueryOptions(cursor));
