/** 半天 — plans are made in half-day blocks because clinics (门诊) run by morning and afternoon. */
export type HalfDay = 'am' | 'pm';

/** A half-day of the week a doctor can be seen: ISO weekday 1 = Monday … 7 = Sunday. */
export type AvailableHalfDay = { weekday: number; halfDay: HalfDay };

/** A call the rep pinned (锁定) in the calendar; regenerating keeps it where it is. */
export type LockedCall = { date: string; halfDay: HalfDay };

export type PlanDoctor = {
  id: string;
  hospitalId: string;
  /** 医生级别, e.g. 'A'; ranked by options.gradeOrder, unknown grades last. */
  grade: string;
  /** 拜访频率 — calls this cycle. */
  requiredCalls: number;
  /** Clinic / best visit half-days (出诊时间); empty means any half-day will do. */
  available: AvailableHalfDay[];
  locked?: LockedCall[];
};

export type PlanOptions = {
  /** Below this many calls a working day the plan warns (每天10-15名医生). */
  minPerDay: number;
  /** Hard ceiling per working day; each half-day takes at most ceil(max / 2). */
  maxPerDay: number;
  /** Grades, best first: better grades are served first when capacity is short. */
  gradeOrder: string[];
};

export const defaultPlanOptions: PlanOptions = { minPerDay: 10, maxPerDay: 15, gradeOrder: ['A', 'B', 'C'] };

export type PlanInput = {
  /** The cycle's working days, YYYY-MM-DD (see workingDaysBetween). */
  workingDays: string[];
  doctors: PlanDoctor[];
  options?: Partial<PlanOptions>;
};

export type PlannedCall = {
  doctorId: string;
  hospitalId: string;
  date: string;
  halfDay: HalfDay;
  locked: boolean;
};

/** A doctor the cycle cannot serve fully (频率不足): who, and by how much. */
export type UnderServed = { doctorId: string; required: number; planned: number; missing: number };

export type PlanQuality = {
  /** Σ min(planned, required) / Σ required, in %, one decimal; 100 when nothing is required. */
  frequencyAttainmentPct: number;
  /**
   * Average per working day of Σ over its half-days of (distinct hospitals − 1): 0 means every half-day
   * stays in one hospital.
   */
  hospitalSwitchesPerDay: number;
  /** Calls (locked ones included) outside the doctor's available half-days; the generator itself adds none. */
  callsOutsideAvailability: number;
  daysBelowMin: number;
  daysAboveMax: number;
  totalCalls: number;
};

export type CyclePlan = { calls: PlannedCall[]; underServed: UnderServed[]; quality: PlanQuality };

/*
 * Greedy placement, chosen because it is predictable for the rep and runs in O(calls × slots):
 * - Doctors go in order grade, then fewest available slots (hard-to-place first), then id.
 * - Within a grade, calls go in rounds (every doctor's 1st call, then every 2nd…), so a capacity
 *   shortfall costs many doctors one call each instead of leaving the last few with none.
 * - A doctor's k calls own k equal buckets of the cycle (call i in days [i·n/k, (i+1)·n/k)), which gives
 *   the even spread; a bucket may overflow to any day only when it has no feasible slot.
 * - Inside a bucket each call aims at the same relative point for every doctor of a hospital (a phase
 *   derived from the hospital), so one hospital's doctors converge on the same half-days; the cost then
 *   prefers a half-day already in that hospital, then an empty one, and mixing hospitals last.
 * - A local-search pass (regroupHospitals) then moves and swaps calls between half-days to mix fewer
 *   hospitals, never breaking any of the rules above; it changes where calls go, never who gets one.
 */

const halfDays: readonly HalfDay[] = ['am', 'pm'];
// Cost weights in units of "one whole bucket away from the target"; mixing hospitals is worse than moving
// anywhere within the bucket, opening a fresh half-day a little worse than joining one's own hospital.
const outsideBucketCost = 2;
const openHalfDayCost = 0.3;
const mixHospitalCost = 1;
const dayLoadCost = 0.05;
const closeToOwnCallCost = 0.5;
// Golden-ratio phases spread hospitals over the bucket without clustering, and need no randomness.
const goldenFraction = 0.6180339887498949;

