import { lazy, Suspense, type ReactNode } from 'react';
import { Breadcrumb, Button, Card, Empty, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../../lib/api.ts';
import { useDetail } from '../../../lib/resources.ts';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { PageSpin } from '../../../app/PageSpin.tsx';
import { useDoctorSegmentation } from '../../segmentation/segmentation.api.ts';
import type { DoctorDetail } from '../accounts.api.ts';
import { StageTag } from '../doctors/DoctorList.tsx';
import { genderLabel, gradeColor, titleLabel } from '../labels.ts';
import { PersonalTab } from './PersonalTab.tsx';
import { ProfileTab } from './ProfileTab.tsx';
import { useSearchParamsUpdate } from '../../../lib/search-params.ts';
import { CompetitorPressureCard } from '../../competitors/CompetitorPressureCard.tsx';

// The scores tab carries the chart (ECharts); stage and KOL forms and the calls table are only needed when opened.
const ScoresTab = lazy(() => import('../../segmentation/doctor/ScoresTab.tsx'));
const StageTab = lazy(() => import('../../segmentation/doctor/StageTab.tsx'));
const KolTab = lazy(() => import('../../segmentation/doctor/KolTab.tsx'));
const CallsTab = lazy(() => import('./CallsTab.tsx'));
const CareTab = lazy(() => import('../../care/DoctorCareTab.tsx'));

const tabs = ['profile', 'personal', 'scores', 'stage', 'kol', 'calls', 'care', 'next'] as const;
type TabKey = (typeof tabs)[number];

function Later() {
  const { t } = useTranslation();
  return <Empty description={t('doctor360.later')} data-testid="tab-later" />;
}

/** 医生 360°: everything about one doctor on one page, a tab per concern (later issues add theirs). */
export default function DoctorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [searchParams, updateSearchParams] = useSearchParamsUpdate();
  const tabParam = searchParams.get('tab');
  const tab: TabKey = tabs.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'profile';
  const { data: doctor, isPending, error, refetch } = useDetail<DoctorDetail>('doctors', id);
  const segmentation = useDoctorSegmentation(id);

  const back = <Link to="/doctors">{t('doctor360.backToList')}</Link>;
  if (isPending) return <Skeleton active />;
  if (error || !doctor) {
    const notFound = isApiError(error) && error.status === 404;
    const forbidden = isApiError(error) && error.status === 403;
    return (
      <Result
        status={notFound ? '404' : forbidden ? '403' : 'error'}
        title={
          notFound ? t('doctor360.notFound') : forbidden ? t('errors.forbiddenTitle') : t('errors.loadFailed')
        }
        subTitle={errorText(error)}
        extra={
          notFound || forbidden ? back : <Button onClick={() => void refetch()}>{t('common.retry')}</Button>
        }
      />
    );
  }

  const setTab = (key: string) => updateSearchParams({ tab: key });
  const lazyTab = (node: ReactNode) => <Suspense fallback={<PageSpin />}>{node}</Suspense>;
  const label = (key: TabKey) => <span data-testid={`doctor-tab-${key}`}>{t(`doctor360.tabs.${key}`)}</span>;

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: back }, { title: doctor.name }]} />
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="doctor-name">{doctor.name}</span>
            <StageTag stage={doctor.relationshipStage} />
            {segmentation.data?.kol ? <Tag color="purple">KOL</Tag> : null}
          </Space>
        }
        subTitle={
          <span>
            <Link to={`/hospitals/${doctor.hospitalId}`}>{doctor.hospitalName}</Link>
            {[
              doctor.departmentName,
              titleLabel(doctor.title, t),
              doctor.position,
              genderLabel(doctor.gender, t),
            ]
              .filter(Boolean)
              .map((part) => ` · ${part}`)
              .join('')}
          </span>
        }
      />
      {doctor.productStatuses.length > 0 ? (
        <Space size={[8, 8]} wrap style={{ marginBottom: 12 }} data-testid="doctor-grades">
          {doctor.productStatuses.map((s) => (
            <Tag key={s.productId} color={gradeColor(s.grade)}>
              {t('doctor360.gradeChip', { product: s.productName, grade: s.grade, visits: s.visitsPerCycle })}
            </Tag>
          ))}
        </Space>
      ) : (
        <Typography.Paragraph type="secondary">{t('doctor360.noScores')}</Typography.Paragraph>
      )}
      <CompetitorPressureCard doctorId={doctor.id} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'profile', label: label('profile'), children: <ProfileTab doctor={doctor} /> },
            { key: 'personal', label: label('personal'), children: <PersonalTab doctor={doctor} /> },
            { key: 'scores', label: label('scores'), children: lazyTab(<ScoresTab doctor={doctor} />) },
            { key: 'stage', label: label('stage'), children: lazyTab(<StageTab doctor={doctor} />) },
            { key: 'kol', label: label('kol'), children: lazyTab(<KolTab doctor={doctor} />) },
            { key: 'calls', label: label('calls'), children: lazyTab(<CallsTab doctor={doctor} />) },
            { key: 'care', label: label('care'), children: lazyTab(<CareTab doctor={doctor} />) },
            { key: 'next', label: label('next'), children: <Later /> },
          ]}
        />
      </Card>
    </div>
  );
}
