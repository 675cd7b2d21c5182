/**
 * Plans and calls demo data, so the calendar, the call list, follow-ups, co-visits and frequency attainment
 * have material on first start: clinic schedules 门诊时间 for many doctors, six months of submitted calls
 * per rep before "today", the current cycle plan 周期计划 of every rep (accepted, made by the real plan
 * generator) whose past days turned into calls, follow-ups 跟进任务 from the calls' next steps, and about
 * two co-visits 协访 per rep and month. Pure and seeded like the rest of the generator.
 *
 * History works cycle by cycle (the planning settings' 4-week cycles): each cycle the rep's doctors, with
 * the visits per cycle of their grade (a few chronically under-served), go through generateCyclePlan; most
 * planned calls become calls, a few are missed. Light territories are topped up with calls on not yet
 * scored doctors (待开发新医生) so a working day has about 10 calls.
 */
import {
  addDays,
  cycleOf,
  distanceMeters,
  generateCyclePlan,
  workingDaysBetween,
  type AvailableHalfDay,
  type HalfDay,
  type PlanDoctor,
  type PlannedCall,
} from '@keqing/domain';
import { callSteps, defaultPlanningSettings, weekdayLabels, type CallType } from '@keqing/shared';
import type { calls, coVisits, cyclePlans, followUps, plannedCalls } from '../schema.ts';
import {
  callCommitments,
  callNeeds,
  callObjectiveTemplates,
  callObjections,
  callOpenings,
  coachingImprovements,
  coachingStrengths,
  coachingStepComments,
  keyMessageTemplates,
  nextStepTemplates,
  PHARMACY_DEPARTMENT,
  repAcknowledgements,
} from './catalog.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type CallRows = {
  cyclePlans: (typeof cyclePlans.$inferInsert)[];
  plannedCalls: (typeof plannedCalls.$inferInsert)[];
  calls: (typeof calls.$inferInsert)[];
  followUps: (typeof followUps.$inferInsert)[];
  coVisits: (typeof coVisits.$inferInsert)[];
};

type BaseRows = Omit<DemoRows, keyof CallRows>;
type CallRow = typeof calls.$inferInsert & { id: string; startAt: string; endAt: string };

/** Calls go back this many days before today (six months). */
export const CALL_HISTORY_DAYS = 182;
/** Open follow-ups past their date are at most this many days overdue (older ones are settled). */
export const OVERDUE_FOLLOW_UP_DAYS = 21;
/** Morning and afternoon working windows, minutes after midnight (09:00–12:00, 13:30–17:30). */
export const halfDayWindows: Record<HalfDay, readonly [number, number]> = { am: [540, 720], pm: [810, 1050] };

const settings = defaultPlanningSettings;
const cycleSettings = { cycleStart: settings.cycleAnchor, weeks: settings.cycleWeeks };
/** History cycles: reps rarely do more than 13 calls a day; the current plan uses the settings (10–15). */
const historyPlanOptions = { minPerDay: 10, maxPerDay: 13 };
const currentPlanOptions = { minPerDay: settings.minCallsPerDay, maxPerDay: settings.maxCallsPerDay };

const callTypeMix: readonly (readonly [CallType, number])[] = [
  ['visit', 0.8],
  ['wechat', 0.08],
  ['phone', 0.07],
  ['departmentMeeting', 0.05],
];
const outcomeMix = [
  ['achieved', 0.5],
  ['partly', 0.32],
  ['notAchieved', 0.18],
] as const;

const pad2 = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
/** A China-time timestamp; minutes past 24:00 roll into the next days. */
const stamp = (date: string, minutes: number) => {
  const days = Math.floor(minutes / 1440);
  const rest = minutes - days * 1440;
  return `${days ? addDays(date, days) : date}T${clock(rest)}:00+08:00`;
};
const fill = (template: string, product: string) => template.replaceAll('{product}', product);

/**
 * Non-overlapping time slots for n calls in a half-day: the window is cut into n equal slots and each call
 * (15–30 minutes, on a 5-minute grid) sits somewhere inside its own slot.
 */
