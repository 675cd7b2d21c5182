/**
 * 交接 hand-over: when a rep leaves or a territory changes hands, everything open they hold moves to a
 * successor. Records follow their territory's successor; records without a territory go to the default one.
 */

/** What a user can hold that a hand-over moves (and the orphan check looks for). */
export const handoverEntities = [
  'territoryAssignment',
  'cyclePlan',
  'plannedCall',
  'weeklyPlan',
  'followUp',
  'carePlan',
  'complaint',
  'promise',
  'warning',
  'promotion',
  'academicEvent',
  'careFeeClaim',
  'task',
  'repQuota',
  'salesForecast',
  'pipeline',
  'prospect',
] as const;
export type HandoverEntity = (typeof handoverEntities)[number];

/** Kinds a per-record override may name (territories are planned as a whole). */
export const overridableEntities = handoverEntities.filter((k) => k !== 'territoryAssignment');

export type HandoverPlan = {
  territories: { territoryId: string; toUserId: string }[];
  /** Who takes the records that belong to no territory of the leaver */
  defaultToUserId: string | null;
  overrides: { entity: string; id: string; toUserId: string }[];
};

export const emptyHandoverPlan = (): HandoverPlan => ({
  territories: [],
  defaultToUserId: null,
  overrides: [],
});

/** A possible successor as the plan check needs it. */
export type SuccessorCandidate = {
  id: string;
  role: 'rep' | 'manager' | 'admin' | 'compliance';
  active: boolean;
  teamId: string | null;
};

export type PlanProblem = { path: string; messageKey: string; params?: Record<string, string> };

/**
 * Checks a plan before completion: every territory of the leaver gets exactly one successor; successors
 * are active reps of the territory's team (or that team's manager as a caretaker 代管); overrides name a
 * known kind; the effective date is not before today.
 */
export function checkHandoverPlan(args: {
  plan: HandoverPlan;
  leaverId: string;
  /** The leaver's current territories with their team and the team's manager */
  territories: { id: string; name: string; teamId: string; managerId: string | null }[];
  /** The leaver's team manager (caretaker for records without a territory) */
  leaverManagerId: string | null;
  leaverTeamId: string | null;
  candidates: ReadonlyMap<string, SuccessorCandidate>;
  effectiveDate: string;
  today: string;
}): PlanProblem[] {
  const { plan, territories, candidates } = args;
  const problems: PlanProblem[] = [];
  if (args.effectiveDate < args.today)
    problems.push({
      path: 'body.effectiveDate',
      messageKey: 'handover.effectiveDateInPast',
      params: { today: args.today },
    });

  const successorProblem = (toUserId: string, teamId: string | null, managerId: string | null) => {
    const c = candidates.get(toUserId);
    if (!c) return 'handover.successorUnknown';
    if (c.id === args.leaverId) return 'handover.successorIsLeaver';
    if (!c.active) return 'handover.successorInactive';
    if (c.role === 'manager' && c.id === managerId) return undefined;
    if (c.role !== 'rep') return 'handover.successorNotRep';
    if (teamId && c.teamId !== teamId) return 'handover.successorOtherTeam';
    return undefined;
  };

  const known = new Map(territories.map((t) => [t.id, t]));
  const seen = new Map<string, number>();
  plan.territories.forEach((entry, i) => {
    const territory = known.get(entry.territoryId);
    if (!territory) {
      problems.push({
        path: `body.plan.territories.${i}.territoryId`,
        messageKey: 'handover.territoryNotLeavers',
      });
      return;
    }
    seen.set(entry.territoryId, (seen.get(entry.territoryId) ?? 0) + 1);
    const p = successorProblem(entry.toUserId, territory.teamId, territory.managerId);
    if (p)
      problems.push({
        path: `body.plan.territories.${i}.toUserId`,
        messageKey: p,
        params: { territory: territory.name },
      });
  });
  for (const t of territories) {
    const n = seen.get(t.id) ?? 0;
    if (n === 0)
      problems.push({
        path: 'body.plan.territories',
        messageKey: 'handover.territoryMissing',
        params: { territory: t.name },
      });
    if (n > 1)
      problems.push({
        path: 'body.plan.territories',
        messageKey: 'handover.territoryTwice',
        params: { territory: t.name },
      });
  }

  if (!plan.defaultToUserId) {
    problems.push({ path: 'body.plan.defaultToUserId', messageKey: 'handover.defaultMissing' });
  } else {
    const p = successorProblem(plan.defaultToUserId, args.leaverTeamId, args.leaverManagerId);
    if (p) problems.push({ path: 'body.plan.defaultToUserId', messageKey: p, params: { territory: '' } });
  }

  plan.overrides.forEach((o, i) => {
    if (!(overridableEntities as readonly string[]).includes(o.entity))
      problems.push({
        path: `body.plan.overrides.${i}.entity`,
        messageKey: 'handover.unknownKind',
        params: { kind: o.entity },
      });
    const p = successorProblem(o.toUserId, args.leaverTeamId, args.leaverManagerId);
    if (p)
      problems.push({ path: `body.plan.overrides.${i}.toUserId`, messageKey: p, params: { territory: '' } });
  });
  return problems;
}

/**
 * Who takes one record: a per-record override first, then the successor of the first of the leaver's
 * territories the record lies in (a follow-up lies where its doctor's hospital lies), else the default.
 */
export function successorFor(
  plan: HandoverPlan,
  record: { entity: HandoverEntity; id: string; territoryIds: readonly string[] },
): string | null {
  const override = plan.overrides.find((o) => o.entity === record.entity && o.id === record.id);
  if (override) return override.toUserId;
  for (const territoryId of record.territoryIds) {
    const entry = plan.territories.find((t) => t.territoryId === territoryId);
    if (entry) return entry.toUserId;
  }
  return plan.defaultToUserId;
}

/** Splits records across successors: `toUserId → records`, in the records' order. */
export function splitBySuccessor<
  R extends { entity: HandoverEntity; id: string; territoryIds: readonly string[] },
>(plan: HandoverPlan, records: readonly R[]): Map<string | null, R[]> {
  const out = new Map<string | null, R[]>();
  for (const r of records) {
    const to = successorFor(plan, r);
    out.set(to, [...(out.get(to) ?? []), r]);
  }
  return out;
}

/**
 * The first month (YYYY-MM) that lies wholly on or after the effective date: quotas and forecasts of that
 * month on move; the month the leaver already started stays theirs.
 */
export function firstWholeMonthFrom(effectiveDate: string): string {
  const [y, m, d] = effectiveDate.split('-').map(Number) as [number, number, number];
  if (d === 1) return effectiveDate.slice(0, 7);
  const next = m === 12 ? [y + 1, 1] : [y, m + 1];
  return `${next[0]}-${String(next[1]).padStart(2, '0')}`;
}
