import { Alert, App, Button, Card, Divider, Flex, Form, Input, Popconfirm, Typography } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { passwordSchema, ruleMessage } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import { getLocale } from '../../lib/i18n.ts';
import { applyServerErrors, schemaRule } from '../../lib/form-errors.ts';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { PageSpin } from '../../app/PageSpin.tsx';
import { useChangePassword, useLogout, useLogoutEverywhere, useSession } from './auth.api.ts';

type ChangePasswordForm = { currentPassword: string; newPassword: string; confirmPassword: string };

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const change = useChangePassword();
  const logout = useLogout();
  const logoutEverywhere = useLogoutEverywhere();
  const [form] = Form.useForm<ChangePasswordForm>();

  if (session.isPending) return <PageSpin fullScreen />;
  const user = session.data;
  if (!user) return <Navigate to="/login" replace />;

  const locale = getLocale();
  const rule = (key: string) => ruleMessage(locale, key) ?? t('errors.unknown');
  const onFinish = (values: ChangePasswordForm) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void message.success(t('auth.passwordChanged'));
          void navigate('/', { replace: true });
        },
        onError: (error) => applyServerErrors(form, error, (text) => void message.error(text)),
      },
    );
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: '#f5f7fa',
      }}
    >
      <div
        style={{
          width: '100%',
          maxWidth: 440,
          display: 'flex',
          justifyContent: 'flex-end',
          marginBottom: 12,
        }}
      >
        <LanguageSwitch size="middle" />
      </div>
      <Card style={{ width: '100%', maxWidth: 440 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('auth.changePassword')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('auth.signedInAs', { name: user.name, username: user.username })}
        </Typography.Paragraph>
        {user.mustChangePassword ? (
          <Alert
            type="warning"
            showIcon
            data-testid="must-change-password"
            title={t('auth.mustChangePassword')}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<ChangePasswordForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            label={t('auth.currentPassword')}
            name="currentPassword"
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t('auth.newPassword')}
            name="newPassword"
            extra={t('auth.passwordPolicy')}
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: t('auth.passwordRequired') },
              schemaRule(passwordSchema, rule('password.tooWeak')),
              ({ getFieldValue }) => ({
                validator: (_r, value: string | undefined) =>
                  value && value === getFieldValue('currentPassword')
                    ? Promise.reject(new Error(rule('password.sameAsOld')))
                    : Promise.resolve(),
              }),
              {
                validator: (_r, value: string | undefined) =>
                  value && value.toLowerCase().includes(user.username.toLowerCase())
                    ? Promise.reject(new Error(rule('password.containsUsername')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('auth.confirmPassword')}
            name="confirmPassword"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('auth.passwordRequired') },
              ({ getFieldValue }) => ({
                validator: (_r, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('auth.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Flex gap={8} wrap justify="space-between" align="center">
            {user.mustChangePassword ? (
              <Button onClick={() => logout.mutate()} loading={logout.isPending}>
                {t('auth.signOut')}
              </Button>
            ) : (
              <Link to="/">{t('common.back')}</Link>
            )}
            <Button type="primary" htmlType="submit" loading={change.isPending}>
              {t('common.save')}
            </Button>
          </Flex>
        </Form>
        <Divider />
        <Typography.Paragraph type="secondary">{t('auth.signOutEverywhereHint')}</Typography.Paragraph>
        <Popconfirm
          title={t('auth.signOutEverywhereConfirm')}
          okText={t('common.ok')}
          onConfirm={() =>
            logoutEverywhere.mutate(undefined, {
              onSuccess: ({ sessionsEnded }) =>
                void message.success(t('auth.signedOutEverywhere', { count: sessionsEnded })),
              onError: (e) => void message.error(errorText(e)),
            })
          }
        >
          <Button danger block loading={logoutEverywhere.isPending} data-testid="sign-out-everywhere">
            {t('auth.signOutEverywhere')}
          </Button>
        </Popconfirm>
      </Card>
    </div>
  );
}
