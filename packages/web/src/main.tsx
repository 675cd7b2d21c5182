import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import './lib/i18n.ts';
import './app/global.css';
import { Providers } from './app/Providers.tsx';
import { router } from './app/router.tsx';
import { wireAuthEvents } from './app/auth-events.ts';
import { queryClient } from './lib/query-client.ts';
import { sessionQuery } from './features/auth/auth.api.ts';

wireAuthEvents(router, queryClient);
// Ask who is signed in while the page's chunks load.
void queryClient.prefetchQuery(sessionQuery);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
