import { useTranslation } from 'react-i18next';
import '../../lib/locales/notifications.ts';
import { PageHeader } from '../../app/PageHeader.tsx';

/** Placeholder until the notifications pages land. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('notifications.title')} />;
}
