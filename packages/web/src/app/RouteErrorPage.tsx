import { Button, theme } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * Last resort for render errors and chunks that failed to load (e.g. after a deploy).
 * Plain markup: antd Result's illustrations would weigh down the entry chunk.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div role="alert" style={{ padding: '64px 16px', textAlign: 'center' }}>
      <h1 style={{ fontSize: 24, fontWeight: 600, color: token.colorTextHeading }}>
        {notFound ? t('errors.pageNotFound') : t('errors.pageFailed')}
      </h1>
      {notFound ? null : <p style={{ color: token.colorTextSecondary }}>{t('errors.pageFailedHint')}</p>}
      <Button type="primary" onClick={() => window.location.assign('/')}>
        {t('app.backHome')}
      </Button>
    </div>
  );
}
