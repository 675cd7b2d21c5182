import { Input } from 'antd';
import { toolbarItemStyle } from './ListToolbar.tsx';

/** A free-text filter (城市, 科室 …) applied on Enter or when cleared. */
export function TextFilter({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder: string;
  testId?: string;
}) {
  return (
    <Input.Search
      // Remount when the URL changes the value (a saved view, back button).
      key={value ?? ''}
      defaultValue={value}
      allowClear
      placeholder={placeholder}
      aria-label={placeholder}
      onSearch={(v) => onChange(v.trim() || undefined)}
      style={toolbarItemStyle}
      data-testid={testId}
    />
  );
}
