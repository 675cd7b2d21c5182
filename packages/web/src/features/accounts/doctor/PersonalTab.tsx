import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Result,
  Row,
  Skeleton,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../../lib/api.ts';
import { emptyToNull, useFormErrorHandler } from '../../../lib/form-errors.ts';
import { dateFormat, formatDate, formatDateTime } from '../../../lib/format.ts';
import { useCurrentUser } from '../../auth/auth.api.ts';
import {
  useDoctorProfile,
  useSaveDoctorProfile,
  type DoctorDetail,
  type DoctorProfile,
} from '../accounts.api.ts';

type Values = {
  birthday: Dayjs | null;
  birthdayIsLunar: boolean;
  mobile?: string;
  wechat?: string;
  family?: string;
  hobbies?: string;
  preferences?: string;
  familyEvents?: string;
};

const toValues = (p: DoctorProfile): Values => ({
  birthday: p.birthday ? dayjs(p.birthday) : null,
  birthdayIsLunar: p.birthdayIsLunar,
  mobile: p.mobile ?? '',
  wechat: p.wechat ?? '',
  family: p.family ?? '',
  hobbies: p.hobbies ?? '',
  preferences: p.preferences ?? '',
  familyEvents: p.familyEvents ?? '',
});

function LockIcon() {
  return (
    <svg viewBox="0 0 24 24" width="56" height="56" aria-hidden="true" focusable="false">
      <rect x="4" y="10" width="16" height="11" rx="2" fill="none" stroke="#faad14" strokeWidth="2" />
      <path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="#faad14" strokeWidth="2" />
    </svg>
  );
}

/**
 * 个人信息 (PIPL sensitive personal data): read only by the reps covering the doctor, their managers and
 * compliance; anyone else gets the server's refusal in a locked card. Reps and managers may change it.
 */
export function PersonalTab({ doctor }: { doctor: DoctorDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const profile = useDoctorProfile(doctor.id, true);
  const save = useSaveDoctorProfile(doctor.id);
  const onFormError = useFormErrorHandler();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState(false);
  const writable = doctor.mayEdit && (me.role === 'rep' || me.role === 'manager');

  useEffect(() => {
    if (profile.data && !editing) form.setFieldsValue(toValues(profile.data));
  }, [profile.data, editing, form]);

  if (profile.isPending) return <Skeleton active />;
  if (profile.error) {
    const refused = isApiError(profile.error) && profile.error.status === 403;
    return (
      <Card data-testid={refused ? 'personal-locked' : 'personal-error'}>
        <Result
          icon={refused ? <LockIcon /> : undefined}
          status={refused ? undefined : 'error'}
          title={refused ? t('doctor360.personal.locked') : t('errors.loadFailed')}
          subTitle={errorText(profile.error)}
        />
      </Card>
    );
  }
  const data = profile.data;

  const onFinish = (v: Values) =>
    save.mutate(
      {
        birthday: v.birthday ? v.birthday.format(dateFormat) : null,
        birthdayIsLunar: v.birthdayIsLunar,
        mobile: emptyToNull(v.mobile),
        wechat: emptyToNull(v.wechat),
        family: emptyToNull(v.family),
        hobbies: emptyToNull(v.hobbies),
        preferences: emptyToNull(v.preferences),
        familyEvents: emptyToNull(v.familyEvents),
        version: data.version,
      },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          setEditing(false);
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
            void message.error(e.message);
            void profile.refetch();
            return;
          }
          onFormError(form, e);
        },
      },
    );

  return (
    <div data-testid="personal-data">
      <Card
        size="small"
        title={t('doctor360.personal.title')}
        extra={
          writable && !editing ? (
            <Button size="small" onClick={() => setEditing(true)} data-testid="edit-personal">
              {t('common.edit')}
            </Button>
          ) : null
        }
      >
        <p style={{ marginTop: 0, color: '#8c8c8c', fontSize: 12 }}>{t('doctor360.personal.pipl')}</p>
        {editing ? (
          <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={toValues(data)}>
            <Row gutter={12}>
              <Col xs={12}>
                <Form.Item label={t('doctor360.personal.birthday')} name="birthday">
                  <DatePicker
                    format={dateFormat}
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isAfter(dayjs())}
                  />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item label=" " name="birthdayIsLunar" valuePropName="checked">
                  <Checkbox>{t('doctor360.personal.lunar')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item label={t('doctor360.personal.mobile')} name="mobile">
                  <Input inputMode="tel" maxLength={20} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item label={t('doctor360.personal.wechat')} name="wechat">
                  <Input maxLength={50} autoComplete="off" />
                </Form.Item>
              </Col>
              {(['family', 'hobbies', 'preferences', 'familyEvents'] as const).map((field) => (
                <Col xs={24} sm={12} key={field}>
                  <Form.Item label={t(`doctor360.personal.${field}`)} name={field}>
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
              <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-personal">
                {t('common.save')}
              </Button>
            </div>
          </Form>
        ) : (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              {
                key: 'birthday',
                label: t('doctor360.personal.birthday'),
                children: data.birthday
                  ? `${formatDate(data.birthday)}${data.birthdayIsLunar ? `（${t('doctor360.personal.lunarShort')}）` : ''}`
                  : '—',
              },
              { key: 'mobile', label: t('doctor360.personal.mobile'), children: data.mobile || '—' },
              { key: 'wechat', label: t('doctor360.personal.wechat'), children: data.wechat || '—' },
              { key: 'family', label: t('doctor360.personal.family'), children: data.family || '—' },
              { key: 'hobbies', label: t('doctor360.personal.hobbies'), children: data.hobbies || '—' },
              {
                key: 'preferences',
                label: t('doctor360.personal.preferences'),
                children: data.preferences || '—',
              },
              {
                key: 'familyEvents',
                label: t('doctor360.personal.familyEvents'),
                children: data.familyEvents || '—',
              },
              {
                key: 'updated',
                label: t('common.updatedAt'),
                children: data.updatedAt ? formatDateTime(data.updatedAt) : t('doctor360.personal.never'),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
