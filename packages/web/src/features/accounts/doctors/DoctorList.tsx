import type { ReactNode } from 'react';
import { Select, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { relationshipStages } from '@keqing/shared';
import type { QueryParams } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { toolbarItemStyle } from '../../../app/ui/ListToolbar.tsx';
import { TextFilter } from '../../../app/ui/TextFilter.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { useDoctorGrading } from '../../segmentation/segmentation.api.ts';
import { AccountList, type ListColumn } from '../AccountList.tsx';
import { useHospitalSelect, useProductOptions, type Doctor } from '../accounts.api.ts';
import {
  adoptionLabel,
  channelLabel,
  genderLabel,
  gradeColor,
  personalityLabel,
  stageLabel,
  statusLabel,
  titleLabel,
  titleOptions,
  useLocalized,
} from '../labels.ts';
import { clinicSummary } from './ClinicGrid.tsx';

const doctorFilters = [
  'productId',
  'grade',
  'hospitalId',
  'city',
  'departmentName',
  'title',
  'relationshipStage',
] as const;

/** Sort fields the server accepts only together with a product. */
const productSorts = ['grade', 'prescriptionStatus', 'prescriptionPotential', 'visitsPerCycle'];

export function StageTag({ stage }: { stage: number | null }) {
  const pick = useLocalized();
  if (stage === null) return null;
  const colors = ['default', 'orange', 'gold', 'green', 'purple'];
  return <Tag color={colors[stage] ?? 'default'}>{stageLabel(stage, pick)}</Tag>;
}

/**
 * 医生列表: search by name or pinyin initials, filters (a product adds its status, potential, grade and
 * calls per cycle as columns), sort, columns, saved views and export. On a hospital page `hospitalId`
 * fixes the hospital.
 */
export function DoctorList({
  hospitalId,
  prefix,
  actions,
}: {
  hospitalId?: string;
  prefix?: string;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const me = useCurrentUser();
  const products = useProductOptions();
  const grading = useDoctorGrading();
  const hospitals = useHospitalSelect();
  const fixedQuery: QueryParams | undefined = hospitalId ? { hospitalId } : undefined;

  const columns = (productId: string | undefined): ListColumn<Doctor>[] => [
    {
      key: 'name',
      title: t('accounts.doctor.name'),
      locked: true,
      sortable: true,
      render: (d) => (
        <Link to={`/doctors/${d.id}`} data-testid="doctor-link">
          {d.name}
        </Link>
      ),
    },
    {
      key: 'gender',
      title: t('accounts.doctor.gender'),
      optional: true,
      render: (d) => genderLabel(d.gender, t),
    },
    ...(hospitalId
      ? []
      : [
          {
            key: 'hospitalName',
            title: t('accounts.hospital.name'),
            sortable: true,
            render: (d: Doctor) => <Link to={`/hospitals/${d.hospitalId}`}>{d.hospitalName}</Link>,
          },
        ]),
    {
      key: 'departmentName',
      title: t('accounts.department.name'),
      sortable: true,
      render: (d) => d.departmentName ?? '',
    },
    {
      key: 'title',
      title: t('accounts.doctor.title'),
      sortable: true,
      render: (d) => titleLabel(d.title, t),
    },
    { key: 'position', title: t('accounts.doctor.position'), render: (d) => d.position ?? '' },
    ...(productId
      ? ([
          {
            key: 'prescriptionStatus',
            title: t('segmentation.status'),
            sortable: true,
            render: (d) =>
              d.productStatus ? statusLabel(d.productStatus.prescriptionStatus, pick) : <NotScored />,
          },
          {
            key: 'prescriptionPotential',
            title: t('segmentation.potential'),
            sortable: true,
            align: 'right',
            render: (d) => d.productStatus?.prescriptionPotential ?? '',
          },
          {
            key: 'grade',
            title: t('segmentation.grade'),
            sortable: true,
            render: (d) =>
              d.productStatus ? (
                <Tag color={gradeColor(d.productStatus.grade)}>{d.productStatus.grade}</Tag>
              ) : (
                ''
              ),
          },
          {
            key: 'visitsPerCycle',
            title: t('segmentation.visitsPerCycle'),
            sortable: true,
            align: 'right',
            render: (d) => d.productStatus?.visitsPerCycle ?? '',
          },
          {
            key: 'adoptionStep',
            title: t('segmentation.ladder'),
            optional: true,
            render: (d) => adoptionLabel(d.productStatus?.adoptionStep, pick),
          },
          {
            key: 'assessedOn',
            title: t('segmentation.assessedOn'),
            optional: true,
            render: (d) => formatDate(d.productStatus?.assessedOn),
          },
        ] satisfies ListColumn<Doctor>[])
      : []),
    {
      key: 'relationshipStage',
      title: t('segmentation.stage'),
      sortable: true,
      render: (d) => <StageTag stage={d.relationshipStage} />,
    },
    { key: 'city', title: t('accounts.city'), optional: true, render: (d) => d.city },
    {
      key: 'personalityType',
      title: t('accounts.doctor.personality'),
      optional: true,
      render: (d) => personalityLabel(d.personalityType, t),
    },
    {
      key: 'clinicSchedule',
      title: t('accounts.doctor.clinicSchedule'),
      optional: true,
      render: (d) => clinicSummary(d.clinicSchedule, t),
    },
    { key: 'phone', title: t('accounts.doctor.phone'), optional: true, render: (d) => d.phone ?? '' },
    {
      key: 'preferredChannel',
      title: t('accounts.doctor.preferredChannel'),
      optional: true,
      render: (d) => channelLabel(d.preferredChannel, pick),
    },
    {
      key: 'bestVisitTime',
      title: t('accounts.doctor.bestVisitTime'),
      optional: true,
      render: (d) => d.bestVisitTime ?? '',
    },
    {
      key: 'updatedAt',
      title: t('common.updatedAt'),
      optional: true,
      sortable: true,
      render: (d) => formatDate(d.updatedAt),
    },
  ];

  return (
    <AccountList<Doctor, (typeof doctorFilters)[number]>
      listKind="doctors"
      resource="doctors"
      exportName={t('nav.doctors')}
      prefix={prefix}
      filters={doctorFilters}
      fixedQuery={fixedQuery}
      columns={(list) => columns(list.filters.productId)}
      testId={prefix ? `doctors-${prefix}` : 'doctors'}
      actions={actions}
      continuousScroll
      exportExtra={
        me.role === 'admin'
          ? () => [
              {
                key: 'personal',
                label: t('accounts.doctor.exportPersonal'),
                query: { includePersonal: 'true' },
                confirm: t('accounts.doctor.exportPersonalConfirm'),
              },
            ]
          : undefined
      }
      renderFilters={(list) => {
        const clearProduct = () =>
          list.replaceAll({
            q: list.q,
            pageSize: list.pageSize,
            sort: list.sort && productSorts.includes(list.sort.replace(/^-/, '')) ? undefined : list.sort,
            filters: Object.fromEntries(
              Object.entries(list.filters).filter(
                (e): e is [string, string] => !!e[1] && e[0] !== 'productId' && e[0] !== 'grade',
              ),
            ),
          });
        return (
          <>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('accounts.allProducts')}
              value={list.filters.productId}
              onChange={(v?: string) => (v ? list.setFilter('productId', v) : clearProduct())}
              options={products.options}
              loading={products.loading}
              style={toolbarItemStyle}
              data-testid="filter-product"
            />
            <Select
              allowClear
              placeholder={list.filters.productId ? t('accounts.allGrades') : t('accounts.gradeNeedsProduct')}
              disabled={!list.filters.productId}
              value={list.filters.grade}
              onChange={(v?: string) => list.setFilter('grade', v)}
              options={(grading.data?.config.grades ?? ['A', 'B', 'C']).map((g) => ({
                value: g,
                label: t('accounts.gradeN', { grade: g }),
              }))}
              style={toolbarItemStyle}
              data-testid="filter-grade"
            />
            {hospitalId ? null : (
              <Select
                allowClear
                placeholder={t('accounts.allHospitals')}
                value={list.filters.hospitalId}
                onChange={(v?: string) => list.setFilter('hospitalId', v)}
                style={toolbarItemStyle}
                {...hospitals.selectProps}
              />
            )}
            {hospitalId ? null : (
              <TextFilter
                value={list.filters.city}
                onChange={(v) => list.setFilter('city', v)}
                placeholder={t('accounts.city')}
              />
            )}
            <TextFilter
              value={list.filters.departmentName}
              onChange={(v) => list.setFilter('departmentName', v)}
              placeholder={t('accounts.department.name')}
            />
            <Select
              allowClear
              placeholder={t('accounts.doctor.allTitles')}
              value={list.filters.title}
              onChange={(v?: string) => list.setFilter('title', v)}
              options={titleOptions(t)}
              style={toolbarItemStyle}
            />
            <Select
              allowClear
              placeholder={t('accounts.doctor.allStages')}
              value={list.filters.relationshipStage}
              onChange={(v?: string) => list.setFilter('relationshipStage', v)}
              options={relationshipStages.map((s) => ({ value: String(s), label: stageLabel(s, pick) }))}
              style={toolbarItemStyle}
            />
          </>
        );
      }}
    />
  );
}

function NotScored() {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('segmentation.notScored')}</Typography.Text>;
}
