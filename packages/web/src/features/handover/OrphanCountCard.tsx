import { Card, Skeleton, Statistic } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import '../../lib/locales/handover.ts';
import { useOrphans } from './handover.api.ts';

/** Admin home: records still held by deactivated users — must be 0. */
export function OrphanCountCard() {
  const { t } = useTranslation();
  const { data, isPending } = useOrphans();
  return (
    <Card title={t('handover.orphans')} extra={<Link to="/admin/handovers?orphans=1">{t('home.open')}</Link>}>
      {isPending ? (
        <Skeleton active paragraph={false} />
      ) : (
        <span data-testid="orphan-count">
          <Statistic value={data?.count ?? 0} />
        </span>
      )}
    </Card>
  );
}
