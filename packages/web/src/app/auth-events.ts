import type { QueryClient } from '@tanstack/react-query';
import type { SessionUser } from '@keqing/shared';
import { onAuthEvent } from '../lib/api.ts';
import { clearSession, sessionQueryKey } from '../features/auth/auth.api.ts';
import type { router as appRouter } from './router.tsx';

/** Sends the user to /login when any call finds the session gone, and to /change-password when the server asks. */
export function wireAuthEvents(router: typeof appRouter, queryClient: QueryClient) {
  onAuthEvent((event, error) => {
    const { pathname, search } = router.state.location;
    if (event === 'signed-out') {
      clearSession(queryClient);
      // the public survey (/s/…) and event sign-in (/e/…) pages are answered without signing in
      if (pathname !== '/login' && !/^\/[se]\//.test(pathname)) {
        const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
        // An expired session says so on the sign-in page; a plain "not signed in" needs no notice.
        const state = error.code === 'SESSION_EXPIRED' ? { notice: error.message } : undefined;
        void router.navigate(`/login${next}`, { replace: true, state });
      }
      return;
    }
    queryClient.setQueryData<SessionUser | null>(sessionQueryKey, (user) =>
      user ? { ...user, mustChangePassword: true } : user,
    );
    if (pathname !== '/change-password') void router.navigate('/change-password', { replace: true });
  });
}
