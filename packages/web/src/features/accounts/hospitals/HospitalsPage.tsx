import { useState } from 'react';
import { Button, Select, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hospitalGrades } from '@keqing/shared';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { FormModal } from '../../../app/ui/FormModal.tsx';
import { toolbarItemStyle } from '../../../app/ui/ListToolbar.tsx';
import { TextFilter } from '../../../app/ui/TextFilter.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { AccountList, type ListColumn } from '../AccountList.tsx';
import { mayWriteMasterData, type Hospital } from '../accounts.api.ts';
import { gradeColor, hospitalTypeLabel, hospitalTypeOptions, levelLabel, levelOptions } from '../labels.ts';
import { HospitalForm } from './HospitalForm.tsx';

const filters = ['level', 'type', 'grade', 'city'] as const;

export function GradeTag({ grade, score }: { grade: string | null; score?: number | null }) {
  const { t } = useTranslation();
  if (!grade) return <Typography.Text type="secondary">{t('accounts.ungraded')}</Typography.Text>;
  return (
    <Tag color={gradeColor(grade)} style={{ marginInlineEnd: 0 }}>
      {grade}
      {score !== null && score !== undefined ? ` · ${score}` : ''}
    </Tag>
  );
}

/** 医院: the hospitals in the caller's scope (all for admins and compliance). */
export default function HospitalsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [creating, setCreating] = useState(false);

  const columns: ListColumn<Hospital>[] = [
    {
      key: 'name',
      title: t('accounts.hospital.name'),
      locked: true,
      sortable: true,
      render: (h) => (
        <span>
          <Link to={`/hospitals/${h.id}`} data-testid="hospital-link">
            {h.name}
          </Link>
          {h.alias ? <Typography.Text type="secondary"> （{h.alias}）</Typography.Text> : null}
        </span>
      ),
    },
    { key: 'code', title: t('accounts.code'), optional: true, render: (h) => h.code ?? '' },
    {
      key: 'level',
      title: t('accounts.hospital.level'),
      sortable: true,
      render: (h) => levelLabel(h.level, t),
    },
    {
      key: 'type',
      title: t('accounts.hospital.type'),
      sortable: true,
      render: (h) => hospitalTypeLabel(h.type, t),
    },
    {
      key: 'grade',
      title: t('accounts.hospital.grade'),
      sortable: true,
      render: (h) => <GradeTag grade={h.grade} score={h.gradeScore} />,
    },
    {
      key: 'city',
      title: t('accounts.hospital.region'),
      sortable: true,
      render: (h) =>
        [h.province === h.city ? null : h.province, h.city, h.district].filter(Boolean).join(' '),
    },
    {
      key: 'beds',
      title: t('accounts.hospital.beds'),
      sortable: true,
      align: 'right',
      render: (h) => formatNumber(h.beds),
    },
    {
      key: 'outpatientsPerDay',
      title: t('accounts.hospital.outpatients'),
      sortable: true,
      align: 'right',
      render: (h) => formatNumber(h.outpatientsPerDay),
    },
    {
      key: 'drugUseLevel',
      title: t('accounts.hospital.drugUseLevel'),
      optional: true,
      align: 'right',
      render: (h) => h.drugUseLevel ?? '',
    },
    {
      key: 'competitorCount',
      title: t('accounts.hospital.competitorCount'),
      optional: true,
      align: 'right',
      render: (h) => h.competitorCount ?? '',
    },
    { key: 'address', title: t('accounts.hospital.address'), optional: true, render: (h) => h.address ?? '' },
    {
      key: 'updatedAt',
      title: t('common.updatedAt'),
      optional: true,
      sortable: true,
      render: (h) => formatDate(h.updatedAt),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('nav.hospitals')}
        extra={
          mayWriteMasterData(me.role) ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="create-hospital">
              {t('accounts.hospital.create')}
            </Button>
          ) : null
        }
      />
      <AccountList<Hospital, (typeof filters)[number]>
        listKind="hospitals"
        resource="hospitals"
        exportName={t('nav.hospitals')}
        filters={filters}
        columns={() => columns}
        searchPlaceholder={t('lists.searchHospital')}
        testId="hospitals"
        renderFilters={(list) => (
          <>
            <Select
              allowClear
              placeholder={t('accounts.hospital.allLevels')}
              value={list.filters.level}
              onChange={(v?: string) => list.setFilter('level', v)}
              options={levelOptions(t)}
              style={toolbarItemStyle}
              data-testid="filter-level"
            />
            <Select
              allowClear
              placeholder={t('accounts.hospital.allTypes')}
              value={list.filters.type}
              onChange={(v?: string) => list.setFilter('type', v)}
              options={hospitalTypeOptions(t)}
              style={toolbarItemStyle}
            />
            <Select
              allowClear
              placeholder={t('accounts.hospital.allGrades')}
              value={list.filters.grade}
              onChange={(v?: string) => list.setFilter('grade', v)}
              options={hospitalGrades.map((g) => ({ value: g, label: t('accounts.gradeN', { grade: g }) }))}
              style={toolbarItemStyle}
              data-testid="filter-grade"
            />
            <TextFilter
              value={list.filters.city}
              onChange={(v) => list.setFilter('city', v)}
              placeholder={t('accounts.city')}
            />
          </>
        )}
      />
      <FormModal title={t('accounts.hospital.create')} open={creating} onClose={() => setCreating(false)}>
        <HospitalForm onDone={() => setCreating(false)} />
      </FormModal>
    </div>
  );
}
