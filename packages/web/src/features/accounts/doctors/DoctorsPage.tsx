import { useState } from 'react';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { FormModal } from '../../../app/ui/FormModal.tsx';
import { useCurrentUser } from '../../auth/auth.api.ts';
import { mayWriteAccounts } from '../accounts.api.ts';
import { DoctorForm } from './DoctorForm.tsx';
import { DoctorList } from './DoctorList.tsx';

/** 医生: the doctors of the caller's scope. */
export default function DoctorsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <div>
      <PageHeader
        title={t('nav.doctors')}
        extra={
          mayWriteAccounts(me.role) ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="create-doctor">
              {t('accounts.doctor.create')}
            </Button>
          ) : null
        }
      />
      <DoctorList />
      <FormModal title={t('accounts.doctor.create')} open={creating} onClose={() => setCreating(false)}>
        <DoctorForm
          onDone={(saved) => {
            setCreating(false);
            if (saved) void navigate(`/doctors/${saved.id}`);
          }}
        />
      </FormModal>
    </div>
  );
}
