import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Switch, Table, Tag, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormErrorHandler } from '../../../lib/form-errors.ts';
import { contactRoleOptions } from './labels.tsx';
import {
  useContacts,
  useCreateContact,
  useUpdateContact,
  type ChannelContact,
  type ChannelCustomerDetail,
} from './parties.api.ts';

type Values = { name: string; role: string; phone?: string; notes?: string; active?: boolean };

function ContactModal({
  customerId,
  contact,
  open,
  onClose,
}: {
  customerId: string;
  contact: ChannelContact | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateContact();
  const update = useUpdateContact();
  const onServerError = useFormErrorHandler();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      contact
        ? {
            name: contact.name,
            role: contact.role,
            phone: contact.phone ?? undefined,
            notes: contact.notes ?? undefined,
            active: contact.active,
          }
        : { active: true },
    );
  }, [open, contact, form]);

  const submit = (v: Values) => {
    const body = {
      name: v.name.trim(),
      role: v.role,
      phone: v.phone?.trim() || null,
      notes: v.notes?.trim() || null,
      active: v.active ?? true,
    };
    const done = {
      onSuccess: () => {
        void message.success(t('channel.saved'));
        onClose();
      },
      onError: (error: unknown) => onServerError(form, error),
    };
    if (contact) update.mutate({ id: contact.id, body: { ...body, version: contact.version } }, done);
    else create.mutate({ customerId, body }, done);
  };

  return (
    <Modal
      open={open}
      title={t('channel.contact.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('channel.save')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'contact-save' } as ButtonProps}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('channel.contact.name')}
          rules={[{ required: true, whitespace: true, message: t('channel.required') }]}
        >
          <Input maxLength={30} data-testid="contact-name" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('channel.contact.role')}
          rules={[{ required: true, message: t('channel.required') }]}
        >
          <Select options={contactRoleOptions(t)} data-testid="contact-role" />
        </Form.Item>
        <Form.Item name="phone" label={t('channel.contact.phone')}>
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
        <Form.Item name="notes" label={t('channel.notes')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="active" label={t('channel.contact.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 联系人 incl. finance (采购主管, 会计, 出纳): replacing key finance staff is a risk signal. */
export function ContactsTab({ customer }: { customer: ChannelCustomerDetail }) {
  const { t } = useTranslation();
  const contacts = useContacts(customer.id);
  const [editing, setEditing] = useState<ChannelContact | null | undefined>(undefined);

  return (
    <div>
      {customer.mayEdit ? (
        <Button onClick={() => setEditing(null)} style={{ marginBottom: 12 }} data-testid="contact-add">
          {t('channel.contact.add')}
        </Button>
      ) : null}
      <Table<ChannelContact>
        rowKey="id"
        size="small"
        pagination={false}
        loading={contacts.isFetching}
        dataSource={contacts.data?.items}
        scroll={{ x: 'max-content' }}
        data-testid="contacts-table"
        columns={[
          { title: t('channel.contact.name'), dataIndex: 'name' },
          {
            title: t('channel.contact.role'),
            dataIndex: 'role',
            render: (_, c) => t(`channel.contact.roles.${c.role}`),
          },
          { title: t('channel.contact.phone'), dataIndex: 'phone' },
          {
            title: t('channel.status'),
            dataIndex: 'active',
            render: (v: boolean) =>
              v ? (
                <Tag color="green">{t('channel.contact.active')}</Tag>
              ) : (
                <Tag>{t('channel.contact.inactive')}</Tag>
              ),
          },
          { title: t('channel.notes'), dataIndex: 'notes' },
          ...(customer.mayEdit
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, c: ChannelContact) => (
                    <Button size="small" type="link" onClick={() => setEditing(c)}>
                      {t('channel.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ContactModal
        customerId={customer.id}
        contact={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
    </div>
  );
}
