import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format.ts';
import { FormModal } from '../../../app/ui/FormModal.tsx';
import type { DoctorDetail } from '../accounts.api.ts';
import { ClinicGrid } from '../doctors/ClinicGrid.tsx';
import { DoctorForm } from '../doctors/DoctorForm.tsx';
import { channelLabel, genderLabel, levelLabel, titleLabel, useLocalized } from '../labels.ts';
import { GradeTag } from '../hospitals/HospitalsPage.tsx';

/** 档案: the doctor's work profile, clinic half-days and personality with how to approach it. */
export function ProfileTab({ doctor }: { doctor: DoctorDetail }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const [editing, setEditing] = useState(false);
  const dash = (v: string | null | undefined) => v || '—';

  return (
    <div data-testid="doctor-profile">
      {doctor.mayEdit ? (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button onClick={() => setEditing(true)} data-testid="edit-doctor">
            {t('common.edit')}
          </Button>
        </Flex>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            bordered
            items={[
              { key: 'name', label: t('accounts.doctor.name'), children: doctor.name },
              {
                key: 'gender',
                label: t('accounts.doctor.gender'),
                children: dash(genderLabel(doctor.gender, t)),
              },
              {
                key: 'hospital',
                label: t('accounts.hospital.name'),
                children: (
                  <span>
                    <Link to={`/hospitals/${doctor.hospitalId}`}>{doctor.hospital.name}</Link>{' '}
                    <GradeTag grade={doctor.hospital.grade} />
                    <div>
                      <Typography.Text type="secondary">
                        {doctor.hospital.city} · {levelLabel(doctor.hospital.level, t)}
                      </Typography.Text>
                    </div>
                  </span>
                ),
              },
              {
                key: 'department',
                label: t('accounts.department.name'),
                children: dash(doctor.departmentName),
              },
              {
                key: 'title',
                label: t('accounts.doctor.title'),
                children: dash(titleLabel(doctor.title, t)),
              },
              { key: 'position', label: t('accounts.doctor.position'), children: dash(doctor.position) },
              { key: 'phone', label: t('accounts.doctor.phone'), children: dash(doctor.phone) },
              {
                key: 'channel',
                label: t('accounts.doctor.preferredChannel'),
                children: dash(channelLabel(doctor.preferredChannel, pick)),
              },
              {
                key: 'best',
                label: t('accounts.doctor.bestVisitTime'),
                children: dash(doctor.bestVisitTime),
              },
              { key: 'code', label: t('accounts.code'), children: dash(doctor.code) },
              { key: 'notes', label: t('accounts.notes'), span: 'filled', children: dash(doctor.notes) },
              { key: 'updated', label: t('common.updatedAt'), children: formatDate(doctor.updatedAt) },
            ]}
          />
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={t('accounts.doctor.personality')}
            style={{ marginBottom: 16 }}
            data-testid="personality"
          >
            {doctor.personality ? (
              <div>
                <Typography.Text strong>{doctor.personality.label}</Typography.Text>
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
                  {doctor.personality.traits}
                </Typography.Paragraph>
                <Alert
                  type="info"
                  showIcon
                  title={t('doctor360.copingTip')}
                  description={doctor.personality.tip}
                />
              </div>
            ) : (
              <Typography.Text type="secondary">{t('doctor360.noPersonality')}</Typography.Text>
            )}
          </Card>
          <Card size="small" title={t('accounts.doctor.clinicSchedule')}>
            <ClinicGrid value={doctor.clinicSchedule} />
            {doctor.clinicSchedule.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('doctor360.noClinic')}
              </Typography.Text>
            ) : null}
          </Card>
        </Col>
      </Row>
      <FormModal title={t('accounts.doctor.edit')} open={editing} onClose={() => setEditing(false)}>
        <DoctorForm record={doctor} onDone={() => setEditing(false)} />
      </FormModal>
    </div>
  );
}
