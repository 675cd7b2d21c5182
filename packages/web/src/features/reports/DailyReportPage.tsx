import { useTranslation } from 'react-i18next';
import '../../lib/locales/reports.ts';
import { PageHeader } from '../../app/PageHeader.tsx';

/** Placeholder until the reports pages land. */
export default function DailyReportPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('reports.title')} />;
}
