import { useState, type ReactNode } from 'react';
import { App, Button, Popconfirm, Select, Space } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText, type QueryParams } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { FormModal, type EditorState } from '../../../app/ui/FormModal.tsx';
import { toolbarItemStyle } from '../../../app/ui/ListToolbar.tsx';
import { TextFilter } from '../../../app/ui/TextFilter.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { AccountList, type ListColumn } from '../AccountList.tsx';
import { mayWriteAccounts, useDelete, useHospitalSelect, type KeyContact } from '../accounts.api.ts';
import { functionLabel, functionOptions, personalityLabel } from '../labels.ts';
import { KeyContactForm } from './KeyContactForm.tsx';

const filters = ['function', 'hospitalId', 'city'] as const;

/** 关键联系人 beyond doctors: pharmacy, purchasing, finance … On a hospital page `hospital` fixes it. */
export function KeyContactList({
  hospital,
  prefix,
  extraActions,
}: {
  hospital?: { id: string; name: string };
  prefix?: string;
  extraActions?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const writable = mayWriteAccounts(me.role);
  const hospitals = useHospitalSelect();
  const remove = useDelete('key-contacts');
  const [editor, setEditor] = useState<EditorState<KeyContact>>({ open: false });
  const fixedQuery: QueryParams | undefined = hospital ? { hospitalId: hospital.id } : undefined;

  const columns: ListColumn<KeyContact>[] = [
    {
      key: 'name',
      title: t('accounts.keyContact.name'),
      locked: true,
      sortable: true,
      render: (c) => c.name,
    },
    {
      key: 'function',
      title: t('accounts.keyContact.function'),
      sortable: true,
      render: (c) => functionLabel(c.function, t),
    },
    ...(hospital
      ? []
      : [
          {
            key: 'hospitalName',
            title: t('accounts.hospital.name'),
            sortable: true,
            render: (c: KeyContact) => <Link to={`/hospitals/${c.hospitalId}`}>{c.hospitalName}</Link>,
          },
        ]),
    { key: 'departmentName', title: t('accounts.department.name'), render: (c) => c.departmentName ?? '' },
    { key: 'position', title: t('accounts.doctor.position'), render: (c) => c.position ?? '' },
    { key: 'phone', title: t('accounts.doctor.phone'), render: (c) => c.phone ?? '' },
    {
      key: 'personalityType',
      title: t('accounts.doctor.personality'),
      optional: true,
      render: (c) => personalityLabel(c.personalityType, t),
    },
    { key: 'notes', title: t('accounts.notes'), optional: true, render: (c) => c.notes ?? '' },
    {
      key: 'createdAt',
      title: t('common.createdAt'),
      optional: true,
      sortable: true,
      render: (c) => formatDate(c.createdAt),
    },
    ...(writable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            locked: true,
            render: (c: KeyContact) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditor({ open: true, record: c })}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('common.confirmDelete', { name: c.name })}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    remove.mutate(c.id, {
                      onSuccess: () => void message.success(t('common.deleted')),
                      onError: (e) => void message.error(errorText(e)),
                    })
                  }
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <AccountList<KeyContact, (typeof filters)[number]>
        listKind="keyContacts"
        resource="key-contacts"
        exportName={t('nav.key-contacts')}
        prefix={prefix}
        filters={filters}
        fixedQuery={fixedQuery}
        columns={() => columns}
        testId={prefix ? `key-contacts-${prefix}` : 'key-contacts'}
        actions={
          <>
            {writable ? (
              <Button
                type="primary"
                onClick={() => setEditor({ open: true })}
                data-testid="create-key-contact"
              >
                {t('accounts.keyContact.create')}
              </Button>
            ) : null}
            {extraActions}
          </>
        }
        renderFilters={(list) => (
          <>
            <Select
              allowClear
              placeholder={t('accounts.keyContact.allFunctions')}
              value={list.filters.function}
              onChange={(v?: string) => list.setFilter('function', v)}
              options={functionOptions(t)}
              style={toolbarItemStyle}
            />
            {hospital ? null : (
              <>
                <Select
                  allowClear
                  placeholder={t('accounts.allHospitals')}
                  value={list.filters.hospitalId}
                  onChange={(v?: string) => list.setFilter('hospitalId', v)}
                  style={toolbarItemStyle}
                  {...hospitals.selectProps}
                />
                <TextFilter
                  value={list.filters.city}
                  onChange={(v) => list.setFilter('city', v)}
                  placeholder={t('accounts.city')}
                />
              </>
            )}
          </>
        )}
      />
      <FormModal
        title={editor.record ? t('accounts.keyContact.edit') : t('accounts.keyContact.create')}
        open={editor.open}
        onClose={() => setEditor((e) => ({ ...e, open: false }))}
      >
        <KeyContactForm
          record={editor.record}
          hospital={hospital}
          onDone={() => setEditor((e) => ({ ...e, open: false }))}
        />
      </FormModal>
    </>
  );
}
