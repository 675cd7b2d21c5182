import { useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../../lib/api.ts';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { useDetail } from '../../../lib/resources.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { FormModal } from '../../../app/ui/FormModal.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { ListingsTable } from '../../segmentation/ListingsTable.tsx';
import { mayWriteAccounts, mayWriteMasterData, type HospitalDetail } from '../accounts.api.ts';
import { KeyContactList } from '../contacts/KeyContactList.tsx';
import { DoctorForm } from '../doctors/DoctorForm.tsx';
import { DoctorList } from '../doctors/DoctorList.tsx';
import { hospitalTypeLabel, levelLabel } from '../labels.ts';
import { DepartmentList } from './DepartmentList.tsx';
import { HospitalForm } from './HospitalForm.tsx';
import { GradeTag } from './HospitalsPage.tsx';
import { useSearchParamsUpdate } from '../../../lib/search-params.ts';
import { CompetitorPressureCard } from '../../competitors/CompetitorPressureCard.tsx';
import { HospitalPipelinesCard } from '../../pipeline/HospitalPipelinesCard.tsx';

const tabs = ['departments', 'doctors', 'contacts', 'listings'] as const;
type TabKey = (typeof tabs)[number];

/** 医院详情: profile, competition and grade, then its departments, doctors, key contacts and listings. */
export default function HospitalPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useCurrentUser();
  const [searchParams, updateSearchParams] = useSearchParamsUpdate();
  const tabParam = searchParams.get('tab');
  const tab: TabKey = tabs.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'departments';
  const { data: hospital, isPending, error, refetch } = useDetail<HospitalDetail>('hospitals', id);
  const [dialog, setDialog] = useState<{ open: boolean; kind: 'edit' | 'doctor' }>({
    open: false,
    kind: 'edit',
  });
  const close = () => setDialog((d) => ({ ...d, open: false }));

  const back = <Link to="/hospitals">{t('accounts.hospital.backToList')}</Link>;
  if (isPending) return <Skeleton active />;
  if (error || !hospital) {
    const notFound = isApiError(error) && error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('accounts.hospital.notFound') : t('errors.loadFailed')}
        subTitle={errorText(error)}
        extra={notFound ? back : <Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }

  const writable = mayWriteAccounts(me.role);
  const ref = { id: hospital.id, name: hospital.name };
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no'));
  const dash = (v: string | number | null) => (v === null || v === '' ? '—' : v);

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: back }, { title: hospital.name }]} />
      <PageHeader
        title={
          <span data-testid="hospital-title">
            {hospital.name} <GradeTag grade={hospital.grade} />
          </span>
        }
        subTitle={[hospital.alias, levelLabel(hospital.level, t), hospitalTypeLabel(hospital.type, t)]
          .filter(Boolean)
          .join(' · ')}
        extra={
          mayWriteMasterData(me.role) ? (
            <Button onClick={() => setDialog({ open: true, kind: 'edit' })} data-testid="edit-hospital">
              {t('common.edit')}
            </Button>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }} title={t('accounts.hospital.profile')}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          size="small"
          items={[
            { key: 'code', label: t('accounts.code'), children: dash(hospital.code) },
            {
              key: 'region',
              label: t('accounts.hospital.region'),
              children: [hospital.province, hospital.city, hospital.district].filter(Boolean).join(' '),
            },
            { key: 'address', label: t('accounts.hospital.address'), children: dash(hospital.address) },
            {
              key: 'coordinates',
              label: t('accounts.hospital.coordinates'),
              children:
                hospital.latitude === null || hospital.longitude === null ? (
                  '—'
                ) : (
                  <span data-testid="hospital-coordinates">
                    {hospital.latitude}, {hospital.longitude}
                  </span>
                ),
            },
            { key: 'beds', label: t('accounts.hospital.beds'), children: formatNumber(hospital.beds) || '—' },
            {
              key: 'outpatients',
              label: t('accounts.hospital.outpatients'),
              children: formatNumber(hospital.outpatientsPerDay) || '—',
            },
            {
              key: 'drugUse',
              label: t('accounts.hospital.drugUseLevel'),
              children: dash(hospital.drugUseLevel),
            },
            {
              key: 'counts',
              label: t('accounts.hospital.counts'),
              children: t('accounts.hospital.countsValue', {
                departments: hospital.departments.length,
                doctors: hospital.doctorCount,
                contacts: hospital.keyContactCount,
              }),
            },
            { key: 'notes', label: t('accounts.notes'), span: 'filled', children: dash(hospital.notes) },
          ]}
        />
      </Card>
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))' }}>
        <Card
          title={t('accounts.hospital.competition')}
          style={{ marginBottom: 16 }}
          data-testid="competition"
        >
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'count',
                label: t('accounts.hospital.competitorCount'),
                children: dash(hospital.competitorCount),
              },
              {
                key: 'strength',
                label: t('accounts.hospital.competitionStrength'),
                children: dash(hospital.competitionStrength),
              },
              {
                key: 'dominant',
                label: t('accounts.hospital.dominantCompetitor'),
                children: hospital.hasDominantCompetitor ? (
                  <Tag color="red">{t('common.yes')}</Tag>
                ) : (
                  yesNo(hospital.hasDominantCompetitor)
                ),
              },
            ]}
          />
        </Card>
        <Card
          title={t('accounts.hospital.grading')}
          style={{ marginBottom: 16 }}
          data-testid="hospital-grade"
        >
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'grade',
                label: t('accounts.hospital.grade'),
                children: <GradeTag grade={hospital.grade} />,
              },
              { key: 'score', label: t('accounts.hospital.gradeScore'), children: dash(hospital.gradeScore) },
              {
                key: 'at',
                label: t('accounts.hospital.gradedAt'),
                children: formatDate(hospital.gradedAt) || '—',
              },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('accounts.hospital.gradeHint')}
          </Typography.Text>
        </Card>
      </div>
      <CompetitorPressureCard hospitalId={hospital.id} />
      <HospitalPipelinesCard hospitalId={hospital.id} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => updateSearchParams({ tab: key })}
          items={[
            {
              key: 'departments',
              label: <span data-testid="hospital-tab-departments">{t('accounts.department.title')}</span>,
              children: <DepartmentList hospitalId={hospital.id} writable={writable} />,
            },
            {
              key: 'doctors',
              label: <span data-testid="hospital-tab-doctors">{t('nav.doctors')}</span>,
              children: (
                <DoctorList
                  hospitalId={hospital.id}
                  prefix="doc"
                  actions={
                    writable ? (
                      <Button type="primary" onClick={() => setDialog({ open: true, kind: 'doctor' })}>
                        {t('accounts.doctor.create')}
                      </Button>
                    ) : null
                  }
                />
              ),
            },
            {
              key: 'contacts',
              label: <span data-testid="hospital-tab-contacts">{t('nav.key-contacts')}</span>,
              children: <KeyContactList hospital={ref} prefix="kc" />,
            },
            {
              key: 'listings',
              label: <span data-testid="hospital-tab-listings">{t('segmentation.listings')}</span>,
              children: <ListingsTable hospitalId={hospital.id} writable={writable} />,
            },
          ]}
        />
      </Card>
      <FormModal
        title={dialog.kind === 'edit' ? t('accounts.hospital.edit') : t('accounts.doctor.create')}
        open={dialog.open}
        onClose={close}
      >
        {dialog.kind === 'edit' ? (
          <HospitalForm record={hospital} onDone={close} />
        ) : (
          <DoctorForm hospital={ref} onDone={close} />
        )}
      </FormModal>
    </div>
  );
}
