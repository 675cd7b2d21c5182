import { Collapse, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { adoptionLabel, gradeColor, statusLabel, useLocalized } from '../accounts/labels.ts';
import { usePreCallBrief } from '../planning/planning.api.ts';
import { outcomeColor, outcomeLabel } from './labels.ts';

/** 访前简报, folded: the last call's promised next step, open follow-ups, frequency and the doctor's scores. */
export function PreCallBriefPanel({ doctorId }: { doctorId: string }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const { data } = usePreCallBrief(doctorId);
  // The brief is a help, not a requirement: nothing shows while it loads or when it cannot be read.
  if (!data) return null;
  const last = data.lastCall;
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="pre-call-brief"
      items={[
        {
          key: 'brief',
          label: t('calls.form.brief'),
          children: (
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Typography.Text>
                {t('calls.form.briefFrequency', {
                  done: data.frequency.doneThisCycle,
                  required: data.frequency.required,
                })}
              </Typography.Text>
              {data.products.length > 0 ? (
                <Space size={[4, 4]} wrap>
                  {data.products.map((p) => (
                    <Tag key={p.productId} color={gradeColor(p.grade)}>
                      {p.productName} {p.grade} · {statusLabel(p.prescriptionStatus, pick)}
                      {p.adoptionStep === null ? '' : ` · ${adoptionLabel(p.adoptionStep, pick)}`}
                    </Tag>
                  ))}
                </Space>
              ) : null}
              {data.personality ? (
                <Typography.Text type="secondary">
                  {t('calls.form.briefPersonality', { tip: data.personality.tip })}
                </Typography.Text>
              ) : null}
              {last ? (
                <>
                  <Typography.Text strong>
                    {t('calls.form.briefLastCall', { date: formatDate(last.callDate) })}
                  </Typography.Text>
                  <Space size={[4, 4]} wrap>
                    {last.objectives.map((o, i) => (
                      <Tag key={i} color={outcomeColor[o.outcome as keyof typeof outcomeColor]}>
                        {o.text} · {outcomeLabel(o.outcome, t)}
                      </Tag>
                    ))}
                  </Space>
                  {last.nextStep ? (
                    <Typography.Text>
                      {t('calls.form.briefNextStep', { step: last.nextStep })}
                    </Typography.Text>
                  ) : null}
                </>
              ) : null}
              {data.openFollowUps.length > 0 ? (
                <Typography.Text type={data.openFollowUps.some((f) => f.overdue) ? 'danger' : undefined}>
                  {t('calls.form.briefOpenFollowUps', { count: data.openFollowUps.length })}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
        },
      ]}
    />
  );
}
