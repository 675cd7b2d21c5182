import { App, Button, Card, Flex, Form, InputNumber, Skeleton, Tabs, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { KeyAccountConfigResponse } from '@keqing/shared';
import { api, errorText } from '../../../lib/api.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { DoctorGradingForm } from './DoctorGradingForm.tsx';
import { HospitalGradingForm } from './HospitalGradingForm.tsx';

const tabs = ['hospital', 'doctor', 'keyAccounts'] as const;
type TabKey = (typeof tabs)[number];

/** 重点客户比例: the share of accounts marked key (80/20 → 20 %). */
function KeyAccountShare({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: ['grading', 'key-accounts'],
    queryFn: ({ signal }) =>
      api.get<KeyAccountConfigResponse>('/segmentation/key-accounts/config', undefined, signal),
  });
  const save = useMutation({
    mutationFn: (body: { config: { share: number }; version: number }) =>
      api.put<KeyAccountConfigResponse>('/segmentation/key-accounts/config', body),
    onSuccess: () => {
      for (const key of ['grading', 'key-accounts']) void queryClient.invalidateQueries({ queryKey: [key] });
      void message.success(t('grading.saved'));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  if (current.isPending) return <Skeleton active />;
  if (current.error) return <ListError error={current.error} />;
  const data = current.data;
  return (
    <Card size="small" style={{ maxWidth: 480 }}>
      <Typography.Paragraph type="secondary">{t('grading.shareHint')}</Typography.Paragraph>
      <Form
        layout="vertical"
        disabled={readOnly}
        initialValues={{ percent: Math.round(data.config.share * 100) }}
        onFinish={(v: { percent: number }) =>
          save.mutate({ config: { share: v.percent / 100 }, version: data.version })
        }
      >
        <Form.Item label={t('grading.share')} name="percent" rules={[{ required: true }]}>
          <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: 160 }} />
        </Form.Item>
        {readOnly ? null : (
          <Flex>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Flex>
        )}
      </Form>
    </Card>
  );
}

/** 客户定级设置 (admin): hospital grading, doctor grading matrix, key-account share. */
export default function SegmentationConfigPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const readOnly = me.role !== 'admin';
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: TabKey = tabs.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'hospital';
  return (
    <div>
      <PageHeader title={t('nav.segmentation')} subTitle={t('grading.pageHint')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearchParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          {
            key: 'hospital',
            label: <span data-testid="config-tab-hospital">{t('grading.tabs.hospital')}</span>,
            children: <HospitalGradingForm readOnly={readOnly} />,
          },
          {
            key: 'doctor',
            label: <span data-testid="config-tab-doctor">{t('grading.tabs.doctor')}</span>,
            children: <DoctorGradingForm readOnly={readOnly} />,
          },
          {
            key: 'keyAccounts',
            label: <span data-testid="config-tab-key-accounts">{t('grading.tabs.keyAccounts')}</span>,
            children: <KeyAccountShare readOnly={readOnly} />,
          },
        ]}
      />
    </div>
  );
}
