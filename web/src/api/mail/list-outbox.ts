import { MailOutboxPageSchema } from '@banso/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { queryKeys } from '../keys';

export const listOutbox = (cursor: string | null, signal?: AbortSignal) =>
  api.get('/mail/outbox', MailOutboxPageSchema, { signal, query: { limit: 20, cursor: cursor ?? undefined } });

export const outboxQueryOptions = (cursor: string | null) =>
  queryOptions({
    queryKey: queryKeys.mail.outbox(cursor),
    queryFn: ({ signal }) => listOutbox(cursor, signal),
    placeholderData: keepPreviousData,
  });

export const useOutbox = (cursor: string | null) => useQuery(outboxQueryOptions(cursor));
