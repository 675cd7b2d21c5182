import { Suspense, useState } from 'react';
import { Button, Drawer, Flex, Grid, Layout, Menu, Result, Tag, Typography, type MenuProps } from 'antd';
import { Link, Navigate, Outlet, useLocation, useMatches } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '@keqing/shared';
import { errorText } from '../lib/api.ts';
import '../lib/locales/accounts.ts';
import { useLogout, useSession, wasSignedOutByUser } from '../features/auth/auth.api.ts';
import { CallQueueBadge } from '../features/calls/CallQueueBadge.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { ForbiddenResult } from './ForbiddenResult.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { navGroupsFor, navItemsFor, selectedNavKey } from './navigation.ts';
import { PageSpin } from './PageSpin.tsx';
import type { RouteHandle } from './router.tsx';

/** Signed-in area: checks the session, then lays out header, menu and the page. */
export default function ShellLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageSpin fullScreen />;
  if (session.isError) {
    return (
      <Result
        status="error"
        title={t('errors.sessionFailed')}
        subTitle={errorText(session.error)}
        extra={<Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!session.data) {
    const here = location.pathname + location.search;
    const back = here === '/' || wasSignedOutByUser() ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/login${back}`} replace />;
  }
  if (session.data.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <Shell user={session.data} />;
}

function MenuIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

function Shell({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // Until the breakpoints are measured, assume a desktop; below md (768 px) the menu moves into a drawer.
  const isMobile = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const logout = useLogout();

  const navItems = navItemsFor(user.role);
  const selected = selectedNavKey(navItems, location.pathname);
  const menuItems: MenuProps['items'] = navGroupsFor(user.role).map(({ group, items }) => ({
    type: 'group' as const,
    key: `group-${group}`,
    label: t(`navGroups.${group}`),
    children: items.map((item) => ({
      key: item.key,
      label: <Link to={item.path}>{t(`nav.${item.key}`)}</Link>,
      // rc-menu passes unknown item props on to the <li>.
      'data-testid': `nav-${item.key}`,
    })),
  }));

  const matches = useMatches();
  const roles = matches
    .map((m) => (m.handle as RouteHandle | undefined)?.roles)
    .filter((r) => r !== undefined)
    .at(-1);
  const allowed = !roles || roles.includes(user.role);

  // Once the session is cleared, ShellLayout above redirects to /login.
  const signOut = () => logout.mutate();
  const roleLabel = t(`roles.${user.role}`);

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={menuItems}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isMobile ? null : (
        <Layout.Sider theme="light" width={208} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div style={{ height: 64, display: 'flex', alignItems: 'center', padding: '0 24px' }}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {t('app.name')}
            </Typography.Text>
          </div>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: isMobile ? '0 8px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: isMobile ? 8 : 16,
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {isMobile ? (
            <>
              <Button
                type="text"
                icon={<MenuIcon />}
                aria-label={t('app.openMenu')}
                data-testid="menu-button"
                onClick={() => setDrawerOpen(true)}
              />
              <Typography.Text strong className="kq-ellipsis" style={{ fontSize: 16 }}>
                {t('app.name')}
              </Typography.Text>
            </>
          ) : null}
          <div style={{ flex: 1 }} />
          {isMobile ? null : (
            <span data-testid="current-user" className="kq-ellipsis">
              {user.name} <Tag style={{ marginInlineEnd: 0 }}>{roleLabel}</Tag>
            </span>
          )}
          <NotificationBell />
          <CallQueueBadge userId={user.id} />
          <LanguageSwitch />
          {isMobile ? null : (
            <>
              <Link to="/change-password" data-testid="change-password-link">
                {t('auth.changePassword')}
              </Link>
              <Button size="small" onClick={signOut} loading={logout.isPending} data-testid="logout">
                {t('auth.signOut')}
              </Button>
            </>
          )}
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          {allowed ? (
            <Suspense fallback={<PageSpin />}>
              <Outlet />
            </Suspense>
          ) : (
            <ForbiddenResult />
          )}
        </Layout.Content>
      </Layout>
      <Drawer
        placement="left"
        open={isMobile && drawerOpen}
        onClose={() => setDrawerOpen(false)}
        size={264}
        destroyOnHidden
        title={t('app.name')}
        styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column' } }}
      >
        <Flex vertical gap={4} style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
          <span data-testid="current-user">
            {user.name} <Tag>{roleLabel}</Tag>
          </span>
        </Flex>
        {menu}
        <Flex vertical gap={8} style={{ padding: 16, marginTop: 'auto', borderTop: '1px solid #f0f0f0' }}>
          <Link to="/change-password" onClick={() => setDrawerOpen(false)} data-testid="change-password-link">
            {t('auth.changePassword')}
          </Link>
          <Button block onClick={signOut} loading={logout.isPending} data-testid="logout">
            {t('auth.signOut')}
          </Button>
        </Flex>
      </Drawer>
    </Layout>
  );
}
