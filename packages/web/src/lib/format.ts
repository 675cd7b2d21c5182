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

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money kept in integer fen 分 shown as `¥1,234.50`; empty text for a missing value. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return `${fen < 0 ? '-' : ''}¥${yuanFormat.format(Math.abs(fen) / 100)}`;
}

const chinaDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in China (the calendar the server checks dates against), whatever the browser's time zone. */
export function chinaToday(): string {
  return chinaDateFormat.format(new Date());
}

/** For DatePicker `disabledDate`: days after today in China. */
export function isAfterChinaToday(day: { format: (f: string) => string }): boolean {
  return day.format(dateFormat) > chinaToday();
}
