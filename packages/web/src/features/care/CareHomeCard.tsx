import { useState } from 'react';
import { Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api.ts';
import { chinaToday, formatDate } from '../../lib/format.ts';
import '../../lib/locales/care.ts';
import { CareActionModal, type CareActionPreset } from './CareActionModal.tsx';
import { useUpcomingCare, type UpcomingCareItem } from './care.api.ts';
import { LunarTag } from './labels.tsx';

/** Rows shown before 更多. */
const shown = 8;

/**
 * 本周关怀日期 on a rep's home page: birthdays (农历 when lunar), festivals and care dates of the rep's doctors in
 * the next days (the settings' reminder window, 7 by default), each with 记录关怀 right there.
 */
export function CareHomeCard() {
  const { t } = useTranslation();
  const upcoming = useUpcomingCare({ from: chinaToday() });
  const [preset, setPreset] = useState<CareActionPreset | null>(null);
  const items = upcoming.data?.items ?? [];

  const record = (item: UpcomingCareItem) =>
    setPreset({
      doctor: item.doctorId
        ? { value: item.doctorId, label: [item.doctorName, item.hospitalName].filter(Boolean).join(' · ') }
        : undefined,
      festival: item.festival,
      purpose: item.label,
    });

  return (
    <Card
      title={t('care.home.title')}
      extra={<Link to="/care?tab=calendar">{t('care.home.open')}</Link>}
      data-testid="home-card-care"
    >
      {upcoming.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : upcoming.error ? (
        <Typography.Text type="danger">{errorText(upcoming.error)}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('care.home.empty')} />
      ) : (
        <Flex vertical gap={6}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {upcoming.data ? `${upcoming.data.from} – ${upcoming.data.to}` : null}
          </Typography.Text>
          {items.slice(0, shown).map((item) => (
            <Flex
              key={`${item.date}-${item.kind}-${item.doctorId ?? item.festival ?? item.label}`}
              gap={6}
              align="center"
              wrap
              data-testid="care-upcoming-item"
              data-kind={item.kind}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                {formatDate(item.date).slice(5)}
              </Typography.Text>
              <Tag
                color={item.kind === 'festival' ? 'volcano' : item.kind === 'birthday' ? 'magenta' : 'blue'}
              >
                {t(`care.dateKinds.${item.kind}`)}
              </Tag>
              {item.isLunar ? <LunarTag t={t} /> : null}
              <span style={{ flex: 1, minWidth: 120 }}>
                {item.doctorId ? (
                  <Link to={`/doctors/${item.doctorId}?tab=care`}>{item.doctorName}</Link>
                ) : null}
                {item.doctorId ? ' · ' : ''}
                {item.label}
              </span>
              <Button size="small" onClick={() => record(item)} data-testid="care-upcoming-record">
                {t('care.record')}
              </Button>
            </Flex>
          ))}
          {items.length > shown ? (
            <Typography.Text type="secondary">
              {t('care.home.more', { count: items.length - shown })}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
      <CareActionModal open={!!preset} preset={preset ?? undefined} onClose={() => setPreset(null)} />
    </Card>
  );
}
