import { describe, expect, it } from 'vitest';
import { complaintDueTimes, complaintOverdue, nextComplaintStatus } from './complaints.ts';

describe('complaintDueTimes', () => {
  it.each([
    ['normal', '2026-11-24T02:00:00.000Z', '2026-11-30T02:00:00.000Z'],
    ['urgent', '2026-11-23T06:00:00.000Z', '2026-11-26T02:00:00.000Z'],
  ] as const)('%s: acknowledge by %s, close by %s', (severity, acknowledge, close) => {
    expect(complaintDueTimes('2026-11-23T02:00:00.000Z', severity)).toEqual({
      acknowledgeDueAt: acknowledge,
      closeDueAt: close,
    });
  });
});

describe('complaintOverdue', () => {
  const due = { acknowledgeDueAt: '2026-11-24T02:00:00.000Z', closeDueAt: '2026-11-30T02:00:00.000Z' };
  it.each([
    ['received', '2026-11-24T02:00:00.000Z', false],
    ['received', '2026-11-24T02:00:01.000Z', true],
    ['acknowledged', '2026-11-25T00:00:00.000Z', false],
    ['actionTaken', '2026-11-30T02:00:01.000Z', true],
    ['closed', '2026-12-30T00:00:00.000Z', false],
  ] as const)('%s at %s → %s', (status, now, overdue) => {
    expect(complaintOverdue({ status, ...due }, new Date(now))).toBe(overdue);
  });
});

describe('nextComplaintStatus', () => {
  it('moves forward only, and ends at closed', () => {
    expect(nextComplaintStatus.received).toBe('acknowledged');
    expect(nextComplaintStatus.acknowledged).toBe('actionTaken');
    expect(nextComplaintStatus.actionTaken).toBe('closed');
    expect(nextComplaintStatus.closed).toBeNull();
  });
});
