import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SessionResponse, SessionsEnded, SessionUser } from '@keqing/shared';
import { api, isApiError, setCsrfToken } from '../../lib/api.ts';
import { rememberRole } from '../../lib/early-requests.ts';

export const sessionQueryKey = ['session'] as const;

/** The signed-in user, or null when there is no session. */
async function fetchSession(): Promise<SessionUser | null> {
  try {
    const session = await api.get<SessionResponse>('/auth/me');
    setCsrfToken(session.csrfToken);
    rememberRole(session.user?.role ?? null);
    return session.user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      rememberRole(null);
      return null;
    }
    throw error;
  }
}

export const sessionQuery = {
  queryKey: sessionQueryKey,
  queryFn: fetchSession,
  staleTime: Infinity,
  retry: false,
} as const;

export function useSession() {
  return useQuery(sessionQuery);
}

/** The signed-in user where a page can only render with one (inside the shell). */
export function useCurrentUser(): SessionUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser needs a signed-in user');
  return data;
}

// After 退出登录 the login page should not offer to return to the page the user left.
let signedOutByUser = false;
export function wasSignedOutByUser() {
  return signedOutByUser;
}

export function clearSession(queryClient: QueryClient) {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQueryKey[0] });
  queryClient.setQueryData(sessionQueryKey, null);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api.post<SessionResponse>('/auth/login', body),
    onSuccess: (session) => {
      signedOutByUser = false;
      // Data cached for another user must never show for this one.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQueryKey[0] });
      setCsrfToken(session.csrfToken);
      rememberRole(session.user.role);
      queryClient.setQueryData(sessionQueryKey, session.user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    // Signed out locally even if the server call fails (e.g. the session had already expired).
    onSettled: () => {
      signedOutByUser = true;
      clearSession(queryClient);
    },
  });
}

/** 退出所有设备: every session of this user ends, this one included. */
export function useLogoutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SessionsEnded>('/auth/logout-everywhere'),
    onSuccess: () => {
      signedOutByUser = true;
      clearSession(queryClient);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<{ ok: true }>('/auth/password', body),
    onSuccess: async () => {
      queryClient.setQueryData<SessionUser | null>(sessionQueryKey, (user) =>
        user ? { ...user, mustChangePassword: false } : user,
      );
      // The server may rotate the session's CSRF token on a password change; read it again.
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
