import { useTranslation } from 'react-i18next';
import '../../lib/locales/competitors.ts';
import { PageHeader } from '../../app/PageHeader.tsx';

/** Placeholder until the competitors pages land. */
export default function CompetitorsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('competitors.title')} />;
}
