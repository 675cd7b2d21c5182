import { useTranslation } from 'react-i18next';
import '../../lib/locales/handover.ts';
import { PageHeader } from '../../app/PageHeader.tsx';

/** Placeholder until the handover pages land. */
export default function HandoversPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('handover.title')} />;
}
