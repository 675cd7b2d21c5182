import type { DragEvent, KeyboardEvent, ReactNode } from 'react';
import { Button, Dropdown, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HalfDay } from '@keqing/shared';
import { gradeColor } from '../accounts/labels.ts';
import type { CalendarCall, PlannedCall } from './planning.api.ts';
import { chinaSlot } from './plan-dates.ts';

/** What a calendar can do with a planned call; absent handlers mean read-only (another rep's plan). */
export type CallActions = {
  onOpen: (call: PlannedCall) => void;
  onMove?: (call: PlannedCall, date: string, halfDay: HalfDay) => void;
  onMoveMenu?: (call: PlannedCall) => void;
  onToggleLock?: (call: PlannedCall) => void;
  minObjectives: number;
};

const dragType = 'application/x-keqing-planned-call';

/** 计划拜访卡片: doctor, grade, hospital, objectives, lock and done state; draggable to another half-day. */
export function CallCard({ call, actions }: { call: PlannedCall; actions: CallActions }) {
  const { t } = useTranslation();
  const done = call.status === 'done';
  const movable = !!actions.onMove && !done;
  const fewObjectives = call.objectives.length < actions.minObjectives;

  const onDragStart = (e: DragEvent<HTMLDivElement>) => {
    e.dataTransfer.setData(dragType, call.id);
    e.dataTransfer.setData('text/plain', call.id);
    e.dataTransfer.effectAllowed = 'move';
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      actions.onOpen(call);
    }
  };

  const menuItems = [
    ...(movable && actions.onMoveMenu
      ? [{ key: 'move', label: <span data-testid="call-menu-move">{t('planning.card.moveTo')}</span> }]
      : []),
    ...(actions.onToggleLock && !done
      ? [
          {
            key: 'lock',
            label: (
              <span data-testid="call-menu-lock">
                {call.locked ? t('planning.card.unlock') : t('planning.card.lock')}
              </span>
            ),
          },
        ]
      : []),
    { key: 'open', label: t('planning.card.open') },
  ];

  return (
    <div
      role="button"
      tabIndex={0}
      draggable={movable}
      onDragStart={movable ? onDragStart : undefined}
      onClick={() => actions.onOpen(call)}
      onKeyDown={onKeyDown}
      data-testid={`planned-call-${call.id}`}
      data-date={call.date}
      data-halfday={call.halfDay}
      aria-label={`${call.doctorName} ${call.hospitalName}`}
      style={{
        border: '1px solid #d9d9d9',
        borderInlineStart: `3px solid ${done ? '#52c41a' : call.locked ? '#722ed1' : '#1677ff'}`,
        borderRadius: 6,
        padding: '4px 6px',
        background: done ? '#f6ffed' : '#fff',
        cursor: movable ? 'grab' : 'pointer',
        fontSize: 12,
        lineHeight: 1.5,
        minWidth: 0,
      }}
    >
      <Flex align="center" gap={4} style={{ minWidth: 0 }}>
        <Typography.Text strong className="kq-ellipsis" style={{ fontSize: 13, flex: 1 }}>
          {call.doctorName}
        </Typography.Text>
        {call.doctorGrade ? (
          <Tag
            color={gradeColor(call.doctorGrade)}
            style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}
          >
            {call.doctorGrade}
          </Tag>
        ) : null}
        {call.locked ? (
          <Tooltip title={t('planning.card.locked')}>
            <span aria-label={t('planning.card.locked')} data-testid="call-locked">
              🔒
            </span>
          </Tooltip>
        ) : null}
        <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
          <Dropdown
            trigger={['click']}
            menu={{
              items: menuItems,
              onClick: ({ key }) => {
                if (key === 'move') actions.onMoveMenu?.(call);
                else if (key === 'lock') actions.onToggleLock?.(call);
                else actions.onOpen(call);
              },
            }}
          >
            <Button
              size="small"
              type="text"
              aria-label={t('planning.card.actions')}
              data-testid="call-menu"
              style={{ height: 18, width: 18, minWidth: 18, padding: 0 }}
            >
              ⋯
            </Button>
          </Dropdown>
        </span>
      </Flex>
      <Typography.Text type="secondary" className="kq-ellipsis" style={{ display: 'block', fontSize: 12 }}>
        {call.hospitalName}
        {call.departmentName ? ` · ${call.departmentName}` : ''}
      </Typography.Text>
      <Flex wrap gap={4} align="center">
        <Typography.Text type={fewObjectives ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
          {t('planning.card.objectives', { count: call.objectives.length })}
        </Typography.Text>
        {call.startTime ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {call.startTime}
          </Typography.Text>
        ) : null}
        {done ? (
          <Tag color="success" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
            {t('planning.card.done')}
          </Tag>
        ) : null}
        {call.callId && !done ? (
          <Tag style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
            {t('planning.card.draft')}
          </Tag>
        ) : null}
        {call.withinAvailability ? null : (
          <Tooltip title={t('planning.card.outsideAvailability')}>
            <Tag color="warning" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
              {t('planning.card.outsideShort')}
            </Tag>
          </Tooltip>
        )}
      </Flex>
    </div>
  );
}

/** A logged call without a planned one, shown beside the plan. */
export function LoggedCallLine({ call }: { call: CalendarCall }) {
  const { t } = useTranslation();
  const slot = chinaSlot(call.startAt);
  return (
    <div
      data-testid={`logged-call-${call.id}`}
      style={{
        fontSize: 12,
        padding: '2px 6px',
        borderRadius: 4,
        background: call.status === 'submitted' ? '#f6ffed' : '#fafafa',
        border: '1px dashed #b7eb8f',
      }}
      className="kq-ellipsis"
    >
      ✓ {slot.time} {call.doctorName} · {t(`planning.callType.${call.type}`)}
      {call.status === 'draft' ? ` (${t('planning.card.draft')})` : ''}
    </div>
  );
}

/** A half-day cell that takes dropped call cards (when the plan is editable). */
export function DropSlot({
  date,
  halfDay,
  onDropCall,
  children,
  minHeight = 56,
}: {
  date: string;
  halfDay: HalfDay;
  onDropCall?: (callId: string, date: string, halfDay: HalfDay) => void;
  children: ReactNode;
  minHeight?: number;
}) {
  const accepts = !!onDropCall;
  return (
    <div
      data-testid={`slot-${date}-${halfDay}`}
      onDragOver={
        accepts
          ? (e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              e.currentTarget.style.background = '#e6f4ff';
            }
          : undefined
      }
      onDragLeave={accepts ? (e) => (e.currentTarget.style.background = '') : undefined}
      onDrop={
        accepts
          ? (e) => {
              e.preventDefault();
              e.currentTarget.style.background = '';
              const id = e.dataTransfer.getData(dragType) || e.dataTransfer.getData('text/plain');
              if (id) onDropCall(id, date, halfDay);
            }
          : undefined
      }
      style={{ display: 'flex', flexDirection: 'column', gap: 4, minHeight, padding: 4, minWidth: 0 }}
    >
      {children}
    </div>
  );
}
