import { useState } from 'react';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { FormModal, type EditorState } from '../../../app/ui/FormModal.tsx';
import { AccountList, type ListColumn } from '../AccountList.tsx';
import { useDelete, type Department } from '../accounts.api.ts';
import { DepartmentForm } from './DepartmentForm.tsx';

/** 科室 of one hospital (on the hospital page). */
export function DepartmentList({ hospitalId, writable }: { hospitalId: string; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDelete('departments');
  const [editor, setEditor] = useState<EditorState<Department>>({ open: false });

  const columns: ListColumn<Department>[] = [
    {
      key: 'name',
      title: t('accounts.department.name'),
      locked: true,
      sortable: true,
      render: (d) => d.name,
    },
    {
      key: 'headcount',
      title: t('accounts.department.headcount'),
      sortable: true,
      align: 'right',
      render: (d) => formatNumber(d.headcount),
    },
    {
      key: 'doctorCount',
      title: t('accounts.department.doctorCount'),
      align: 'right',
      render: (d) => formatNumber(d.doctorCount),
    },
    {
      key: 'beds',
      title: t('accounts.hospital.beds'),
      sortable: true,
      align: 'right',
      render: (d) => formatNumber(d.beds),
    },
    { key: 'structure', title: t('accounts.department.structure'), render: (d) => d.structure ?? '' },
    {
      key: 'specialty',
      title: t('accounts.department.specialty'),
      optional: true,
      render: (d) => d.specialty ?? '',
    },
    ...(writable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            locked: true,
            render: (d: Department) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditor({ open: true, record: d })}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('common.confirmDelete', { name: d.name })}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    remove.mutate(d.id, {
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
      <AccountList<Department>
        listKind="departments"
        resource="departments"
        exportName={t('accounts.department.title')}
        prefix="dep"
        fixedQuery={{ hospitalId }}
        columns={() => columns}
        searchPlaceholder={t('accounts.department.search')}
        testId="departments"
        size="small"
        actions={
          writable ? (
            <Button type="primary" onClick={() => setEditor({ open: true })} data-testid="create-department">
              {t('accounts.department.create')}
            </Button>
          ) : null
        }
      />
      <FormModal
        title={editor.record ? t('accounts.department.edit') : t('accounts.department.create')}
        open={editor.open}
        onClose={() => setEditor((e) => ({ ...e, open: false }))}
      >
        <DepartmentForm
          hospitalId={hospitalId}
          record={editor.record}
          onDone={() => setEditor((e) => ({ ...e, open: false }))}
        />
      </FormModal>
    </>
  );
}
