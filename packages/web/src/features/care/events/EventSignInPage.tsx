import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Flex, Input, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../../lib/api.ts';
import '../../../lib/locales/events.ts';
import { useEventSignIn, usePublicEvent } from './events.api.ts';

/** 会议签到 /e/:token: an invited doctor signs in by name on a phone, without an account. */
export default function EventSignInPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const event = usePublicEvent(token);
  const signIn = useEventSignIn(token);
  const [name, setName] = useState('');
  const [empty, setEmpty] = useState(false);

  const shell = (content: ReactNode) => (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16, minHeight: '100vh', background: '#f5f5f5' }}>
      {content}
    </div>
  );
  if (event.isPending)
    return shell(
      <Flex justify="center" style={{ paddingTop: 80 }}>
        <Spin />
      </Flex>,
    );
  if (event.isError) {
    const e = event.error;
    return shell(
      <Result
        status="warning"
        title={t('events.errorTitle')}
        subTitle={isApiError(e) && e.code === 'NOT_FOUND' ? t('events.notFound') : errorText(e)}
        data-testid="event-sign-in-error"
      />,
    );
  }
  if (signIn.data)
    return shell(
      <Result
        status="success"
        title={t('events.signedIn')}
        subTitle={t(signIn.data.alreadySignedIn ? 'events.alreadySignedIn' : 'events.signedInAs', {
          name: signIn.data.doctorName,
        })}
        data-testid="event-signed-in"
      />,
    );
  const e = event.data;
  const submit = () => {
    if (!name.trim()) return setEmpty(true);
    setEmpty(false);
    signIn.mutate({ name: name.trim() });
  };
  return shell(
    <Flex vertical gap={12} data-testid="event-sign-in-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('events.signInTitle')}
      </Typography.Title>
      <Card size="small">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {e.topic}
        </Typography.Title>
        <Typography.Text>
          {e.eventDate} {e.startTime ?? ''}
        </Typography.Text>
        <br />
        <Typography.Text type="secondary">{e.place}</Typography.Text>
      </Card>
      {!e.signInOpen ? <Alert type="warning" showIcon title={t('events.notOpen')} /> : null}
      <Card size="small">
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('events.yourName')}
        </Typography.Text>
        <Input
          size="large"
          value={name}
          maxLength={30}
          onChange={(ev) => setName(ev.target.value)}
          onPressEnter={submit}
          style={{ marginTop: 12 }}
          status={empty ? 'error' : undefined}
          data-testid="event-sign-in-name"
        />
        {empty ? <Typography.Text type="danger">{t('events.nameRequired')}</Typography.Text> : null}
      </Card>
      {signIn.isError ? (
        <Alert type="error" showIcon title={errorText(signIn.error)} data-testid="event-sign-in-failed" />
      ) : null}
      <Button
        type="primary"
        size="large"
        block
        style={{ height: 52, fontSize: 18 }}
        loading={signIn.isPending}
        onClick={submit}
        data-testid="event-sign-in-submit"
      >
        {t('events.signIn')}
      </Button>
    </Flex>,
  );
}
