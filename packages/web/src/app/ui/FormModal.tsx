import type { ReactNode } from 'react';
import { Button, Flex, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A Modal whose content (one form with its own useForm) is mounted afresh each time it opens,
 * so no values from the previous record linger. The form renders <FormActions> itself.
 */
export function FormModal({
  title,
  open,
  onClose,
  children,
  testId,
}: {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid={testId}
    >
      {children}
    </Modal>
  );
}

/** Cancel + submit row at the bottom of a modal form. */
export function FormActions({
  onCancel,
  saving,
  okText,
}: {
  onCancel: () => void;
  saving: boolean;
  okText?: string;
}) {
  const { t } = useTranslation();
  return (
    <Flex justify="flex-end" gap={8} style={{ marginTop: 8 }}>
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="form-submit">
        {okText ?? t('common.save')}
      </Button>
    </Flex>
  );
}

/** Open/closed state of a modal editing `record` (undefined: create). The record is kept while it animates closed. */
export type EditorState<T> = { open: boolean; record?: T };
