import type { ReactNode } from 'react';
import { Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OutlierKind } from '@keqing/shared';
import { formatNumber } from '../../lib/format.ts';

/** `72.5%`, or a dash when there is nothing to divide by (no targets, quota 0). */
export function pctText(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value)}%`;
}

/** A figure that opens the records behind it; plain text when there is no list to open. */
export function FigureLink({ to, children, testId }: { to?: string; children: ReactNode; testId?: string }) {
  if (!to) return <>{children}</>;
  return (
    <Link to={to} data-testid={testId}>
      {children}
    </Link>
  );
}

/** Calls per working day, red outside the 10–15 norm. */
export function CallsPerDay({ value, min, max }: { value: number | null; min: number; max: number }) {
  const { t } = useTranslation();
  if (value === null) return <>—</>;
  const outside = value < min || value > max;
  const text = formatNumber(value);
  return outside ? (
    <Tooltip title={t('analytics.outsideNorm')}>
      <Typography.Text type="danger">{text}</Typography.Text>
    </Tooltip>
  ) : (
    <>{text}</>
  );
}

/** The outliers of a rep as red tags (the message from the server says why). */
export function OutlierTags({ outliers }: { outliers: { kind: OutlierKind; message: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      {outliers.map((o) => (
        <Tooltip key={o.kind} title={o.message}>
          <Tag color="red" style={{ marginInlineEnd: 4 }} data-testid={`outlier-${o.kind}`}>
            {t(`analytics.outliers.${o.kind}`)}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}
