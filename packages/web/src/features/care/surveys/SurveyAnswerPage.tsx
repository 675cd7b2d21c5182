import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Flex, Input, Radio, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { surveyDimensions, type SurveyDimension } from '@keqing/shared';
import { errorText, isApiError } from '../../../lib/api.ts';
import '../../../lib/locales/surveys.ts';
import { useAnswerSurvey, usePublicSurvey, type SurveyQuestion } from './surveys.api.ts';

const scores = [1, 2, 3, 4, 5] as const;
/** Big tap targets on a phone: five equal buttons across the width. */
const scoreButton = { flex: 1, height: 48, lineHeight: '46px', fontSize: 18, textAlign: 'center' } as const;

function ScoreButtons({
  value,
  onChange,
  testId,
}: {
  value: number | undefined;
  onChange: (v: number) => void;
  testId: string;
}) {
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange(e.target.value as number)}
      optionType="button"
      buttonStyle="solid"
      style={{ display: 'flex', width: '100%' }}
      data-testid={testId}
    >
      {scores.map((n) => (
        <Radio.Button key={n} value={n} style={scoreButton}>
          {/* the radio input itself is hidden: the visible label carries the test id */}
          <span data-testid={`${testId}-${n}`}>{n}</span>
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}

type Answers = Record<string, string | number>;

/** 公开问卷页 /s/:token: answered on a phone without signing in; one submit per link. */
export default function SurveyAnswerPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const survey = usePublicSurvey(token);
  const answer = useAnswerSurvey(token);
  const [dims, setDims] = useState<Partial<Record<SurveyDimension, number>>>({});
  const [answers, setAnswers] = useState<Answers>({});
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [done, setDone] = useState(false);

  const shell = (content: ReactNode) => (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16, minHeight: '100vh', background: '#f5f5f5' }}>
      {content}
    </div>
  );

  if (survey.isPending)
    return shell(
      <Flex justify="center" style={{ paddingTop: 80 }}>
        <Spin />
      </Flex>,
    );
  if (done)
    return shell(
      <Result
        status="success"
        title={t('surveys.thanksTitle')}
        subTitle={t('surveys.thanks')}
        data-testid="survey-thanks"
      />,
    );
  if (survey.isError) {
    const e = survey.error;
    const message = isApiError(e) && e.code === 'NOT_FOUND' ? t('surveys.notFound') : errorText(e);
    return shell(
      <Result
        status="warning"
        title={t('surveys.errorTitle')}
        subTitle={message}
        data-testid="survey-error"
      />,
    );
  }
  const s = survey.data;

  const submit = () => {
    const gaps = new Set<string>();
    for (const d of surveyDimensions) if (!dims[d]) gaps.add(d);
    for (const q of s.questions) {
      const v = answers[q.key];
      if (q.required && (v === undefined || v === '')) gaps.add(q.key);
    }
    setMissing(gaps);
    if (gaps.size) return;
    const cleaned = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== ''));
    answer.mutate(
      {
        priceScore: dims.price!,
        efficacyScore: dims.efficacy!,
        serviceScore: dims.service!,
        answers: cleaned,
        comment: comment.trim() || null,
      },
      { onSuccess: () => setDone(true) },
    );
  };

  const question = (q: SurveyQuestion) => {
    const set = (v: string | number) => setAnswers((a) => ({ ...a, [q.key]: v }));
    const value = answers[q.key];
    return (
      <Card key={q.key} size="small">
        <Typography.Text strong style={{ fontSize: 16 }}>
          {q.text}
          {q.required ? (
            <Typography.Text type="secondary">{t('surveys.requiredMark')}</Typography.Text>
          ) : null}
        </Typography.Text>
        <div style={{ marginTop: 12 }}>
          {q.type === 'score' ? (
            <ScoreButtons value={value as number | undefined} onChange={set} testId={`survey-q-${q.key}`} />
          ) : q.type === 'choice' ? (
            <Radio.Group
              value={value}
              onChange={(e) => set(e.target.value as string)}
              data-testid={`survey-q-${q.key}`}
            >
              <Flex vertical gap={12}>
                {(q.options ?? []).map((o) => (
                  <Radio key={o} value={o} style={{ fontSize: 16 }}>
                    {o}
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          ) : (
            <Input.TextArea
              rows={3}
              maxLength={1000}
              value={(value as string | undefined) ?? ''}
              onChange={(e) => set(e.target.value)}
              data-testid={`survey-q-${q.key}`}
            />
          )}
        </div>
        {missing.has(q.key) ? (
          <Typography.Text type="danger">{t('surveys.pleaseAnswer')}</Typography.Text>
        ) : null}
      </Card>
    );
  };

  return shell(
    <Flex vertical gap={12} data-testid="survey-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {s.templateName || t('surveys.publicTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        {t('surveys.greeting', { name: s.recipientName })}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('surveys.rateHint')}</Typography.Text>
      {surveyDimensions.map((d) => (
        <Card key={d} size="small">
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t(`surveys.dimensions.${d}`)}
          </Typography.Text>
          <div style={{ marginTop: 12 }}>
            <ScoreButtons
              value={dims[d]}
              onChange={(v) => setDims((x) => ({ ...x, [d]: v }))}
              testId={`survey-score-${d}`}
            />
          </div>
          {missing.has(d) ? (
            <Typography.Text type="danger">
              {t('surveys.pleaseRate', { dimension: t(`surveys.dimensions.${d}`) })}
            </Typography.Text>
          ) : null}
        </Card>
      ))}
      {s.questions.map(question)}
      <Card size="small">
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('surveys.comment')}
        </Typography.Text>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          style={{ marginTop: 12 }}
          data-testid="survey-comment"
        />
      </Card>
      {answer.isError ? (
        <Alert type="error" showIcon title={errorText(answer.error)} data-testid="survey-submit-error" />
      ) : null}
      <Button
        type="primary"
        size="large"
        block
        style={{ height: 52, fontSize: 18 }}
        loading={answer.isPending}
        onClick={submit}
        data-testid="survey-submit"
      >
        {t('surveys.submit')}
      </Button>
    </Flex>,
  );
}
