/**
 * The notification rules 通知规则: what the app raises by itself (hourly, or on demand). Each notification carries a
 * sourceKey (conventions.md), so running the rules again never notifies twice.
 */
import { cycleOf, frequencyReminderDay, monthOf } from '@keqing/domain';
import { ruleMessage } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { createCareService } from '../care/care.service.ts';
import { raiseStalledPipelineNotifications } from '../pipeline/pipeline.notifications.ts';
import { createPlanningInsightsService } from '../planning/insights.service.ts';
import { loadPlanningSettings } from '../planning/planning-settings.repository.ts';
import { notify, type NotifyInput } from './notify.ts';
import * as rules from './rules.repository.ts';

export type RuleCounts = Record<
  'followUpDue' | 'belowFrequency' | 'careDate' | 'approvalWaiting' | 'channelWarning' | 'pipelineStalled',
  number
>;

/** Raises the notifications in one transaction; returns how many were new. */
async function raiseAll(db: Db, inputs: NotifyInput[], now: Date): Promise<number> {
  if (inputs.length === 0) return 0;
  return db.transaction(async (tx) => {
    let added = 0;
    for (const input of inputs) if (await notify(tx, input, { now })) added++;
    return added;
  });
}

type Rep = Awaited<ReturnType<typeof rules.findActiveReps>>[number];
const asRep = (rep: Rep): RequestContext => ({
  actor: { id: rep.id, username: rep.username, name: rep.name, role: 'rep', teamId: rep.teamId },
  requestId: 'notification-rules',
  locale: 'zh-CN',
});

/** 跟进到期: the owner of each open follow-up due today or overdue. */
async function followUpsDue(db: Db, today: string): Promise<NotifyInput[]> {
  const rows = await rules.findDueFollowUps(db, today);
  return rows.map((f) => ({
    userId: f.ownerId,
    kind: 'followUpDue',
    sourceKey: `followUpDue:${f.id}`,
    params: { title: f.title, doctor: f.doctorName, due: f.dueDate },
    link: `/doctors/${f.doctorId}`,
  }));
}

/**
 * 拜访频率不足 (seed 002: the month-end reminder): from N working days before the cycle's or the month's end
 * (the rep's `frequencyReminderDays`) until that end, a rep with target doctors below their required calls is
 * reminded once per period. The figures come from the planning insights, the same as the frequency page.
 */
async function belowFrequency(db: Db, today: string, reps: Rep[]): Promise<NotifyInput[]> {
  const settings = await loadPlanningSettings(db);
  const cycle = cycleOf(today, { cycleStart: settings.cycleAnchor, weeks: settings.cycleWeeks });
  const periods = [cycle, monthOf(today)];
  const insights = createPlanningInsightsService({ db, today: () => today });
  const inputs: NotifyInput[] = [];
  for (const rep of reps) {
    const ends = [
      ...new Set(
        periods
          .filter(
            (p) => today >= frequencyReminderDay(p.start, p.end, rep.frequencyReminderDays) && today <= p.end,
          )
          .map((p) => p.end),
      ),
    ];
    if (ends.length === 0) continue;
    const doctors = await insights.frequencyDoctorsOf(asRep(rep), rep.id, today);
    const count = doctors.filter((d) => d.required > 0 && d.done < d.required).length;
    if (count === 0) continue;
    for (const periodEnd of ends)
      inputs.push({
        userId: rep.id,
        kind: 'belowFrequency',
        sourceKey: `belowFrequency:${rep.id}:${periodEnd}`,
        params: { count, periodEnd },
        link: '/frequency',
      });
  }
  return inputs;
}

/** 关怀日期: birthdays and care dates of a rep's doctors within the care settings' reminder days. */
async function careDates(db: Db, today: string, reps: Rep[]): Promise<NotifyInput[]> {
  const care = createCareService({ db, today: () => today });
  const inputs: NotifyInput[] = [];
  for (const rep of reps) {
    const upcoming = await care.findUpcoming(asRep(rep), {});
    for (const item of upcoming.items) {
      if (!item.doctorId) continue; // festivals concern everyone and show on the care calendar
      inputs.push({
        userId: rep.id,
        kind: 'careDate',
        sourceKey: `careDate:${item.doctorId}:${item.careDateId ?? item.kind}:${item.date}`,
        params: { doctor: item.doctorName ?? '', label: item.label, date: item.date },
        link: `/doctors/${item.doctorId}`,
      });
    }
  }
  return inputs;
}

