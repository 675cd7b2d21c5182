import type { CSSProperties } from 'react';
import { Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { halfDays, type ClinicSlot } from '@keqing/shared';

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
type Weekday = (typeof weekdays)[number];

const cell: CSSProperties = {
  border: '1px solid #f0f0f0',
  padding: '6px 4px',
  textAlign: 'center',
  minWidth: 32,
};

/** Slots in week order (Monday morning first), so the stored list does not depend on click order. */
function sorted(slots: ClinicSlot[]): ClinicSlot[] {
  return [...slots].sort((a, b) => a.weekday - b.weekday || a.halfDay.localeCompare(b.halfDay));
}

/** “周一上午、周三下午”: the schedule as one line, for lists. */
export function clinicSummary(slots: ClinicSlot[], t: TFunction): string {
  return sorted(slots)
    .map((s) => `${t(`clinic.weekday.d${s.weekday as Weekday}`)}${t(`clinic.${s.halfDay}`)}`)
    .join(t('common.listSeparator'));
}

/**
 * 门诊时间: weekday × morning/afternoon. Read-only it marks the clinic half-days; with `onChange` each
 * cell is a checkbox (a form control: `value`/`onChange` as Form.Item passes them).
 */
export function ClinicGrid({
  value = [],
  onChange,
}: {
  value?: ClinicSlot[];
  onChange?: (v: ClinicSlot[]) => void;
}) {
  const { t } = useTranslation();
  const has = (weekday: number, halfDay: 'am' | 'pm') =>
    value.some((s) => s.weekday === weekday && s.halfDay === halfDay);
  const toggle = (weekday: number, halfDay: 'am' | 'pm', on: boolean) => {
    const rest = value.filter((s) => !(s.weekday === weekday && s.halfDay === halfDay));
    onChange?.(sorted(on ? [...rest, { weekday, halfDay }] : rest));
  };
  return (
    <div style={{ overflowX: 'auto' }} data-testid="clinic-grid">
      <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13 }}>
        <thead>
          <tr>
            <th style={{ ...cell, background: '#fafafa' }} />
            {weekdays.map((d) => (
              <th key={d} style={{ ...cell, background: '#fafafa', fontWeight: 500 }}>
                {t(`clinic.weekdayShort.d${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {halfDays.map((h) => (
            <tr key={h}>
              <th style={{ ...cell, background: '#fafafa', fontWeight: 500, whiteSpace: 'nowrap' }}>
                {t(`clinic.${h}`)}
              </th>
              {weekdays.map((d) => {
                const on = has(d, h);
                return (
                  <td
                    key={d}
                    style={{ ...cell, background: on ? '#e6f4ff' : undefined }}
                    data-testid={`clinic-${d}-${h}`}
                    aria-label={`${t(`clinic.weekday.d${d}`)}${t(`clinic.${h}`)}`}
                  >
                    {onChange ? (
                      <Checkbox checked={on} onChange={(e) => toggle(d, h, e.target.checked)} />
                    ) : on ? (
                      <span style={{ color: '#1677ff', fontWeight: 600 }}>{t('clinic.mark')}</span>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
