import { Alert, Descriptions, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { contactChannels, objectiveOutcomes, type ContactChannel } from '@keqing/shared';
import { errorText } from '../../lib/api.ts';
import {
  adoptionLabel,
  channelLabel,
  gradeColor,
  stageLabel,
  statusLabel,
  titleLabel,
  useLocalized,
} from '../accounts/labels.ts';
import { usePreCallBrief, type PreCallBrief } from './planning.api.ts';
import { asWeekday } from './plan-dates.ts';
import { CompetitorBriefSection } from '../competitors/CompetitorBriefSection.tsx';

function isChannel(value: string | null): value is ContactChannel {
  return value !== null && (contactChannels as readonly string[]).includes(value);
}

/** 访前准备: what the rep needs at hand before the call. */
export function PreCallBriefView({ doctorId }: { doctorId: string }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const brief = usePreCallBrief(doctorId);
  if (brief.isPending) return <Skeleton active />;
  if (brief.error) return <Alert type="error" showIcon title={errorText(brief.error)} />;
  const b: PreCallBrief = brief.data;
  const outcomeLabel = (value: string) =>
    (objectiveOutcomes as readonly string[]).includes(value)
      ? t(`planning.outcome.${value as (typeof objectiveOutcomes)[number]}`)
      : value;
  const d = b.doctor;
  const slots = d.clinicSchedule
    .map((s) => `${t(`planning.weekday.w${asWeekday(s.weekday)}`)}${t(`planning.halfDay.${s.halfDay}`)}`)
    .join(t('common.listSeparator'));
  return (
    <Flex vertical gap={12} data-testid="pre-call-brief">
      <Descriptions
        size="small"
        column={1}
        title={
          <Link to={`/doctors/${d.id}`} data-testid="brief-doctor">
            {d.name}
          </Link>
        }
        items={[
          {
            key: 'where',
            label: t('planning.brief.where'),
            children: [d.hospitalName, d.departmentName].filter(Boolean).join(' · '),
          },
          {
            key: 'title',
            label: t('planning.brief.title'),
            children: [titleLabel(d.title, t), d.position].filter(Boolean).join(' · ') || '—',
          },
          { key: 'clinic', label: t('planning.brief.clinic'), children: slots || '—' },
          { key: 'best', label: t('planning.brief.bestTime'), children: d.bestVisitTime ?? '—' },
          {
            key: 'channel',
            label: t('planning.brief.channel'),
            children: isChannel(d.preferredChannel) ? channelLabel(d.preferredChannel, pick) : '—',
          },
          {
            key: 'stage',
            label: t('planning.brief.stage'),
            children: stageLabel(d.relationshipStage, pick) || '—',
          },
          {
            key: 'frequency',
            label: t('planning.brief.frequency'),
            children: (
              <span data-testid="brief-frequency">
                {t('planning.brief.frequencyValue', {
                  done: b.frequency.doneThisCycle,
                  required: b.frequency.required,
                })}
                {b.frequency.lastCallDate
                  ? ` · ${t('planning.brief.lastCallOn', { date: b.frequency.lastCallDate })}`
                  : ''}
              </span>
            ),
          },
        ]}
      />
      {b.personality ? (
        <Alert
          type="info"
          title={`${t('planning.brief.personality')}：${b.personality.label}`}
          description={
            <>
              <div>{b.personality.traits}</div>
              <div>
                <Typography.Text strong>{t('planning.brief.tip')}：</Typography.Text>
                {b.personality.tip}
              </div>
            </>
          }
        />
      ) : null}
      <div>
        <Typography.Text strong>{t('planning.brief.products')}</Typography.Text>
        <Table
          size="small"
          rowKey="productId"
          pagination={false}
          scroll={{ x: 420 }}
          dataSource={b.products}
          locale={{ emptyText: t('planning.brief.noScores') }}
          columns={[
            { key: 'product', title: t('planning.brief.product'), render: (_, p) => p.productName },
            {
              key: 'grade',
              title: t('planning.brief.grade'),
              width: 64,
              render: (_, p) => <Tag color={gradeColor(p.grade)}>{p.grade}</Tag>,
            },
            {
              key: 'status',
              title: t('planning.brief.status'),
              render: (_, p) => statusLabel(p.prescriptionStatus, pick),
            },
            {
              key: 'potential',
              title: t('planning.brief.potential'),
              width: 64,
              render: (_, p) => p.prescriptionPotential,
            },
            {
              key: 'ladder',
              title: t('planning.brief.ladder'),
              render: (_, p) => adoptionLabel(p.adoptionStep, pick) || '—',
            },
          ]}
        />
      </div>
      <div data-testid="brief-last-call">
        <Typography.Text strong>{t('planning.brief.lastCall')}</Typography.Text>
        {b.lastCall ? (
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'when',
                label: t('planning.brief.callDate'),
                children: `${b.lastCall.callDate} · ${b.lastCall.ownerName}`,
              },
              {
                key: 'objectives',
                label: t('planning.brief.objectives'),
                children: b.lastCall.objectives.length
                  ? b.lastCall.objectives.map((o, i) => (
                      <div key={i}>
                        {o.text} <Tag>{outcomeLabel(o.outcome)}</Tag>
                      </div>
                    ))
                  : '—',
              },
              {
                key: 'commitment',
                label: t('planning.brief.commitment'),
                children: b.lastCall.commitment ?? '—',
              },
              {
                key: 'next',
                label: t('planning.brief.nextStep'),
                children: b.lastCall.nextStep
                  ? `${b.lastCall.nextStep}${b.lastCall.nextStepDue ? `（${b.lastCall.nextStepDue}）` : ''}`
                  : '—',
              },
              ...(b.lastCall.notes
                ? [{ key: 'notes', label: t('planning.brief.notes'), children: b.lastCall.notes }]
                : []),
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('planning.brief.noLastCall')} />
        )}
      </div>
      <div>
        <Typography.Text strong>{t('planning.brief.followUps')}</Typography.Text>
        {b.openFollowUps.length ? (
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {b.openFollowUps.map((f) => (
              <li key={f.id}>
                {f.title} · {f.dueDate}{' '}
                {f.overdue ? <Tag color="red">{t('planning.brief.overdue')}</Tag> : null}
              </li>
            ))}
          </ul>
        ) : (
          <div>
            <Typography.Text type="secondary">—</Typography.Text>
          </div>
        )}
      </div>
      <div>
        <Typography.Text strong>{t('planning.brief.careDates')}</Typography.Text>
        {b.upcomingCareDates.length ? (
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {b.upcomingCareDates.map((c, i) => (
              <li key={i}>
                {c.date} · {c.label}
              </li>
            ))}
          </ul>
        ) : (
          <div>
            <Typography.Text type="secondary">—</Typography.Text>
          </div>
        )}
      </div>
      <CompetitorBriefSection doctorId={d.id} />
    </Flex>
  );
}