/** 待审批: care plans and academic events (manager, then compliance when over a cap), 客情费 claims' next signer. */
async function approvalsWaiting(db: Db): Promise<NotifyInput[]> {
  const inputs: NotifyInput[] = [];
  const compliance = await rules.findActiveUserIds(db, 'compliance');
  const waitingOn = (
    entity: string,
    id: string,
    step: string,
    userIds: (string | null)[],
    what: string,
    who: string,
    link: string,
  ) => {
    for (const userId of userIds)
      if (userId)
        inputs.push({
          userId,
          kind: 'approvalWaiting',
          sourceKey: `approvalWaiting:${entity}:${id}:${step}`,
          params: { what, who },
          link,
        });
  };
  for (const p of await rules.findWaitingCarePlans(db)) {
    const what = `关怀计划“${p.label}”`;
    if (p.status === 'submitted')
      waitingOn('carePlan', p.id, 'manager', [p.managerId], what, p.ownerName, '/care');
    else if (p.needsCompliance)
      waitingOn('carePlan', p.id, 'compliance', compliance, what, p.ownerName, '/care/compliance');
  }
  for (const e of await rules.findWaitingEvents(db)) {
    const what = `学术活动“${e.label}”`;
    const link = `/care/events/${e.id}`;
    if (e.status === 'submitted') waitingOn('event', e.id, 'manager', [e.managerId], what, e.ownerName, link);
    else if (e.needsCompliance) waitingOn('event', e.id, 'compliance', compliance, what, e.ownerName, link);
  }
  const claims = await rules.findWaitingCareFeeClaims(db);
  if (claims.length) {
    const clerks = await rules.findActiveUserIds(db, 'admin', 'salesClerk');
    const finance = await rules.findActiveUserIds(db, 'admin', 'finance');
    for (const c of claims) {
      const what = `客情费报销 ${c.label}`;
      if (c.status === 'submitted')
        waitingOn('careFeeClaim', c.id, 'clerk', clerks, what, c.ownerName, '/care-fees');
      if (c.status === 'clerkSigned')
        waitingOn('careFeeClaim', c.id, 'manager', [c.managerId], what, c.ownerName, '/care-fees');
      if (c.status === 'managerSigned')
        waitingOn('careFeeClaim', c.id, 'finance', finance, what, c.ownerName, '/care-fees');
    }
  }
  return inputs;
}

/** 渠道预警: the assignee of each open warning. */
async function channelWarnings(db: Db): Promise<NotifyInput[]> {
  const rows = await rules.findOpenAssignedWarnings(db);
  return rows.map((w) => ({
    userId: w.assigneeId!,
    kind: 'channelWarning',
    sourceKey: `channelWarning:${w.id}`,
    params: {
      customer: w.customerName,
      warning: ruleMessage('zh-CN', `channelWarnings.kind.${w.kind}`) ?? w.kind,
    },
    link: '/channel/warnings',
  }));
}

/** Runs every rule for `today` (China date); `now` dates the deliveries queued with the new notifications. */
export async function runNotificationRules(
  db: Db,
  today: string,
  now: Date = new Date(),
): Promise<RuleCounts> {
  const reps = await rules.findActiveReps(db);
  return {
    followUpDue: await raiseAll(db, await followUpsDue(db, today), now),
    belowFrequency: await raiseAll(db, await belowFrequency(db, today, reps), now),
    careDate: await raiseAll(db, await careDates(db, today, reps), now),
    approvalWaiting: await raiseAll(db, await approvalsWaiting(db), now),
    channelWarning: await raiseAll(db, await channelWarnings(db), now),
    pipelineStalled: await raiseStalledPipelineNotifications(db, today),
  };
}
