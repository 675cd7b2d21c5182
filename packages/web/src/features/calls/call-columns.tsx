import { Tag, Typography, type TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import type { Call } from './calls.api.ts';
import { callTypeLabel } from './labels.ts';

/** `achieved / all` objectives of a call (目标达成 x/y). */
export function objectivesAchieved(call: Pick<Call, 'objectives'>): string {
  return `${call.objectives.filter((o) => o.outcome === 'achieved').length} / ${call.objectives.length}`;
}

/**
 * The columns of a call list, by name, so 拜访记录 and the doctor's 拜访 tab show a call the same way;
 * each page picks its columns and adds sorting.
 */
export function callColumns(t: TFunction) {
  return {
    date: {
      title: t('calls.list.date'),
      key: 'startAt',
      dataIndex: 'startAt',
      render: (v: string, c) => (
        <Link to={`/calls/${c.id}`} data-testid="call-link">
          {formatDateTime(v)}
        </Link>
      ),
    },
    rep: { title: t('calls.list.rep'), key: 'ownerName', dataIndex: 'ownerName' },
    doctor: {
      title: t('calls.list.doctor'),
      key: 'doctorName',
      dataIndex: 'doctorName',
      render: (v: string, c) => <Link to={`/doctors/${c.doctorId}`}>{v}</Link>,
    },
    hospital: { title: t('calls.list.hospital'), key: 'hospitalName', dataIndex: 'hospitalName' },
    type: {
      title: t('calls.list.type'),
      key: 'type',
      dataIndex: 'type',
      render: (v: Call['type']) => callTypeLabel(v, t),
    },
    products: {
      title: t('calls.list.products'),
      key: 'products',
      render: (_: unknown, c) => c.products.map((p) => p.productName).join(t('common.listSeparator')),
    },
    objectives: {
      title: t('calls.list.objectives'),
      key: 'objectives',
      render: (_: unknown, c) => objectivesAchieved(c),
    },
    nextStep: {
      title: t('calls.list.nextStep'),
      key: 'nextStep',
      render: (_: unknown, c) =>
        c.nextStep ? (
          <Typography.Text style={{ maxWidth: 240 }} ellipsis={{ tooltip: c.nextStep }}>
            {c.nextStep}
            {c.nextStepDue ? (
              <Typography.Text type="secondary"> · {formatDate(c.nextStepDue)}</Typography.Text>
            ) : null}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    status: {
      title: t('calls.list.status'),
      key: 'status',
      dataIndex: 'status',
      render: (v: Call['status']) => (
        <Tag color={v === 'submitted' ? 'green' : 'default'}>{t(`calls.statuses.${v}`)}</Tag>
      ),
    },
  } satisfies Record<string, TableColumnType<Call>>;
}
