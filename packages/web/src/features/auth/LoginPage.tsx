import { useState, type FormEvent } from 'react';
import { Alert, Button, Input, theme } from 'antd';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useLogin, useSession } from './auth.api.ts';

/** Only same-site paths, so a crafted ?next= cannot send the user elsewhere. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

function retryAtOf(error: unknown): string | undefined {
  if (!isApiError(error) || error.code !== 'AUTH_LOCKED') return undefined;
  const details = error.details;
  if (
    typeof details === 'object' &&
    details !== null &&
    'retryAt' in details &&
    typeof details.retryAt === 'string'
  ) {
    return formatDateTime(details.retryAt);
  }
  return undefined;
}

/**
 * The sign-in page is in the entry chunk, so it uses plain inputs instead of antd Form, Card
 * and Typography: those (and their validators, tabs, tooltips) load only after sign-in.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const next = safeNext(searchParams.get('next'));
  const session = useSession();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});

  if (session.data && !login.isPending) {
    return <Navigate to={session.data.mustChangePassword ? '/change-password' : next} replace />;
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const nextMissing = { username: !username.trim(), password: !password };
    setMissing(nextMissing);
    if (nextMissing.username || nextMissing.password) return;
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: ({ user }) =>
          void navigate(user.mustChangePassword ? '/change-password' : next, { replace: true }),
      },
    );
  };
  const retryAt = retryAtOf(login.error);
  const label = { display: 'block', marginBottom: 8, color: token.colorText } as const;
  const fieldError = { color: token.colorError, fontSize: token.fontSizeSM, marginTop: 4 } as const;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: token.colorBgLayout,
      }}
    >
      <div
        style={{
          width: '100%',
          maxWidth: 400,
          display: 'flex',
          justifyContent: 'flex-end',
          marginBottom: 12,
        }}
      >
        <LanguageSwitch size="middle" />
      </div>
      <main
        style={{
          width: '100%',
          maxWidth: 400,
          boxSizing: 'border-box',
          padding: 24,
          background: token.colorBgContainer,
          borderRadius: token.borderRadiusLG,
          boxShadow: token.boxShadowTertiary,
        }}
      >
        <h1
          style={{
            textAlign: 'center',
            margin: '0 0 4px',
            fontSize: 24,
            fontWeight: 600,
            color: token.colorTextHeading,
          }}
        >
          {t('app.name')}
        </h1>
        <p style={{ textAlign: 'center', margin: '0 0 24px', color: token.colorTextSecondary }}>
          {t('auth.loginSubtitle')}
        </p>
        {notice && !login.error ? (
          <Alert
            type="warning"
            showIcon
            title={notice}
            style={{ marginBottom: 16 }}
            data-testid="login-notice"
          />
        ) : null}
        {login.error ? (
          <Alert
            type="error"
            showIcon
            data-testid="login-error"
            title={login.error.message}
            description={retryAt ? t('auth.lockedUntil', { time: retryAt }) : undefined}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <form onSubmit={onSubmit} noValidate>
          <div style={{ marginBottom: 16 }}>
            <label htmlFor="username" style={label}>
              {t('auth.username')}
            </label>
            <Input
              id="username"
              name="username"
              size="large"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              status={missing.username ? 'error' : undefined}
              aria-invalid={missing.username || undefined}
              onChange={(e) => setUsername(e.target.value)}
            />
            {missing.username ? <div style={fieldError}>{t('auth.usernameRequired')}</div> : null}
          </div>
          <div style={{ marginBottom: 24 }}>
            <label htmlFor="password" style={label}>
              {t('auth.password')}
            </label>
            <Input.Password
              id="password"
              name="password"
              size="large"
              autoComplete="current-password"
              value={password}
              status={missing.password ? 'error' : undefined}
              aria-invalid={missing.password || undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
            {missing.password ? <div style={fieldError}>{t('auth.passwordRequired')}</div> : null}
          </div>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('auth.signIn')}
          </Button>
        </form>
      </main>
    </div>
  );
}
