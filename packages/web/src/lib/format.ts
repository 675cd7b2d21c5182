import dayjs from 'dayjs';

export const dateFormat = 'YYYY-MM-DD';
export const dateTimeFormat = 'YYYY-MM-DD HH:mm';

const numberFormat = new Intl.NumberFormat('zh-CN');

/** `2026-11-23`; empty text for a missing value. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format(dateFormat) : value;
}

/** `2026-11-23 14:05` in the browser's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format(dateTimeFormat) : value;
}

/** Numbers always use Chinese grouping (1,234,567), whatever the UI language. */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : numberFormat.format(value);
}
