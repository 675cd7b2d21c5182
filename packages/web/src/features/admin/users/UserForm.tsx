import { useState } from 'react';
import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  createUserSchema,
  passwordSchema,
  roles,
  ruleMessage,
  userDuties,
  usernameSchema,
  type Role,
  type UserDuty,
} from '@keqing/shared';
import { emptyToNull, schemaRule } from '../../../lib/form-errors.ts';
import { getLocale } from '../../../lib/i18n.ts';
import { useCreate, useSubmitErrorHandler, useUpdate } from '../../../lib/resources.ts';
import { FormActions } from '../../../app/ui/FormModal.tsx';
import { useTeamOptions, type User, type UserCreateBody, type UserUpdateBody } from '../admin.api.ts';
// the duty labels 岗位职责 live with the 客情费 texts (the duties sign its claims)
import '../../../lib/locales/care-fees.ts';

/** 岗位职责: back-office duties of an admin (销售文员, 财务) — the 客情费 signers. */
type WithDuties = { duties?: UserDuty[] };

type Values = {
  username: string;
  name: string;
  role: Role;
  teamId?: string | null;
  phone?: string | null;
  email?: string | null;
  password?: string;
  duties?: UserDuty[];
};

function toValues(user: User | undefined): Partial<Values> {
  if (!user) return { role: 'rep' };
  return {
    username: user.username,
    name: user.name,
    role: user.role,
    teamId: user.teamId,
    phone: user.phone,
    email: user.email,
    duties: user.duties,
  };
}

/** Create (record undefined) or edit one user. */
export function UserForm({ record, onDone }: { record?: User; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreate<User, UserCreateBody & WithDuties>('users');
  const update = useUpdate<User, UserUpdateBody & WithDuties>('users');
  const onError = useSubmitErrorHandler<User>('users');
  // The version sent back on PATCH; after a 409 it is the one of the freshly read record.
  const [version, setVersion] = useState(record?.version);
  const reloadInto = (fresh: User) => {
    setVersion(fresh.version);
    form.setFieldsValue(toValues(fresh));
  };
  const teams = useTeamOptions({
    known: record?.teamId && record.teamName ? [{ value: record.teamId, label: record.teamName }] : [],
  });
  const role = Form.useWatch('role', form);
  const locale = getLocale();

  const onFinish = (values: Values) => {
    const common = {
      name: values.name.trim(),
      role: values.role,
      teamId: values.teamId ?? null,
      phone: emptyToNull(values.phone),
      email: emptyToNull(values.email),
      // duties belong to admins only (the server refuses them on other roles): another role clears them
      duties: values.role === 'admin' ? (values.duties ?? []) : [],
    };
    if (!record) {
      create.mutate(
        { ...common, username: values.username.trim(), password: values.password ?? '' },
        {
          onSuccess: () => {
            void message.success(t('users.created'));
            onDone();
          },
          onError: (error) => void onError(form, error),
        },
      );
      return;
    }
    update.mutate(
      { id: record.id, body: { ...common, version: version ?? record.version } },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onDone();
        },
        onError: (error) => void onError(form, error, { id: record.id, onFresh: reloadInto }),
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={toValues(record)}
      onFinish={onFinish}
      data-testid="user-form"
    >
      <Form.Item
        label={t('users.username')}
        name="username"
        extra={record ? t('users.usernameFixed') : t('users.usernameHint')}
        rules={[
          { required: true, message: t('validation.required') },
          schemaRule(usernameSchema, t('validation.username')),
        ]}
      >
        <Input disabled={!!record} autoComplete="off" autoCapitalize="none" />
      </Form.Item>
      <Form.Item
        label={t('users.name')}
        name="name"
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: 60, message: t('validation.maxLength', { max: 60 }) },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('users.role')}
        name="role"
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Select options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </Form.Item>
      <Form.Item
        label={t('users.team')}
        name="teamId"
        dependencies={['role']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_r, value: string | null | undefined) => {
              const r = getFieldValue('role') as Role;
              if (value || (r !== 'rep' && r !== 'manager')) return Promise.resolve();
              const key = r === 'rep' ? 'user.repNeedsTeam' : 'user.managerNeedsTeam';
              return Promise.reject(new Error(ruleMessage(locale, key) ?? t('validation.required')));
            },
          }),
        ]}
        extra={role === 'manager' ? t('users.managerTeamHint') : undefined}
      >
        <Select allowClear placeholder={t('users.noTeam')} {...teams.selectProps} />
      </Form.Item>
      {role === 'admin' ? (
        <Form.Item label={t('careFees.duties.label')} name="duties" extra={t('careFees.duties.hint')}>
          <Select
            mode="multiple"
            allowClear
            options={userDuties.map((d) => ({ value: d, label: t(`careFees.duties.${d}`) }))}
            data-testid="user-duties"
          />
        </Form.Item>
      ) : null}
      <Form.Item
        label={t('users.phone')}
        name="phone"
        rules={[schemaRule(createUserSchema.shape.phone, t('validation.phone'))]}
      >
        <Input inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('users.email')}
        name="email"
        rules={[schemaRule(createUserSchema.shape.email, t('validation.email'))]}
      >
        <Input inputMode="email" autoComplete="off" />
      </Form.Item>
      {record ? null : (
        <Form.Item
          label={t('users.initialPassword')}
          name="password"
          extra={t('users.initialPasswordHint')}
          rules={[
            { required: true, message: t('validation.required') },
            schemaRule(passwordSchema, ruleMessage(locale, 'password.tooWeak') ?? t('validation.required')),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <FormActions onCancel={onDone} saving={create.isPending || update.isPending} />
    </Form>
  );
}
