import { useTranslation } from 'react-i18next';
import '../../lib/locales/prospects.ts';
import { PageHeader } from '../../app/PageHeader.tsx';

/** Placeholder until the prospects pages land. */
export default function ProspectsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('prospects.title')} />;
}
