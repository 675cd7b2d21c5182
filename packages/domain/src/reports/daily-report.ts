/**
 * 日报 daily report drafting: the day's submitted calls, care actions and follow-ups done become the report's
 * lines; planned calls neither done nor matched by a call to the same doctor that day become deviations 计划偏差,
 * each to be explained with a reason code before submission.
 */

/** 偏差原因: doctorAbsent 医生不在 · surgery 手术 · meeting 开会 · moved 调整/改期 · other 其他 (needs a note) */
export const deviationReasons = ['doctorAbsent', 'surgery', 'meeting', 'moved', 'other'] as const;
export type DeviationReason = (typeof deviationReasons)[number];

export type DayPlannedCall = {
  id: string;
  doctorId: string;
  doctorName: string;
  hospitalName: string;
  halfDay: 'am' | 'pm';
  status: 'planned' | 'done' | 'cancelled';
};

export type DayCall = {
  id: string;
  doctorId: string;
  doctorName: string;
  hospitalName: string;
  plannedCallId: string | null;
  type: string;
  startAt: string;
  endAt: string;
  objectives: string[];
};

export type DayCareAction = {
  id: string;
  doctorId: string;
  doctorName: string;
  kind: string;
  valueFen: number;
  purpose: string;
};

export type DayFollowUpDone = { id: string; doctorId: string; doctorName: string; title: string };

export type DayInputs = {
  date: string;
  plannedCalls: DayPlannedCall[];
  /** Submitted calls of the day */
  calls: DayCall[];
  careActions: DayCareAction[];
  followUpsDone: DayFollowUpDone[];
};

export type SummaryCall = Omit<DayCall, 'plannedCallId' | 'objectives'> & {
  objectives: string[];
  minutes: number;
  /** The planned call it carried out, if any (by link or by the same doctor) */
  plannedCallId: string | null;
};

export type DailyCounts = {
  /** Planned calls of the day (cancelled ones left out: the plan was changed beforehand) */
  planned: number;
  /** Planned calls carried out */
  plannedDone: number;
  calls: number;
  /** Calls that were not in the plan */
  unplannedCalls: number;
  callMinutes: number;
  careActions: number;
  followUpsDone: number;
  deviations: number;
};

export type DailySummary = {
  date: string;
  calls: SummaryCall[];
  careActions: DayCareAction[];
  followUpsDone: DayFollowUpDone[];
  counts: DailyCounts;
};

export type Deviation = {
  plannedCallId: string;
  doctorId: string;
  doctorName: string;
  hospitalName: string;
  halfDay: 'am' | 'pm';
  reason: DeviationReason | null;
  note: string | null;
};

/** What the rep said about a deviation (kept across re-drafts by plannedCallId). */
export type DeviationReasonInput = {
  plannedCallId: string;
  reason: DeviationReason | null;
  note?: string | null;
};

/** Whole minutes between two instants (never negative). */
export function callMinutes(startAt: string, endAt: string): number {
  const ms = Date.parse(endAt) - Date.parse(startAt);
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms / 60_000) : 0;
}

/**
 * Drafts the day: summary lines and counts, and the deviations with the reasons already given (`reasons`, e.g. from
 * a saved draft). A call carries out the planned call it links to, else the first open planned call to the same
 * doctor; a planned call marked done counts as done even when its call is on another day.
 */
export function draftDailyReport(
  day: DayInputs,
  reasons: readonly DeviationReasonInput[] = [],
): { summary: DailySummary; deviations: Deviation[] } {
  const planned = day.plannedCalls.filter((p) => p.status !== 'cancelled');
  const covered = new Set(planned.filter((p) => p.status === 'done').map((p) => p.id));
  const calls = [...day.calls].sort((a, b) => a.startAt.localeCompare(b.startAt) || a.id.localeCompare(b.id));
  const summaryCalls: SummaryCall[] = [];
  // linked calls first, so a same-doctor match never takes a planned call another call names
  const linked = new Set(calls.map((c) => c.plannedCallId).filter((id): id is string => id !== null));
  const matchedBy = new Map<string, string>();
  for (const c of calls) {
    if (c.plannedCallId && planned.some((p) => p.id === c.plannedCallId))
      matchedBy.set(c.id, c.plannedCallId);
  }
  for (const c of calls) {
    if (matchedBy.has(c.id)) continue;
    const match = planned.find(
      (p) => p.doctorId === c.doctorId && !linked.has(p.id) && ![...matchedBy.values()].includes(p.id),
    );
    if (match) matchedBy.set(c.id, match.id);
  }
  for (const c of calls) {
    const plannedCallId = matchedBy.get(c.id) ?? null;
    if (plannedCallId) covered.add(plannedCallId);
    summaryCalls.push({
      id: c.id,
      doctorId: c.doctorId,
      doctorName: c.doctorName,
      hospitalName: c.hospitalName,
      type: c.type,
      startAt: c.startAt,
      endAt: c.endAt,
      objectives: c.objectives,
      minutes: callMinutes(c.startAt, c.endAt),
      plannedCallId,
    });
  }
  const given = new Map(reasons.map((r) => [r.plannedCallId, r]));
  const deviations: Deviation[] = planned
    .filter((p) => !covered.has(p.id))
    .map((p) => ({
      plannedCallId: p.id,
      doctorId: p.doctorId,
      doctorName: p.doctorName,
      hospitalName: p.hospitalName,
      halfDay: p.halfDay,
      reason: given.get(p.id)?.reason ?? null,
      note: given.get(p.id)?.note?.trim() || null,
    }));
  const plannedDone = planned.filter((p) => covered.has(p.id)).length;
  return {
    summary: {
      date: day.date,
      calls: summaryCalls,
      careActions: day.careActions,
      followUpsDone: day.followUpsDone,
      counts: {
        planned: planned.length,
        plannedDone,
        calls: summaryCalls.length,
        unplannedCalls: summaryCalls.filter((c) => c.plannedCallId === null).length,
        callMinutes: summaryCalls.reduce((sum, c) => sum + c.minutes, 0),
        careActions: day.careActions.length,
        followUpsDone: day.followUpsDone.length,
        deviations: deviations.length,
      },
    },
    deviations,
  };
}

export type DeviationProblem = { plannedCallId: string; problem: 'reasonMissing' | 'noteMissing' };

/** What keeps a report from being submitted: a deviation without a reason, or 其他 without a note. */
export function deviationProblems(deviations: readonly Deviation[]): DeviationProblem[] {
  const problems: DeviationProblem[] = [];
  for (const d of deviations) {
    if (!d.reason) problems.push({ plannedCallId: d.plannedCallId, problem: 'reasonMissing' });
    else if (d.reason === 'other' && !d.note?.trim())
      problems.push({ plannedCallId: d.plannedCallId, problem: 'noteMissing' });
  }
  return problems;
}
