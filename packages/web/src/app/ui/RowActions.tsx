import type { ReactNode } from 'react';
import { Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** Edit and deactivate/reactivate links of an admin list row; `children` adds more links. */
export function RowActions(props: {
  active: boolean;
  /** The confirmation question, e.g. 确定停用“上海一组”吗？ */
  confirmTitle: string;
  onEdit: () => void;
  onToggleActive: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={props.onEdit}>
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={props.confirmTitle}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onConfirm={props.onToggleActive}
      >
        <Button type="link" size="small" danger={props.active}>
          {props.active ? t('common.deactivate') : t('common.reactivate')}
        </Button>
      </Popconfirm>
      {props.children}
    </Space>
  );
}
