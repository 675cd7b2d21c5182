import { useState } from 'react';
import { App, Button, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '@keqing/shared';
import { errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useList, useUpdate } from '../../../lib/resources.ts';
import { canWrite } from '../../../app/navigation.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { ActiveTag } from '../../../app/ui/ActiveTag.tsx';
import { FormModal, type EditorState } from '../../../app/ui/FormModal.tsx';
import { RowActions } from '../../../app/ui/RowActions.tsx';
import { ListError } from '../../../app/ui/ListError.tsx';
import { ActiveFilter, ListToolbar, SearchBox, toolbarItemStyle } from '../../../app/ui/ListToolbar.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { useLogoutUserEverywhere, useTeamOptions, type User, type UserUpdateBody } from '../admin.api.ts';
import { ResetPasswordForm } from './ResetPasswordForm.tsx';
import { UserForm } from './UserForm.tsx';
import { HandOverButton } from '../../handover/HandOverButton.tsx';
import '../../../lib/locales/care-fees.ts';

/**
 * The users table. `admin`: every user, editable by admins (read-only for compliance).
 * `team`: a manager's own team (the server scopes GET /api/users), read-only.
 */
export function UsersList({ mode }: { mode: 'admin' | 'team' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const writable = mode === 'admin' && canWrite(me.role);
  const list = useListParams({ filters: ['role', 'teamId', 'active'] });
  const { data, isFetching, error } = useList<User>('users', list.query);
  const teams = useTeamOptions({ params: { active: undefined }, enabled: mode === 'admin' });
  const update = useUpdate<User, UserUpdateBody>('users');
  const [editor, setEditor] = useState<EditorState<User>>({ open: false });
  const [resetting, setResetting] = useState<EditorState<User>>({ open: false });
  const logoutEverywhere = useLogoutUserEverywhere();

  const signOutEverywhere = (user: User) =>
    logoutEverywhere.mutate(user.id, {
      onSuccess: ({ sessionsEnded }) =>
        void message.success(t('users.signedOutEverywhere', { name: user.name, count: sessionsEnded })),
      onError: (e) => void message.error(errorText(e)),
    });

  const toggleActive = (user: User) =>
    update.mutate(
      { id: user.id, body: { active: !user.active, version: user.version } },
      {
        onSuccess: () => void message.success(user.active ? t('users.deactivated') : t('users.reactivated')),
        onError: (e) => void message.error(errorText(e)),
      },
    );

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: list.sortOrderOf('username'),
    },
    {
      title: t('users.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
    },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      render: (role: Role, u) => (
        <>
          {t(`roles.${role}`)}
          {/* 岗位职责 of an admin: the 客情费 signers */}
          {u.duties.map((d) => (
            <Tag key={d} color="blue" style={{ marginInlineStart: 6 }}>
              {t(`careFees.duties.${d}`)}
            </Tag>
          ))}
        </>
      ),
    },
    {
      title: t('users.team'),
      dataIndex: 'teamName',
      key: 'teamName',
      render: (v: string | null) => v ?? '—',
    },
    { title: t('users.phone'), dataIndex: 'phone', key: 'phone', render: (v: string | null) => v ?? '' },
    ...(mode === 'admin'
      ? [{ title: t('users.email'), dataIndex: 'email', key: 'email', render: (v: string | null) => v ?? '' }]
      : []),
    {
      title: t('common.status'),
      key: 'active',
      render: (_: unknown, u: User) => (
        <Space size={4} wrap>
          <ActiveTag active={u.active} />
          {u.mustChangePassword ? <Tag color="orange">{t('users.mustChange')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      sorter: true,
      sortOrder: list.sortOrderOf('lastLoginAt'),
      render: (v: string | null) => formatDateTime(v),
    },
  ];
  if (writable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, u: User) => (
        <RowActions
          active={u.active}
          confirmTitle={
            u.active
              ? t('users.confirmDeactivate', { name: u.name })
              : t('users.confirmReactivate', { name: u.name })
          }
          onEdit={() => setEditor({ open: true, record: u })}
          onToggleActive={() => toggleActive(u)}
        >
          <HandOverButton user={u} />
          <Button type="link" size="small" onClick={() => setResetting({ open: true, record: u })}>
            {t('users.resetPassword')}
          </Button>
          <Popconfirm
            title={t('users.confirmSignOutEverywhere', { name: u.name })}
            onConfirm={() => signOutEverywhere(u)}
            okText={t('common.ok')}
          >
            <Button type="link" size="small" data-testid={`sign-out-everywhere-${u.username}`}>
              {t('users.signOutEverywhere')}
            </Button>
          </Popconfirm>
        </RowActions>
      ),
    });
  }

  return (
    <div>
      <PageHeader
        title={mode === 'admin' ? t('nav.users') : t('nav.team')}
        subTitle={mode === 'team' ? t('users.teamHint') : undefined}
        extra={
          writable ? (
            <Button type="primary" onClick={() => setEditor({ open: true })} data-testid="create-user">
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <ListToolbar>
        <SearchBox value={list.q} onSearch={list.setQ} placeholder={t('users.searchPlaceholder')} />
        <Select
          allowClear
          placeholder={t('users.allRoles')}
          value={list.filters.role}
          onChange={(v?: string) => list.setFilter('role', v)}
          style={toolbarItemStyle}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        {mode === 'admin' ? (
          <Select
            allowClear
            placeholder={t('users.allTeams')}
            value={list.filters.teamId}
            onChange={(v?: string) => list.setFilter('teamId', v)}
            style={toolbarItemStyle}
            {...teams.selectProps}
          />
        ) : null}
        <ActiveFilter value={list.filters.active} onChange={(v) => list.setFilter('active', v)} />
      </ListToolbar>
      <ListError error={error} />
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="users-table"
      />
      <FormModal
        title={editor.record ? t('users.edit') : t('users.create')}
        open={editor.open}
        onClose={() => setEditor((e) => ({ ...e, open: false }))}
      >
        <UserForm record={editor.record} onDone={() => setEditor((e) => ({ ...e, open: false }))} />
      </FormModal>
      <FormModal
        title={t('users.resetPassword')}
        open={resetting.open}
        onClose={() => setResetting((e) => ({ ...e, open: false }))}
      >
        {resetting.record ? (
          <ResetPasswordForm
            user={resetting.record}
            onDone={() => setResetting((e) => ({ ...e, open: false }))}
          />
        ) : null}
      </FormModal>
    </div>
  );
}
