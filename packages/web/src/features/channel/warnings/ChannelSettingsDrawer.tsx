import { useEffect } from 'react';
import { App, Button, Drawer, Form, Grid, InputNumber, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import '../../../lib/locales/channel-warnings.ts';
import { useChannelSettings, useSaveChannelSettings, type ChannelSettings } from './warnings.api.ts';

const numberFields = [
  'stockOutDays',
  'overStockDays',
  'sellThroughWindowDays',
  'neglectDays',
  'licenceWarnDays',
  'marginGapPoints',
  'scarcityMarkupPct',
  'volumeDropPct',
  'sellInOverSellThroughRatio',
  'returnRatePct',
  'reconcileDays',
  'overdueGraceDays',
] as const;

type Values = Omit<ChannelSettings, 'terminalVisitDays'> & {
  terminalKey: number;
  terminalSecondary: number;
  terminalOther: number;
};

/** Admin: the channel warning thresholds; saving stores a new version (the old ones stay in the history). */
export function ChannelSettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const onFormError = useFormErrorHandler();
  const settings = useChannelSettings();
  const save = useSaveChannelSettings();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!open || !settings.data) return;
    const { terminalVisitDays, ...rest } = settings.data;
    form.setFieldsValue({
      ...rest,
      terminalKey: terminalVisitDays.key,
      terminalSecondary: terminalVisitDays.secondary,
      terminalOther: terminalVisitDays.other,
    });
  }, [open, settings.data, form]);

  const submit = (v: Values) => {
    const { terminalKey, terminalSecondary, terminalOther, ...rest } = v;
    save.mutate(
      {
        ...rest,
        terminalVisitDays: { key: terminalKey, secondary: terminalSecondary, other: terminalOther },
      },
      {
        onSuccess: () => {
          void message.success(t('channelWarnings.settingsForm.saved'));
          onClose();
        },
        onError: (e) => onFormError(form, e),
      },
    );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('channelWarnings.settingsForm.title')}
      size={screens.md === false ? '100%' : 480}
      destroyOnHidden
      data-testid="channel-settings-drawer"
      extra={
        <Button
          type="primary"
          onClick={() => form.submit()}
          loading={save.isPending}
          data-testid="channel-settings-save"
        >
          {t('common.save')}
        </Button>
      }
    >
      {settings.isPending ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit}>
          {numberFields.map((name) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`channelWarnings.settingsForm.${name}`)}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
          {(['terminalKey', 'terminalSecondary', 'terminalOther'] as const).map((name) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`channelWarnings.settingsForm.${name}`)}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </Form>
      )}
    </Drawer>
  );
}
