import { useTranslation } from 'react-i18next';
import '../../lib/locales/pipeline.ts';
import { PageHeader } from '../../app/PageHeader.tsx';

/** Placeholder until the pipeline pages land. */
export default function PipelineDetailPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('pipeline.title')} />;
}
