import { useState } from 'react';
import { DatePicker, Form, Modal, Segmented, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { HalfDay } from '@keqing/shared';
import { dateFormat } from '../../lib/format.ts';
import type { PlannedCall } from './planning.api.ts';

/** 移到…: the keyboard / phone alternative to dragging a card. */
export function MoveCallModal({
  call,
  onMove,
  onClose,
}: {
  call: PlannedCall;
  onMove: (call: PlannedCall, date: string, halfDay: HalfDay) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [date, setDate] = useState(call.date);
  const [halfDay, setHalfDay] = useState<HalfDay>(call.halfDay);
  const unchanged = date === call.date && halfDay === call.halfDay;
  return (
    <Modal
      open
      title={t('planning.move.title', { name: call.doctorName })}
      okText={t('planning.move.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: unchanged, 'data-testid': 'move-ok' } as ButtonProps}
      onCancel={onClose}
      onOk={() => {
        onMove(call, date, halfDay);
        onClose();
      }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('planning.move.date')}>
          <DatePicker
            value={dayjs(date)}
            format={dateFormat}
            allowClear={false}
            onChange={(d) => d && setDate(d.format(dateFormat))}
            data-testid="move-date"
          />
        </Form.Item>
        <Form.Item label={t('planning.move.halfDay')}>
          <Segmented<HalfDay>
            value={halfDay}
            onChange={setHalfDay}
            options={[
              { value: 'am', label: t('planning.halfDay.am') },
              { value: 'pm', label: t('planning.halfDay.pm') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
