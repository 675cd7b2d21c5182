import type { ReactNode } from 'react';
import { Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** Search box and filters above a table; controls wrap two to a row on a phone. */
export function ListToolbar({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
      <Flex wrap gap={8} style={{ flex: '1 1 auto', minWidth: 0 }}>
        {children}
      </Flex>
      {actions ? (
        <Flex wrap gap={8}>
          {actions}
        </Flex>
      ) : null}
    </Flex>
  );
}

/** Width of one toolbar control: grows to fill a phone row, stays compact on a desktop. */
export const toolbarItemStyle = { flex: '1 1 150px', maxWidth: 260, minWidth: 0 } as const;

export function SearchBox({
  value,
  onSearch,
  placeholder,
}: {
  value: string;
  onSearch: (q: string) => void;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  return (
    <Input.Search
      // Remount when the URL changes the value (back button), keep typing local otherwise.
      key={value}
      defaultValue={value}
      allowClear
      placeholder={placeholder ?? t('common.search')}
      onSearch={onSearch}
      style={toolbarItemStyle}
      data-testid="list-search"
    />
  );
}

/** 全部 / 启用 / 停用 filter bound to `?active=`. */
export function ActiveFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      value={value ?? ''}
      onChange={(v) => onChange(v || undefined)}
      style={toolbarItemStyle}
      aria-label={t('common.status')}
      options={[
        { value: '', label: t('common.allStatuses') },
        { value: 'true', label: t('common.active') },
        { value: 'false', label: t('common.inactive') },
      ]}
    />
  );
}