export function slotTimes(rng: Random, halfDay: HalfDay, n: number): { start: number; end: number }[] {
  const [from, to] = halfDayWindows[halfDay];
  const slot = Math.floor((to - from) / Math.max(1, n) / 5) * 5;
  return Array.from({ length: n }, (_, i) => {
    const longest = Math.max(5, Math.min(30, slot));
    const duration = Math.min(longest, 5 * rng.int(3, 6));
    const start = from + i * slot + 5 * rng.int(0, Math.floor((slot - duration) / 5));
    return { start, end: start + duration };
  });
}

type Pool = {
  /** scored doctors: visits per cycle from their best grade for the territory's products */
  scored: Map<string, { required: number; grade: string; products: string[] }>;
  /** not yet scored doctors of the territory's hospitals (待开发) */
  develop: string[];
  /** doctor → the territories (of this pool) whose hospitals hold them */
  territoriesOf: Map<string, string[]>;
};

export function generateCallData(rows: BaseRows, root: Random, options: { today: string }): CallRows {
  const { today } = options;
  const out: CallRows = { cyclePlans: [], plannedCalls: [], calls: [], followUps: [], coVisits: [] };

  // ── lookups ──
  const departmentName = new Map(rows.departments.map((d) => [d.id as string, d.name]));
  const hospitalById = new Map(rows.hospitals.map((h) => [h.id as string, h]));
  const productById = new Map(rows.products.map((p) => [p.id as string, p]));
  const doctorsOfHospital = new Map<string, (typeof rows.doctors)[number][]>();
  const doctorsOfDepartment = new Map<string, string[]>();
  for (const d of rows.doctors) {
    const list = doctorsOfHospital.get(d.hospitalId);
    if (list) list.push(d);
    else doctorsOfHospital.set(d.hospitalId, [d]);
    if (d.departmentId) {
      const dep = doctorsOfDepartment.get(d.departmentId);
      if (dep) dep.push(d.id as string);
      else doctorsOfDepartment.set(d.departmentId, [d.id as string]);
    }
  }
  const doctorById = new Map(rows.doctors.map((d) => [d.id as string, d]));
  const statusOf = new Map<string, (typeof rows.doctorProductStatus)[number][]>();
  for (const s of rows.doctorProductStatus) {
    const list = statusOf.get(s.doctorId);
    if (list) list.push(s);
    else statusOf.set(s.doctorId, [s]);
  }
  const territoryById = new Map(rows.territories.map((t) => [t.id as string, t]));
  const hospitalsOfTerritory = new Map<string, string[]>();
  for (const th of rows.territoryHospitals) {
    const list = hospitalsOfTerritory.get(th.territoryId);
    if (list) list.push(th.hospitalId);
    else hospitalsOfTerritory.set(th.territoryId, [th.hospitalId]);
  }
  const assignmentsOf = new Map<string, (typeof rows.territoryAssignments)[number][]>();
  for (const a of rows.territoryAssignments) {
    const list = assignmentsOf.get(a.territoryId);
    if (list) list.push(a);
    else assignmentsOf.set(a.territoryId, [a]);
  }
  /** The rep covering a territory on a date (the current rep when the date precedes every assignment). */
  const repOn = (territoryId: string, date: string): string | null => {
    const list = assignmentsOf.get(territoryId) ?? [];
    const covering = list.find((a) => a.startDate <= date && (a.endDate == null || a.endDate >= date));
    return (covering ?? list.find((a) => a.endDate == null))?.userId ?? null;
  };
  const managerOfTeam = new Map(rows.teams.map((t) => [t.id as string, t.managerId as string]));

  // ── clinic schedules 门诊时间: most hospital doctors hold 2–4 clinic half-days a week ──
  const clinicRng = root.fork('clinic');
  for (const d of rows.doctors) {
    const level = hospitalById.get(d.hospitalId)?.level ?? '';
    const share = level.startsWith('三级') ? 0.7 : level.startsWith('二级') ? 0.6 : 0.3;
    const slots: AvailableHalfDay[] = [];
    if (departmentName.get(d.departmentId ?? '') !== PHARMACY_DEPARTMENT && clinicRng.chance(share)) {
      const wanted = clinicRng.int(2, 4);
      const seen = new Set<string>();
      while (slots.length < wanted) {
        const slot = {
          weekday: clinicRng.int(1, 5),
          halfDay: (clinicRng.chance(0.65) ? 'am' : 'pm') as HalfDay,
        };
        const key = `${slot.weekday}${slot.halfDay}`;
        if (seen.has(key)) continue;
        seen.add(key);
        slots.push(slot);
      }
      slots.sort((a, b) => a.weekday - b.weekday || (a.halfDay < b.halfDay ? -1 : 1));
    }
    d.clinicSchedule = slots;
    const first = slots[0];
    d.bestVisitTime =
      first && clinicRng.chance(0.5)
        ? `${weekdayLabels[first.weekday - 1]}${first.halfDay === 'am' ? '上午' : '下午'}门诊后`
        : null;
  }
  const availableOf = (doctorId: string) =>
    (doctorById.get(doctorId)?.clinicSchedule ?? []) as AvailableHalfDay[];

  // ── the timeline: past cycles clipped to six months, then the current cycle ──
  const historyStart = addDays(today, -CALL_HISTORY_DAYS);
  const current = cycleOf(today, cycleSettings);
  const windows: { start: string; end: string; current: boolean }[] = [];
  for (
    let c = cycleOf(historyStart, cycleSettings);
    c.start < current.start;
    c = cycleOf(addDays(c.end, 1), cycleSettings)
  ) {
    windows.push({ start: c.start < historyStart ? historyStart : c.start, end: c.end, current: false });
  }
  windows.push({ start: current.start, end: current.end, current: true });

  /** The rep's doctors in some territories: scored ones with their frequency, the rest to develop. */
  const poolCache = new Map<string, Pool>();
  const poolOf = (repId: string, territoryIds: string[]): Pool => {
    const key = `${repId}|${territoryIds.join(',')}`;
    const cached = poolCache.get(key);
    if (cached) return cached;
    const pool: Pool = { scored: new Map(), develop: [], territoriesOf: new Map() };
    const candidates: string[] = [];
    for (const territoryId of territoryIds) {
      const products = territoryById.get(territoryId)?.productIds ?? [];
      for (const hospitalId of hospitalsOfTerritory.get(territoryId) ?? []) {
        for (const d of doctorsOfHospital.get(hospitalId) ?? []) {
          const doctorId = d.id as string;
          const territories = pool.territoriesOf.get(doctorId) ?? [];
          territories.push(territoryId);
          pool.territoriesOf.set(doctorId, territories);
          const statuses = (statusOf.get(doctorId) ?? []).filter((s) => products.includes(s.productId));
          if (statuses.length === 0) {
            if (departmentName.get(d.departmentId ?? '') !== PHARMACY_DEPARTMENT) candidates.push(doctorId);
            continue;
          }
          const entry = pool.scored.get(doctorId) ?? { required: 0, grade: 'C', products: [] };
          for (const s of statuses) {
            if (s.visitsPerCycle > entry.required) {
              entry.required = s.visitsPerCycle;
              entry.grade = s.grade;
            }
            if (!entry.products.includes(s.productId)) entry.products.push(s.productId);
          }
          pool.scored.set(doctorId, entry);
        }
      }
    }
    pool.develop = [...new Set(candidates)].filter((id) => !pool.scored.has(id));
    poolCache.set(key, pool);
    return pool;
  };

  const reps = rows.users.filter((u) => u.role === 'rep');
  const territoriesOfRep = new Map<string, string[]>();
  for (const a of rows.territoryAssignments) {
    const list = territoriesOfRep.get(a.userId) ?? [];
    if (!list.includes(a.territoryId)) list.push(a.territoryId);
    territoriesOfRep.set(a.userId, list);
  }
  const managerBusy = new Set<string>(); // `${managerId}|${date}|${halfDay}`: one co-visit per half-day

  for (const rep of reps) {
    const repId = rep.id as string;
    const rng = root.fork(`rep:${repId}`);
    const managerId = managerOfTeam.get(rep.teamId ?? '') ?? null;
    const mine = (territoriesOfRep.get(repId) ?? []).slice().sort();
    /** About one doctor in nine is chronically under-served (the due/overdue list has names). */
    const neglected = new Map<string, boolean>();
    const isNeglected = (doctorId: string) => {
      let v = neglected.get(doctorId);
      if (v === undefined) {
        v = rng.chance(0.11);
        neglected.set(doctorId, v);
      }
      return v;
    };
    const repCalls: CallRow[] = [];
    const firstFollowUp = out.followUps.length;

    windows.forEach((window, windowIndex) => {
      const workingDays = workingDaysBetween(window.start, window.end);
      if (workingDays.length === 0) return;
      const covers = (territoryId: string, date: string) => repOn(territoryId, date) === repId;
      const territories = mine.filter((t) => workingDays.some((d) => covers(t, d)));
      if (territories.length === 0) return;
      const pool = poolOf(repId, territories);

      // Required calls: the grade's frequency; in the past the neglected doctors got fewer.
      const doctors: PlanDoctor[] = [];
      let demand = 0;
      for (const [doctorId, s] of pool.scored) {
        const required =
          window.current || !isNeglected(doctorId) ? s.required : Math.max(0, s.required - rng.int(1, 2));
        demand += required;
        doctors.push({
          id: doctorId,
          hospitalId: doctorById.get(doctorId)!.hospitalId,
          grade: s.grade,
          requiredCalls: required,
          available: availableOf(doctorId),
        });
      }
      // Light territories: a call each on doctors not yet scored, about 10–12 calls a working day in all.
      const target = Math.round(workingDays.length * (10 + rng.next() * 2));
      const developing: string[] = [];
      if (pool.develop.length > 0) {
        const offset = (windowIndex * 37) % pool.develop.length;
        for (let i = 0; i < pool.develop.length && demand < target; i++) {
          const doctorId = pool.develop[(offset + i) % pool.develop.length]!;
          developing.push(doctorId);
          demand += 1;
          doctors.push({
            id: doctorId,
            hospitalId: doctorById.get(doctorId)!.hospitalId,
            grade: '待开发',
            requiredCalls: 1,
            available: availableOf(doctorId),
          });
        }
      }
      const plan = generateCyclePlan({
        workingDays,
        doctors,
        options: window.current ? currentPlanOptions : historyPlanOptions,
      });
      // A hand-over inside the cycle: only the days the rep covered the doctor's territory.
      const planned = plan.calls.filter((c) =>
        (pool.territoriesOf.get(c.doctorId) ?? []).some((t) => covers(t, c.date)),
      );
      const productsFor = (doctorId: string): string[] => {
        const scored = pool.scored.get(doctorId)?.products;
        const candidates = scored && scored.length > 0 ? scored : territoryProducts(pool, doctorId);
        return rng.shuffle(candidates).slice(0, candidates.length > 1 && rng.chance(0.3) ? 2 : 1);
      };

      // Time slots per half-day, the calls of one hospital side by side.
      const byHalfDay = new Map<string, PlannedCall[]>();
      for (const c of planned) {
        const key = `${c.date}|${c.halfDay}`;
        const list = byHalfDay.get(key);
        if (list) list.push(c);
        else byHalfDay.set(key, [c]);
      }
      const times = new Map<PlannedCall, { start: number; end: number }>();
      for (const list of byHalfDay.values()) {
        list.sort((a, b) => (a.hospitalId < b.hospitalId ? -1 : a.hospitalId > b.hospitalId ? 1 : 0));
        const slots = slotTimes(rng, list[0]!.halfDay, list.length);
        list.forEach((c, i) => times.set(c, slots[i]!));
      }

      if (!window.current) {
        for (const c of planned) {
          if (rng.chance(isNeglected(c.doctorId) ? 0.3 : 0.06)) continue; // missed
          repCalls.push(makeCall(c, times.get(c)!, productsFor(c.doctorId), null));
        }
        return;
      }

      // ── the current cycle: the accepted plan, its past days done (a few missed) ──
      const cyclePlanId = rng.uuid();
      const generatedAt = stamp(addDays(current.start, -3), 16 * 60 + 30);
      const halfDaysPerHospital = new Map<string, Set<string>>();
      for (const c of planned) {
        const set = halfDaysPerHospital.get(c.hospitalId) ?? new Set<string>();
        set.add(`${c.date}|${c.halfDay}`);
        halfDaysPerHospital.set(c.hospitalId, set);
      }
      const busiest =
        [...halfDaysPerHospital.entries()].sort((a, b) => b[1].size - a[1].size)[0]?.[0] ?? null;
      const promoted = productById.get(territoryById.get(territories[0]!)?.productIds?.[0] ?? '');
      out.cyclePlans.push({
        id: cyclePlanId,
        ownerId: repId,
        cycleStart: current.start,
        cycleEnd: current.end,
        status: 'accepted',
        workingDays,
        hospitalDays: [...halfDaysPerHospital.entries()].map(([hospitalId, set]) => ({
          hospitalId,
          days: set.size / 2,
        })),
        developDepartmentIds: [],
        developDoctorIds: developing,
        promotionalActivities: promoted
          ? [
              {
                title: `${promoted.name}科室会`,
                date: workingDays[Math.min(workingDays.length - 1, 12)] ?? null,
                hospitalId: busiest,
                productId: promoted.id as string,
                note: '邀请目标科室医生参加，介绍最新研究进展',
              },
            ]
          : [],
        notes: null,
        quality: plan.quality,
        // As the planning service stores them: names and grades beside the figures.
        underServed: plan.underServed.map((u) => ({
          ...u,
          doctorName: doctorById.get(u.doctorId)!.name,
          grade: doctors.find((d) => d.id === u.doctorId)?.grade ?? '',
        })),
        generatedAt,
        createdAt: generatedAt,
        updatedAt: generatedAt,
      });
      const briefUntil = addDays(today, 7);
      for (const c of planned) {
        const t = times.get(c)!;
        const id = rng.uuid();
        const products = productsFor(c.doctorId);
        const past = c.date < today;
        const done = past && !rng.chance(isNeglected(c.doctorId) ? 0.35 : 0.08);
        const call = done ? makeCall(c, t, products, id) : null;
        if (call) repCalls.push(call);
        const objectives = call
          ? (call.objectives as { text: string }[]).map((o) => ({ text: o.text }))
          : c.date <= briefUntil
            ? objectiveTexts(products[0]!, 3).map((text) => ({ text }))
            : [];
        const department = departmentName.get(doctorById.get(c.doctorId)?.departmentId ?? '') ?? '科室';
        out.plannedCalls.push({
          id,
          cyclePlanId,
          ownerId: repId,
          doctorId: c.doctorId,
          hospitalId: c.hospitalId,
          date: c.date,
          halfDay: c.halfDay,
          startTime: clock(t.start),
          endTime: clock(t.end),
          place: rng.chance(0.6)
            ? rng.pick(['门诊', `${department}办公室`, `${department}示教室`, '住院部医生办公室'])
            : null,
          locked: false,
          source: 'generated',
          objectives,
          productIds: products,
          keyMessages: c.date <= briefUntil ? keyMessagesOf(products[0]!).slice(0, 2) : [],
          expectedObjections: c.date <= briefUntil && rng.chance(0.4) ? [rng.pick(callObjections)[0]] : [],
          status: done ? 'done' : 'planned',
          createdAt: generatedAt,
          updatedAt: call ? (call.submittedAt as string) : generatedAt,
        });
      }
    });

    out.calls.push(...repCalls);
    keepSomeOverdue(out.followUps.slice(firstFollowUp));
    addCoVisits(repCalls);

    // ── helpers closing over the rep ──
    function territoryProducts(pool: Pool, doctorId: string): string[] {
      return [
        ...new Set(
          (pool.territoriesOf.get(doctorId) ?? []).flatMap((t) => territoryById.get(t)?.productIds ?? []),
        ),
      ];
    }

    function objectiveTexts(productId: string, n: number): string[] {
      const name = productById.get(productId)?.name ?? '产品';
      return rng
        .shuffle(callObjectiveTemplates)
        .slice(0, n)
        .map((t) => fill(t, name));
    }

    function keyMessagesOf(productId: string): string[] {
      const p = productById.get(productId);
      if (!p) return [];
      const indication = p.indications?.[0] ?? p.therapeuticArea;
      return rng
        .shuffle(keyMessageTemplates)
        .map((t) =>
          t
            .replaceAll('{product}', p.name)
            .replaceAll('{generic}', p.genericName)
            .replaceAll('{indication}', indication),
        );
    }

    function makeCall(
      c: PlannedCall,
      t: { start: number; end: number },
      products: string[],
      plannedCallId: string | null,
    ): CallRow {
      const doctor = doctorById.get(c.doctorId)!;
      const hospital = hospitalById.get(c.hospitalId)!;
      const productName = productById.get(products[0]!)?.name ?? '产品';
      const type = rng.weighted(callTypeMix);
      const objectiveCount = rng.weighted([
        [2, 0.15],
        [3, 0.55],
        [4, 0.3],
      ] as const);
      const objectives = objectiveTexts(products[0]!, objectiveCount).map((text) => ({
        text,
        outcome: rng.weighted(outcomeMix),
      }));
      const stepsFilled = rng.chance(0.45);
      const objection = stepsFilled && rng.chance(0.5) ? rng.pick(callObjections) : null;
      const withNext = rng.chance(0.6);
      const next = withNext ? rng.pick(nextStepTemplates) : null;
      const nextStepDue = next ? addDays(c.date, next[1] + rng.int(-2, 3)) : null;
      const endMinutes = t.end;
      // Submitted the same evening mostly, now and then the next day (within the 3-day entry limit).
      const nextDay = addDays(c.date, 1) < today && rng.chance(0.15);
      const submittedAt = stamp(c.date, nextDay ? 1440 + rng.int(480, 1200) : endMinutes + rng.int(2, 240));
      const attendees =
        type === 'departmentMeeting'
          ? rng
              .shuffle(
                (doctorsOfDepartment.get(doctor.departmentId ?? '') ?? []).filter((id) => id !== c.doctorId),
              )
              .slice(0, rng.int(2, 5))
              .map((doctorId) => ({ doctorId }))
          : [];
      let latitude: number | null = null;
      let longitude: number | null = null;
      let locationAccuracyM: number | null = null;
      let distanceToHospitalM: number | null = null;
      if (type === 'visit' && hospital.latitude != null && hospital.longitude != null && rng.chance(0.2)) {
        // near the gate mostly; now and then stamped far away (submitted from the office)
        const metres = rng.chance(0.9) ? rng.int(20, 450) : rng.int(1500, 6000);
        const angle = 2 * Math.PI * rng.next();
        latitude = Number((hospital.latitude + (metres * Math.cos(angle)) / 111_320).toFixed(6));
        longitude = Number(
          (
            hospital.longitude +
            (metres * Math.sin(angle)) / (111_320 * Math.cos((hospital.latitude * Math.PI) / 180))
          ).toFixed(6),
        );
        locationAccuracyM = rng.int(5, 60);
        distanceToHospitalM = Math.round(
          distanceMeters(
            { latitude, longitude },
            { latitude: hospital.latitude, longitude: hospital.longitude },
          ),
        );
      }
      const call: CallRow = {
        id: rng.uuid(),
        clientId: rng.uuid(),
        ownerId: repId,
        doctorId: c.doctorId,
        hospitalId: c.hospitalId,
        plannedCallId,
        type,
        startAt: stamp(c.date, t.start),
        endAt: stamp(c.date, t.end),
        callDate: c.date,
        status: 'submitted',
        attendees,
        productIds: products,
        products: products.map((productId) => ({
          productId,
          keyMessages: keyMessagesOf(productId).slice(0, rng.int(1, 2)),
        })),
        objectives,
        objectiveCount: objectives.length,
        preparationDone: stepsFilled ? rng.chance(0.9) : rng.chance(0.6) ? true : null,
        opening: stepsFilled ? rng.pick(callOpenings) : null,
        needsFound: stepsFilled ? rng.pick(callNeeds) : null,
        benefitsPresented: stepsFilled ? (keyMessagesOf(products[0]!)[0] ?? null) : null,
        objections: objection ? [{ objection: objection[0], answer: objection[1] }] : [],
        commitment: stepsFilled && rng.chance(0.7) ? rng.pick(callCommitments) : null,
        nextStep: next ? fill(next[0], productName) : null,
        nextStepDue,
        scoreUpdates: [],
        notes: null,
        latitude,
        longitude,
        locationAccuracyM,
        distanceToHospitalM,
        submittedAt,
        amendmentCount: 0,
        createdAt: stamp(c.date, endMinutes),
        updatedAt: submittedAt,
      };
      if (call.nextStep && nextStepDue) addFollowUp(call, call.nextStep, nextStepDue);
      return call;
    }

    function addFollowUp(call: CallRow, title: string, dueDate: string) {
      // Past their date: settled (done mostly, now and then not done with a reason); keepSomeOverdue then
      // reopens a few recent ones. Not yet due: open, a fifth already done.
      let status: 'open' | 'done' | 'notDone';
      if (dueDate < today) {
        status = rng.weighted([
          ['done', 0.86],
          ['notDone', 0.14],
        ] as const);
      } else {
        status = rng.chance(0.2) && addDays(call.callDate, 1) < today ? 'done' : 'open';
      }
      let resolvedAt: string | null = null;
      let resolutionNote: string | null = null;
      if (status !== 'open') {
        let on = addDays(dueDate, rng.int(-3, 1));
        if (on <= call.callDate) on = addDays(call.callDate, 1);
        if (on >= today) on = addDays(today, -1);
        resolvedAt = stamp(on, rng.int(9 * 60, 19 * 60));
        resolutionNote =
          status === 'done'
            ? rng.pick([null, '已完成', '已送达并与医生确认'])
            : rng.pick(['医生外出开会，改期', '资料未及时送达，下次拜访补上', '科室会延期']);
      }
      out.followUps.push({
        id: rng.uuid(),
        callId: call.id,
        ownerId: repId,
        doctorId: call.doctorId,
        title,
        dueDate,
        status,
        resolvedAt,
        resolutionNote,
        createdAt: call.submittedAt as string,
        updatedAt: resolvedAt ?? (call.submittedAt as string),
      });
    }

    /**
     * A rep settles old follow-ups: only a handful (2–6) stay open past their date, all due within the last
     * OVERDUE_FOLLOW_UP_DAYS days, so the overdue list is something a rep would really be working through.
     */
    function keepSomeOverdue(rows: CallRows['followUps']) {
      const from = addDays(today, -OVERDUE_FOLLOW_UP_DAYS);
      const recent = rows.filter((f) => f.dueDate >= from && f.dueDate < today);
      for (const f of rng.shuffle(recent).slice(0, rng.int(2, 6))) {
        f.status = 'open';
        f.resolvedAt = null;
        f.resolutionNote = null;
        f.updatedAt = f.createdAt;
      }
    }

    /** About two co-visits a month: the manager joins a face-to-face call and coaches each step. */
    function addCoVisits(list: CallRow[]) {
      if (!managerId) return;
      const byMonth = new Map<string, CallRow[]>();
      for (const c of list) {
        if (c.type !== 'visit') continue;
        const month = c.callDate.slice(0, 7);
        const l = byMonth.get(month);
        if (l) l.push(c);
        else byMonth.set(month, [c]);
      }
      for (const monthCalls of byMonth.values()) {
        const days = new Set<string>();
        let made = 0;
        for (const c of rng.shuffle(monthCalls)) {
          if (made >= 2) break;
          const halfDay = c.startAt.slice(11, 13) < '13' ? 'am' : 'pm';
          const busyKey = `${managerId}|${c.callDate}|${halfDay}`;
          if (days.has(c.callDate) || managerBusy.has(busyKey)) continue;
          days.add(c.callDate);
          managerBusy.add(busyKey);
          made += 1;
          const evaluations = callSteps.map((step) => ({
            step,
            score: rng.weighted([
              [2, 0.08],
              [3, 0.32],
              [4, 0.42],
              [5, 0.18],
            ] as const),
            comment: rng.chance(0.35) ? coachingStepComments[step] : null,
          }));
          const createdAt = stamp(c.callDate, 19 * 60 + rng.int(0, 90));
          const acknowledged = c.callDate < addDays(today, -7) ? rng.chance(0.92) : rng.chance(0.4);
          let ackOn = addDays(c.callDate, rng.int(1, 3));
          if (ackOn >= today) ackOn = addDays(today, -1);
          const acknowledgedAt =
            acknowledged && ackOn > c.callDate ? stamp(ackOn, rng.int(8 * 60, 20 * 60)) : null;
          out.coVisits.push({
            id: rng.uuid(),
            callId: c.id,
            managerId,
            repId,
            evaluations,
            strengths: rng.pick(coachingStrengths),
            improvements: rng.pick(coachingImprovements),
            acknowledgedAt,
            repComment: acknowledgedAt && rng.chance(0.35) ? rng.pick(repAcknowledgements) : null,
            createdAt,
            updatedAt: acknowledgedAt ?? createdAt,
          });
        }
      }
    }
  }
  return out;
}
