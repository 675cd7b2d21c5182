import { useEffect } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  InputNumber,
  Skeleton,
  Space,
  Table,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { notificationKinds, type NotificationKind } from '@keqing/shared';
import '../../lib/locales/notifications.ts';
import { PageHeader } from '../../app/PageHeader.tsx';
import { errorText } from '../../lib/api.ts';
import { useFormErrorHandler } from '../../lib/form-errors.ts';
import { useNotificationSettings, useSaveSettings } from './notifications.api.ts';

type Values = {
  enabled: NotificationKind[];
  emailKinds: NotificationKind[];
  quiet: [Dayjs, Dayjs] | null;
  frequencyReminderDays: number;
};

/** 通知设置: which kinds reach the caller, which also by e-mail, quiet hours and the reminder day. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useNotificationSettings();
  const save = useSaveSettings();
  const onFormError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    form.setFieldsValue({
      enabled: notificationKinds.filter((k) => !s.disabledKinds.includes(k)),
      emailKinds: s.emailKinds,
      quiet: s.quietStart && s.quietEnd ? [dayjs(s.quietStart, 'HH:mm'), dayjs(s.quietEnd, 'HH:mm')] : null,
      frequencyReminderDays: s.frequencyReminderDays,
    });
  }, [settings.data, form]);

  if (settings.isPending) return <Skeleton active />;
  if (settings.isError) return <Typography.Text type="danger">{errorText(settings.error)}</Typography.Text>;

  // the kind lists are set by the table's checkboxes, not by Form.Items, so read every stored value
  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    save.mutate(
      {
        disabledKinds: notificationKinds.filter((k) => !v.enabled.includes(k)),
        emailKinds: v.emailKinds,
        quietStart: v.quiet ? v.quiet[0].format('HH:mm') : null,
        quietEnd: v.quiet ? v.quiet[1].format('HH:mm') : null,
        frequencyReminderDays: v.frequencyReminderDays,
        version: settings.data.version,
      },
      {
        onSuccess: () => void message.success(t('notifications.settings.saved')),
        onError: (e) => onFormError(form, e),
      },
    );
  };

  return (
    <>
      <PageHeader title={t('notifications.settings.title')} />
      <Card>
        <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 640 }}>
          <Table
            size="small"
            pagination={false}
            rowKey="kind"
            style={{ marginBottom: 24 }}
            dataSource={notificationKinds.map((kind) => ({ kind }))}
            columns={[
              {
                title: t('notifications.settings.kindColumn'),
                render: (_, r) => t(`notifications.kind.${r.kind}`),
              },
              {
                title: t('notifications.settings.inApp'),
                render: (_, r) => (
                  <KindBox name="enabled" kind={r.kind} testid={`notification-setting-${r.kind}`} />
                ),
              },
              {
                title: t('notifications.settings.email'),
                render: (_, r) => (
                  <KindBox name="emailKinds" kind={r.kind} testid={`notification-email-${r.kind}`} />
                ),
              },
            ]}
          />
          <Form.Item
            name="quiet"
            label={t('notifications.settings.quietHours')}
            extra={t('notifications.settings.quietHelp')}
          >
            <TimePicker.RangePicker format="HH:mm" order={false} minuteStep={5} />
          </Form.Item>
          <Form.Item
            name="frequencyReminderDays"
            label={t('notifications.settings.reminderDays')}
            extra={t('notifications.settings.reminderHelp')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={20} />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              data-testid="notification-settings-save"
            >
              {t('notifications.settings.save')}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}

/** One checkbox of a kind list field (enabled kinds or e-mail kinds). */
function KindBox({
  name,
  kind,
  testid,
}: {
  name: 'enabled' | 'emailKinds';
  kind: NotificationKind;
  testid: string;
}) {
  const form = Form.useFormInstance<Values>();
  const list = (Form.useWatch(name, form) as NotificationKind[] | undefined) ?? [];
  return (
    <Checkbox
      data-testid={testid}
      checked={list.includes(kind)}
      onChange={(e) =>
        form.setFieldValue(name, e.target.checked ? [...list, kind] : list.filter((k) => k !== kind))
      }
    />
  );
}
