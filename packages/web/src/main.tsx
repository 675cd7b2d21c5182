import { StrictMode } from 'react';
import type { SessionUser } from '@keqing/shared';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import './lib/i18n.ts';
import './app/global.css';
import { Providers } from './app/Providers.tsx';
import { preloadHome, router } from './app/router.tsx';
import { wireAuthEvents } from './app/auth-events.ts';
import { queryClient } from './lib/query-client.ts';
import { sessionQuery, sessionQueryKey } from './features/auth/auth.api.ts';
import { repHomeQuery } from './features/home/rep-dashboard.api.ts';
import { hasEarly, repHomeUrl } from './lib/early-requests.ts';

wireAuthEvents(router, queryClient);
const openedHome = window.location.pathname === '/';
if (openedHome) preloadHome();
// The page load asked for the session (and, guessing a rep, the home's dashboard) before this code ran
// (early.ts); the queries take those answers. Without the guess, a rep opening the home gets the dashboard asked
// for as soon as the session says so, while the home's chunks load (the page then reads it from the cache).
const guessedRepHome = hasEarly(repHomeUrl);
if (guessedRepHome) void queryClient.prefetchQuery(repHomeQuery());
void queryClient.prefetchQuery(sessionQuery).then(() => {
  if (guessedRepHome) return;
  const user = queryClient.getQueryData<SessionUser | null>(sessionQueryKey);
  if (openedHome && !window.location.search && user?.role === 'rep' && !user.mustChangePassword)
    void queryClient.prefetchQuery(repHomeQuery());
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
