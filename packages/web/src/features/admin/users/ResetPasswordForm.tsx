import { App, Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordSchema, ruleMessage } from '@keqing/shared';
import { applyServerErrors, schemaRule } from '../../../lib/form-errors.ts';
import { getLocale } from '../../../lib/i18n.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import { useResetPassword, type User } from '../admin.api.ts';

type Values = { newPassword: string; confirmPassword: string };

/** Admin sets a temporary password; the user must change it at the next sign-in. */
export function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reset = useResetPassword();

  const onFinish = (values: Values) => {
    reset.mutate(
      { id: user.id, newPassword: values.newPassword },
      {
        onSuccess: () => {
          onDone();
          modal.success({
            title: t('users.resetDoneTitle'),
            content: t('users.resetDone', { name: user.name }),
            okText: t('common.ok'),
          });
        },
        onError: (error) => applyServerErrors(form, error, (text) => void message.error(text)),
      },
    );
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="reset-password-form">
      <Alert
        type="info"
        showIcon
        title={t('users.resetHint', { name: user.name, username: user.username })}
        style={{ marginBottom: 16 }}
      />
      <Form.Item
        label={t('auth.newPassword')}
        name="newPassword"
        extra={t('auth.passwordPolicy')}
        rules={[
          { required: true, message: t('validation.required') },
          schemaRule(
            passwordSchema,
            ruleMessage(getLocale(), 'password.tooWeak') ?? t('validation.required'),
          ),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('auth.confirmPassword')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('validation.required') },
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
      <FormActions onCancel={onDone} saving={reset.isPending} okText={t('users.resetPassword')} />
    </Form>
  );
}
