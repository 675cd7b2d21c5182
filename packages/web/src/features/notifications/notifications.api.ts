import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ChannelTestResult,
  DeliveryFigures,
  ListResponse,
  Notification,
  NotificationChannel,
  NotificationDelivery,
  NotificationKind,
  NotificationRun,
  NotificationSettings,
} from '@keqing/shared';
import { api } from '../../lib/api.ts';
import { useAreaMutation } from '../../lib/area-mutation.ts';

export type { Notification, NotificationChannel, NotificationDelivery, NotificationSettings };

// Every query of this area starts with 'notifications': a write refreshes the list, the badge and the channels.
const root = 'notifications';

/** The header badge: polled every 60 s, refetched on focus and after navigation (the bell remounts its query key). */
export function useUnreadCount(pathname: string) {
  return useQuery({
    queryKey: [root, 'unread', pathname],
    queryFn: ({ signal }) => api.get<{ count: number }>('/notifications/unread-count', undefined, signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    placeholderData: keepPreviousData,
  });
}

export function useNotifications(params: {
  unread?: boolean;
  kind?: NotificationKind;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [root, 'list', params],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Notification>>(
        '/notifications',
        { ...params, unread: params.unread ? 'true' : undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  return useAreaMutation([root], (id: string) => api.post<Notification>(`/notifications/${id}/read`));
}

export function useMarkAllRead() {
  return useAreaMutation([root], () => api.post<{ updated: number }>('/notifications/read-all'));
}

export function useNotificationSettings() {
  return useQuery({
    queryKey: [root, 'settings'],
    queryFn: ({ signal }) => api.get<NotificationSettings>('/notification-settings', undefined, signal),
  });
}

export type SettingsBody = Omit<NotificationSettings, 'version'> & { version?: number | null };
export function useSaveSettings() {
  return useAreaMutation([root], (body: SettingsBody) =>
    api.put<NotificationSettings>('/notification-settings', body),
  );
}

export function useChannels() {
  return useQuery({
    queryKey: [root, 'channels'],
    queryFn: ({ signal }) =>
      api.get<{ items: NotificationChannel[] }>('/notification-channels', undefined, signal),
  });
}

export type ChannelBody = {
  kind?: NotificationChannel['kind'];
  name: string;
  teamId?: string | null;
  config: NotificationChannel['config'];
  secret?: string | null;
  kinds: string[];
  active?: boolean;
  version?: number;
};
export function useSaveChannel() {
  return useAreaMutation([root], ({ id, ...body }: ChannelBody & { id?: string }) =>
    id
      ? api.patch<NotificationChannel>(`/notification-channels/${id}`, body)
      : api.post<NotificationChannel>('/notification-channels', body),
  );
}

export function useTestChannel() {
  return useAreaMutation([root], (id: string) =>
    api.post<ChannelTestResult>(`/notification-channels/${id}/test`),
  );
}

export function useDeliveries(params: { status?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [root, 'deliveries', params],
    queryFn: ({ signal }) =>
      api.get<ListResponse<NotificationDelivery> & { figures: DeliveryFigures }>(
        '/notification-deliveries',
        params,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useRunNow() {
  return useAreaMutation([root], () => api.post<NotificationRun>('/notifications/run'));
}
