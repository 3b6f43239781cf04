import {
  NotificationPageSchema,
  NotificationPreferencesSchema,
  NotificationReadAllSchema,
  NotificationSchema,
  type UpdateNotificationPreferencesBody,
} from '@banso/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { enc, queryKeys } from '../keys';

/** How often the header's bell asks for the unread count (there is no per-user live stream). */
const UNREAD_POLL_MS = 60_000;

export const listNotifications = (cursor: string | null, unread: boolean, signal?: AbortSignal) =>
  api.get('/me/notifications', NotificationPageSchema, {
    signal,
    query: { limit: 20, cursor: cursor ?? undefined, unread: unread ? 'true' : undefined },
  });

export const useNotifications = (cursor: string | null, unread: boolean) =>
  useQuery(
    queryOptions({
      queryKey: queryKeys.notifications.page(cursor, unread),
      queryFn: ({ signal }) => listNotifications(cursor, unread, signal),
      placeholderData: keepPreviousData,
      staleTime: 0,
    }),
  );

/** The unread count for the bell: one item's page, refreshed every minute and when the window regains focus. */
export const useUnreadCount = () =>
  useQuery({
    queryKey: queryKeys.notifications.unread(),
    queryFn: ({ signal }) => api.get('/me/notifications', NotificationPageSchema, { signal, query: { limit: 1, unread: 'true' } }),
    select: (page) => page.unreadCount,
    refetchInterval: UNREAD_POLL_MS,
  });

export function useReadNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/me/notifications/${enc(id)}/read`, NotificationSchema, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}

export function useReadAllNotifications() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/me/notifications/read-all', NotificationReadAllSchema, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}

export const useNotificationPreferences = () =>
  useQuery({
    queryKey: queryKeys.notifications.preferences(),
    queryFn: ({ signal }) => api.get('/me/notification-preferences', NotificationPreferencesSchema, { signal }),
  });

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferencesBody) => api.put('/me/notification-preferences', NotificationPreferencesSchema, body),
    onSuccess: (data) => queryClient.setQueryData(queryKeys.notifications.preferences(), data),
  });
}