function isoWeekday(isoDate: string): number {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function compareStrings(a: string, b: string): number {
  // Code-point order, not localeCompare: the same everywhere, so ties break the same on every machine.
  return a < b ? -1 : a > b ? 1 : 0;
}

function gradeRankOf(gradeOrder: string[]): (grade: string) => number {
  return (grade) => {
    const rank = gradeOrder.indexOf(grade);
    return rank < 0 ? gradeOrder.length : rank;
  };
}

/** What the regrouping pass needs to know of a doctor with generated calls. */
type PlacedDoctor = {
  doctor: PlanDoctor;
  /** Day indexes holding this doctor; kept up to date when a call moves. */
  busyDays: Set<number>;
  k: number;
  feasibleSlots: number[];
  feasibleSlotSet: Set<number>;
};

/** A generated (not locked) call: the bucket it serves, where it sits now, and the day the greedy chose. */
type Placed = { state: PlacedDoctor; bucket: number; slot: number; firstDay: number };

type Grid = {
  n: number;
  hospitalIds: string[];
  slotLoad: number[];
  dayLoad: number[];
  slotHospitals: Map<string, number>[];
  maxPerDay: number;
  maxPerHalfDay: number;
  minPerDay: number;
};

const bucketStartOf = (n: number, b: number, k: number) => Math.floor((b * n) / k);
// Enough for the local search to settle on a full rep; a bound so run time can never run away.
const maxRegroupPasses = 30;

/*
 * Post-pass: the greedy places calls one by one and cannot undo an early choice, so half-days end up
 * mixing hospitals. Here calls move to another half-day, or swap half-days with a call of another
 * hospital, whenever that lowers Σ (distinct hospitals − 1) over the half-days. Every move keeps all the
 * greedy's rules: the doctor's availability, the call's bucket (or the day the greedy had to overflow to),
 * one call per doctor per day, the half-day and day maxima, no day newly pushed below the minimum, no call
 * closer to the doctor's other calls than before (or than half a bucket). Ties in switches are broken by
 * Σ count² per half-day and hospital: it pulls a hospital's calls together, which opens later savings, and
 * since every accepted change strictly improves (switches, Σ count²) the search always ends.
 * Calls are visited in the greedy's order, which does not depend on input order: deterministic.
 */
function regroupHospitals(placed: Placed[], grid: Grid): void {
  const { n, hospitalIds, slotLoad, dayLoad, maxPerDay, maxPerHalfDay, minPerDay } = grid;
  const hospitalCount = hospitalIds.length;
  const hospitalIndex = new Map(hospitalIds.map((h, i) => [h, i]));
  const count = new Int32Array(n * 2 * hospitalCount);
  const distinct = new Int32Array(n * 2);
  const add = (slot: number, h: number, delta: number) => {
    const i = slot * hospitalCount + h;
    if (count[i] === 0) distinct[slot] = distinct[slot]! + 1;
    count[i] = count[i]! + delta;
    if (count[i] === 0) distinct[slot] = distinct[slot]! - 1;
  };
  grid.slotHospitals.forEach((hospitals, slot) => {
    for (const [h, c] of hospitals) add(slot, hospitalIndex.get(h)!, c);
  });
  const hospitalOf = placed.map((p) => hospitalIndex.get(p.state.doctor.hospitalId)!);
  const members: number[][] = Array.from({ length: n * 2 }, () => []);
  placed.forEach((p, i) => members[p.slot]!.push(i));

  const countOf = (slot: number, h: number) => count[slot * hospitalCount + h]!;
  const switchesOf = (distinctHospitals: number) => Math.max(0, distinctHospitals - 1);
  /** Keep a change when it saves switches, or saves none but packs hospitals tighter (Σ count² grows). */
  const pays = (switchesDelta: number, squaresDelta: number) =>
    switchesDelta < 0 || (switchesDelta === 0 && squaresDelta > 0);
  /** Hospital h leaves slot s (one call) and joins slot t. */
  const movePays = (h: number, s: number, t: number) => {
    const cs = countOf(s, h);
    const ct = countOf(t, h);
    const ds = distinct[s]!;
    const dt = distinct[t]!;
    const switchesDelta =
      switchesOf(ds - (cs === 1 ? 1 : 0)) -
      switchesOf(ds) +
      switchesOf(dt + (ct === 0 ? 1 : 0)) -
      switchesOf(dt);
    return pays(switchesDelta, 2 * (ct - cs) + 2);
  };
  /** A call of hx goes s → t while a call of hy (≠ hx) goes t → s. */
  const swapPays = (hx: number, hy: number, s: number, t: number) => {
    const sx = countOf(s, hx);
    const sy = countOf(s, hy);
    const tx = countOf(t, hx);
    const ty = countOf(t, hy);
    const ds = distinct[s]!;
    const dt = distinct[t]!;
    const newDs = ds - (sx === 1 ? 1 : 0) + (sy === 0 ? 1 : 0);
    const newDt = dt - (ty === 1 ? 1 : 0) + (tx === 0 ? 1 : 0);
    const switchesDelta = switchesOf(newDs) - switchesOf(ds) + switchesOf(newDt) - switchesOf(dt);
    return pays(switchesDelta, 2 * (tx - sx) + 2 * (sy - ty) + 4);
  };

  const nearestOtherCall = (state: PlacedDoctor, day: number, ignore: number) => {
    let nearest = Infinity;
    for (const busy of state.busyDays) if (busy !== ignore) nearest = Math.min(nearest, Math.abs(busy - day));
    return nearest;
  };
  /** May this call go to slot `to` (capacity aside)? */
  const mayGo = (p: Placed, to: number): boolean => {
    const { state } = p;
    const from = p.slot >> 1;
    const day = to >> 1;
    if (!state.feasibleSlotSet.has(to)) return false;
    const inBucket =
      day >= bucketStartOf(n, p.bucket, state.k) && day < bucketStartOf(n, p.bucket + 1, state.k);
    if (!inBucket && day !== p.firstDay) return false;
    if (day === from) return true;
    if (state.busyDays.has(day)) return false;
    const minGap = Math.max(1, Math.floor(n / Math.max(1, state.k) / 2));
    return nearestOtherCall(state, day, from) >= Math.min(minGap, nearestOtherCall(state, from, from));
  };

  /** hx goes s → t while hy (≠ hx) goes t → u; s, t, u distinct. */
  const chainPays = (hx: number, hy: number, s: number, t: number, u: number) => {
    let before = 0;
    for (const slot of [s, t, u]) before += switchesOf(distinct[slot]!);
    const squaresBefore =
      countOf(s, hx) ** 2 + countOf(t, hx) ** 2 + countOf(t, hy) ** 2 + countOf(u, hy) ** 2;
    add(s, hx, -1);
    add(t, hx, 1);
    add(t, hy, -1);
    add(u, hy, 1);
    let after = 0;
    for (const slot of [s, t, u]) after += switchesOf(distinct[slot]!);
    const squaresAfter =
      countOf(s, hx) ** 2 + countOf(t, hx) ** 2 + countOf(t, hy) ** 2 + countOf(u, hy) ** 2;
    add(s, hx, 1);
    add(t, hx, -1);
    add(t, hy, 1);
    add(u, hy, -1);
    return pays(after - before, squaresAfter - squaresBefore);
  };

  const relocate = (i: number, to: number, h: number) => {
    const p = placed[i]!;
    add(p.slot, h, -1);
    add(to, h, 1);
    const fromDay = p.slot >> 1;
    const toDay = to >> 1;
    const list = members[p.slot]!;
    list.splice(list.indexOf(i), 1);
    members[to]!.push(i);
    slotLoad[p.slot]! -= 1;
    slotLoad[to]! += 1;
    if (fromDay !== toDay) {
      dayLoad[fromDay]! -= 1;
      dayLoad[toDay]! += 1;
      p.state.busyDays.delete(fromDay);
      p.state.busyDays.add(toDay);
    }
    p.slot = to;
  };

  /**
   * Can a call leave day `from` for day `to`? The target must stay within the maximum, and the source must
   * not newly drop below the minimum (a day already below it may give up calls: no new warning).
   */
  const dayRoom = (from: number, to: number) =>
    from === to ||
    (dayLoad[to]! < maxPerDay && (dayLoad[from]! - 1 >= minPerDay || dayLoad[from]! < minPerDay));

  /** Tries to regroup call i: a plain move, else a swap, else a short chain; true when it moved. */
  const improve = (i: number): boolean => {
    const x = placed[i]!;
    const hx = hospitalOf[i]!;
    const s = x.slot;
    const sDay = s >> 1;
    const loneHere = countOf(s, hx) === 1 && distinct[s]! >= 2;
    for (const t of x.state.feasibleSlots) {
      if (t === s || !mayGo(x, t)) continue;
      const tDay = t >> 1;
      if (slotLoad[t]! < maxPerHalfDay && dayRoom(sDay, tDay) && movePays(hx, s, t)) {
        relocate(i, t, hx);
        return true;
      }
      // A swap with a call of another hospital: loads stay as they are.
      for (const j of members[t]!) {
        const y = placed[j]!;
        const hy = hospitalOf[j]!;
        if (hy === hx || y.state === x.state || !mayGo(y, s)) continue;
        if (swapPays(hx, hy, s, t)) {
          relocate(i, t, hx);
          relocate(j, s, hy);
          return true;
        }
      }
      // A chain: x goes to t, and a call y of another hospital makes room by going on to u. Tried only
      // for a lone call (the one case it saves a switch at s), which keeps the search cheap.
      if (!loneHere) continue;
      for (const j of members[t]!) {
        const y = placed[j]!;
        const hy = hospitalOf[j]!;
        if (hy === hx || y.state === x.state) continue;
        for (const u of y.state.feasibleSlots) {
          if (u === s || u === t || slotLoad[u]! >= maxPerHalfDay || !mayGo(y, u)) continue;
          const uDay = u >> 1;
          // Net day loads: sDay −1, uDay +1 (tDay loses y and gains x).
          if (!dayRoom(sDay, uDay)) continue;
          if (chainPays(hx, hy, s, t, u)) {
            relocate(j, u, hy);
            relocate(i, t, hx);
            return true;
          }
        }
      }
    }
    return false;
  };

  for (let pass = 0; pass < maxRegroupPasses; pass += 1) {
    let changed = false;
    for (let i = 0; i < placed.length; i += 1) if (improve(i)) changed = true;
    if (!changed) break;
  }
}

export function generateCyclePlan(input: PlanInput): CyclePlan {
  const options: PlanOptions = { ...defaultPlanOptions, ...input.options };
  const maxPerDay = Math.max(0, Math.floor(options.maxPerDay));
  const maxPerHalfDay = Math.ceil(maxPerDay / 2);
  const rank = gradeRankOf(options.gradeOrder);

  const days = [...new Set(input.workingDays)].sort(compareStrings);
  const n = days.length;
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const weekdays = days.map(isoWeekday);

  const seen = new Set<string>();
  for (const doctor of input.doctors) {
    if (seen.has(doctor.id)) throw new RangeError(`医生 id 重复：${doctor.id}`);
    seen.add(doctor.id);
  }

  // Occupancy of the grid: calls per day, per slot, and which hospitals each slot already holds.
  const dayLoad = new Array<number>(n).fill(0);
  const slotLoad = new Array<number>(n * 2).fill(0);
  const slotHospitals: Map<string, number>[] = Array.from({ length: n * 2 }, () => new Map());
  const calls: PlannedCall[] = [];

  const place = (doctor: PlanDoctor, slotId: number) => {
    const day = slotId >> 1;
    dayLoad[day]! += 1;
    slotLoad[slotId]! += 1;
    const hospitals = slotHospitals[slotId]!;
    hospitals.set(doctor.hospitalId, (hospitals.get(doctor.hospitalId) ?? 0) + 1);
  };

  const isAvailable = (doctor: PlanDoctor, weekday: number, halfDay: HalfDay) =>
    doctor.available.length === 0 ||
    doctor.available.some((a) => a.weekday === weekday && a.halfDay === halfDay);

  type State = {
    doctor: PlanDoctor;
    planned: number;
    /** Day indexes already holding this doctor (a doctor at most once a day). */
    busyDays: Set<number>;
    /** Buckets still to fill, ascending. */
    openBuckets: number[];
    k: number;
    feasibleSlots: number[];
    feasibleSlotSet: Set<number>;
  };

  const hospitalIds = [...new Set(input.doctors.map((d) => d.hospitalId))].sort(compareStrings);
  const hospitalPhase = new Map(hospitalIds.map((h, i) => [h, (i * goldenFraction) % 1]));
  const bucketStart = (b: number, k: number) => bucketStartOf(n, b, k);

  const states: State[] = input.doctors.map((doctor) => {
    const required = Math.max(0, Math.floor(doctor.requiredCalls));
    const busyDays = new Set<number>();
    let planned = 0;
    // Locked calls first: they stay put, count toward frequency and take capacity.
    const lockedSeen = new Set<string>();
    const lockedDayIndexes: number[] = [];
    for (const lock of doctor.locked ?? []) {
      const key = `${lock.date}|${lock.halfDay}`;
      if (lockedSeen.has(key)) continue;
      lockedSeen.add(key);
      calls.push({
        doctorId: doctor.id,
        hospitalId: doctor.hospitalId,
        date: lock.date,
        halfDay: lock.halfDay,
        locked: true,
      });
      planned += 1;
      const day = dayIndex.get(lock.date);
      if (day !== undefined) {
        busyDays.add(day);
        lockedDayIndexes.push(day);
        place(doctor, day * 2 + (lock.halfDay === 'pm' ? 1 : 0));
      }
    }
    // At most one call a day, so more than n calls can never be planned.
    const k = Math.min(required, n);
    const open = new Set(Array.from({ length: k }, (_, b) => b));
    // A locked call fills the bucket it falls in, or the nearest still-open one.
    for (const day of lockedDayIndexes.sort((a, b) => a - b)) {
      if (open.size === 0) break;
      let best = -1;
      for (const b of open) {
        const mid = (bucketStart(b, k) + bucketStart(b + 1, k)) / 2;
        if (
          best < 0 ||
          Math.abs(mid - day) < Math.abs((bucketStart(best, k) + bucketStart(best + 1, k)) / 2 - day)
        ) {
          best = b;
        }
      }
      open.delete(best);
    }
    // Day-less locked calls (outside the working days) still count; drop buckets to match.
    let surplus = planned - lockedDayIndexes.length;
    const openBuckets = [...open].sort((a, b) => a - b);
    while (surplus > 0 && openBuckets.length > 0) {
      openBuckets.pop();
      surplus -= 1;
    }
    const remaining = Math.max(0, Math.min(openBuckets.length, required - planned));
    const feasibleSlots: number[] = [];
    for (let day = 0; day < n; day += 1) {
      for (const half of [0, 1] as const) {
        if (isAvailable(doctor, weekdays[day]!, halfDays[half]!)) feasibleSlots.push(day * 2 + half);
      }
    }
    return {
      doctor,
      planned,
      busyDays,
      openBuckets: openBuckets.slice(0, remaining),
      k,
      feasibleSlots,
      feasibleSlotSet: new Set(feasibleSlots),
    };
  });

  const order = [...states].sort(
    (a, b) =>
      rank(a.doctor.grade) - rank(b.doctor.grade) ||
      a.feasibleSlots.length - b.feasibleSlots.length ||
      compareStrings(a.doctor.id, b.doctor.id),
  );

  const chooseSlot = (state: State, bucket: number): number => {
    const { doctor, k } = state;
    const start = bucketStart(bucket, k);
    const end = bucketStart(bucket + 1, k); // exclusive
    const span = Math.max(1, (end - start) * 2);
    const target = start * 2 + (hospitalPhase.get(doctor.hospitalId) ?? 0) * span;
    const minGap = Math.max(1, Math.floor(n / Math.max(1, k) / 2));
    let best = -1;
    let bestCost = Infinity;
    for (const slotId of state.feasibleSlots) {
      const day = slotId >> 1;
      if (state.busyDays.has(day)) continue;
      if (dayLoad[day]! >= maxPerDay || slotLoad[slotId]! >= maxPerHalfDay) continue;
      let cost = Math.abs(slotId - target) / span;
      if (day < start || day >= end) cost += outsideBucketCost;
      const hospitals = slotHospitals[slotId]!;
      if (hospitals.size === 0) cost += openHalfDayCost;
      else if (!hospitals.has(doctor.hospitalId)) cost += mixHospitalCost;
      cost += (dayLoadCost * dayLoad[day]!) / Math.max(1, maxPerDay);
      let nearest = Infinity;
      for (const busy of state.busyDays) nearest = Math.min(nearest, Math.abs(busy - day));
      if (nearest < minGap) cost += (closeToOwnCallCost * (minGap - nearest)) / minGap;
      // Strict < keeps the earliest slot on equal cost: deterministic tie-breaking.
      if (cost < bestCost) {
        bestCost = cost;
        best = slotId;
      }
    }
    return best;
  };

  // Grade by grade; rounds of one call per doctor inside a grade. Calls are written out after regrouping.
  const placed: Placed[] = [];
  let g = 0;
  while (g < order.length) {
    const gradeRank = rank(order[g]!.doctor.grade);
    let h = g;
    while (h < order.length && rank(order[h]!.doctor.grade) === gradeRank) h += 1;
    const group = order.slice(g, h);
    const rounds = Math.max(0, ...group.map((s) => s.openBuckets.length));
    for (let round = 0; round < rounds; round += 1) {
      for (const state of group) {
        const bucket = state.openBuckets[round];
        if (bucket === undefined) continue;
        const slotId = chooseSlot(state, bucket);
        if (slotId < 0) continue;
        const day = slotId >> 1;
        state.busyDays.add(day);
        state.planned += 1;
        place(state.doctor, slotId);
        placed.push({ state, bucket, slot: slotId, firstDay: day });
      }
    }
    g = h;
  }

  regroupHospitals(placed, {
    n,
    hospitalIds,
    slotLoad,
    dayLoad,
    slotHospitals,
    maxPerDay,
    maxPerHalfDay,
    minPerDay: options.minPerDay,
  });
  for (const p of placed) {
    calls.push({
      doctorId: p.state.doctor.id,
      hospitalId: p.state.doctor.hospitalId,
      date: days[p.slot >> 1]!,
      halfDay: halfDays[p.slot & 1]!,
      locked: false,
    });
  }

  calls.sort(
    (a, b) =>
      compareStrings(a.date, b.date) ||
      compareStrings(a.halfDay, b.halfDay) ||
      compareStrings(a.hospitalId, b.hospitalId) ||
      compareStrings(a.doctorId, b.doctorId) ||
      Number(a.locked) - Number(b.locked),
  );

  const underServed: UnderServed[] = order
    .map((s) => {
      const required = Math.max(0, Math.floor(s.doctor.requiredCalls));
      return {
        doctorId: s.doctor.id,
        required,
        planned: s.planned,
        missing: required - s.planned,
        grade: s.doctor.grade,
      };
    })
    .filter((u) => u.missing > 0)
    .sort(
      (a, b) =>
        rank(a.grade) - rank(b.grade) || b.missing - a.missing || compareStrings(a.doctorId, b.doctorId),
    )
    .map(({ doctorId, required, planned, missing }) => ({ doctorId, required, planned, missing }));

  return { calls, underServed, quality: planQuality(input.workingDays, input.doctors, calls, options) };
}

/** Plan quality as numbers, also usable on a plan the rep edited by hand. */
export function planQuality(
  workingDays: string[],
  doctors: PlanDoctor[],
  calls: PlannedCall[],
  options: Partial<PlanOptions> = {},
): PlanQuality {
  const { minPerDay, maxPerDay } = { ...defaultPlanOptions, ...options };
  const byId = new Map(doctors.map((d) => [d.id, d]));
  const plannedById = new Map<string, number>();
  const perDay = new Map<string, number>();
  const hospitalsPerSlot = new Map<string, Set<string>>();
  let outside = 0;
  for (const call of calls) {
    plannedById.set(call.doctorId, (plannedById.get(call.doctorId) ?? 0) + 1);
    perDay.set(call.date, (perDay.get(call.date) ?? 0) + 1);
    const key = `${call.date}|${call.halfDay}`;
    const set = hospitalsPerSlot.get(key) ?? new Set<string>();
    set.add(call.hospitalId);
    hospitalsPerSlot.set(key, set);
    const doctor = byId.get(call.doctorId);
    const weekday = isoWeekday(call.date);
    if (
      doctor &&
      doctor.available.length > 0 &&
      !doctor.available.some((a) => a.weekday === weekday && a.halfDay === call.halfDay)
    ) {
      outside += 1;
    }
  }
  let required = 0;
  let attained = 0;
  for (const doctor of doctors) {
    const r = Math.max(0, Math.floor(doctor.requiredCalls));
    required += r;
    attained += Math.min(r, plannedById.get(doctor.id) ?? 0);
  }
  const days = [...new Set(workingDays)];
  let switches = 0;
  for (const set of hospitalsPerSlot.values()) switches += set.size - 1;
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    frequencyAttainmentPct: required === 0 ? 100 : round1((attained / required) * 100),
    hospitalSwitchesPerDay: days.length === 0 ? 0 : Math.round((switches / days.length) * 100) / 100,
    callsOutsideAvailability: outside,
    daysBelowMin: days.filter((d) => (perDay.get(d) ?? 0) < minPerDay).length,
    daysAboveMax: days.filter((d) => (perDay.get(d) ?? 0) > maxPerDay).length,
    totalCalls: calls.length,
  };
}
