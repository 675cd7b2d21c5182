import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { PageSpin } from './PageSpin.tsx';

export function RootLayout() {
  return (
    <Suspense fallback={<PageSpin fullScreen />}>
      <Outlet />
    </Suspense>
  );
}
