import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateCyclePlan,
  planQuality,
  type AvailableHalfDay,
  type PlanDoctor,
  type PlannedCall,
} from './plan-generator.ts';
import { workingDaysBetween } from './working-days.ts';

// 2026-11-02 … 2026-11-27: four plain weeks, Monday–Friday, 20 working days, no holidays.
const cycle = workingDaysBetween('2026-11-02', '2026-11-29');
const weekOf = (date: string) => Math.floor(cycle.indexOf(date) / 5);
const weekdayOf = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

function doctor(id: string, over: Partial<PlanDoctor> = {}): PlanDoctor {
  return { id, hospitalId: 'H1', grade: 'A', requiredCalls: 1, available: [], ...over };
}

const callsOf = (calls: PlannedCall[], doctorId: string) => calls.filter((c) => c.doctorId === doctorId);

describe('generateCyclePlan — hand-checked cases', () => {
  it.each([
    ['Tuesday mornings', [{ weekday: 2, halfDay: 'am' }], 4],
    ['Thursday afternoons', [{ weekday: 4, halfDay: 'pm' }], 4],
    [
      'Monday and Friday mornings',
      [
        { weekday: 1, halfDay: 'am' },
        { weekday: 5, halfDay: 'am' },
      ],
      4,
    ],
  ] as [string, AvailableHalfDay[], number][])(
    'a doctor available only on %s is only called then',
    (_label, available, required) => {
      const plan = generateCyclePlan({
        workingDays: cycle,
        doctors: [doctor('d1', { available, requiredCalls: required })],
      });
      const calls = callsOf(plan.calls, 'd1');
      expect(calls).toHaveLength(required);
      for (const call of calls) {
        expect(available).toContainEqual({ weekday: weekdayOf(call.date), halfDay: call.halfDay });
      }
      expect(plan.quality.callsOutsideAvailability).toBe(0);
    },
  );

  it('spreads a 4-visit doctor to one call per week', () => {
    const plan = generateCyclePlan({ workingDays: cycle, doctors: [doctor('d1', { requiredCalls: 4 })] });
    expect(plan.calls.map((c) => weekOf(c.date))).toEqual([0, 1, 2, 3]);
  });

  it.each([
    [1, 2],
    [2, 4],
  ])('with a %d-visit and a %d-visit doctor, calls fall in separate equal parts of the cycle', (k1, k2) => {
    const plan = generateCyclePlan({
      workingDays: cycle,
      doctors: [doctor('d1', { requiredCalls: k1 }), doctor('d2', { requiredCalls: k2 })],
    });
    const parts = (id: string, k: number) =>
      callsOf(plan.calls, id).map((c) => Math.floor((cycle.indexOf(c.date) * k) / 20));
    expect(parts('d1', k1)).toEqual(Array.from({ length: k1 }, (_, i) => i));
    expect(parts('d2', k2)).toEqual(Array.from({ length: k2 }, (_, i) => i));
  });

  it('serves A before B when capacity is short, and says who misses how much', () => {
    // One working day, at most 2 calls: three doctors want a call.
    const plan = generateCyclePlan({
      workingDays: ['2026-11-02'],
      doctors: [doctor('b1', { grade: 'B' }), doctor('a1', { grade: 'A' }), doctor('a2', { grade: 'A' })],
      options: { maxPerDay: 2, minPerDay: 1 },
    });
    expect(plan.calls.map((c) => c.doctorId).sort()).toEqual(['a1', 'a2']);
    expect(plan.underServed).toEqual([{ doctorId: 'b1', required: 1, planned: 0, missing: 1 }]);
    expect(plan.quality.frequencyAttainmentPct).toBeCloseTo(66.7);
  });

  it.each([
    ['an A doctor with 8 calls but 5 days', 8, 5, 3],
    ['a C doctor with 2 calls and 2 days', 2, 2, 0],
    ['a doctor with 1 call and no working day', 1, 0, 1],
  ])('%s misses %d calls', (_label, required, dayCount, missing) => {
    const plan = generateCyclePlan({
      workingDays: cycle.slice(0, dayCount),
      doctors: [doctor('d1', { requiredCalls: required })],
    });
    expect(plan.underServed).toEqual(
      missing === 0 ? [] : [{ doctorId: 'd1', required, planned: required - missing, missing }],
    );
  });

  it('keeps half-days inside one hospital when possible', () => {
    // Two hospitals, 6 doctors each, all available any time, one call each in one week; capacity allows it.
    const doctors = ['H1', 'H2'].flatMap((h) =>
      Array.from({ length: 6 }, (_, i) => doctor(`${h}-d${i}`, { hospitalId: h, grade: 'B' })),
    );
    const plan = generateCyclePlan({ workingDays: cycle.slice(0, 5), doctors, options: { minPerDay: 0 } });
    expect(plan.calls).toHaveLength(12);
    expect(plan.quality.hospitalSwitchesPerDay).toBe(0);
    const bySlot = new Map<string, Set<string>>();
    for (const c of plan.calls) {
      const key = `${c.date}${c.halfDay}`;
      bySlot.set(key, (bySlot.get(key) ?? new Set()).add(c.hospitalId));
    }
    for (const hospitals of bySlot.values()) expect(hospitals.size).toBe(1);
  });

  it('keeps locked calls where they are and counts them toward frequency', () => {
    const plan = generateCyclePlan({
      workingDays: cycle,
      doctors: [doctor('d1', { requiredCalls: 4, locked: [{ date: '2026-11-11', halfDay: 'pm' }] })],
    });
    const calls = callsOf(plan.calls, 'd1');
    expect(calls).toHaveLength(4);
    expect(calls.filter((c) => c.locked)).toEqual([
      { doctorId: 'd1', hospitalId: 'H1', date: '2026-11-11', halfDay: 'pm', locked: true },
    ]);
    // The locked call holds week 2, the generated three take the other weeks.
    expect(calls.map((c) => weekOf(c.date))).toEqual([0, 1, 2, 3]);
  });

  it('never plans a doctor twice a day, even next to a locked call', () => {
    const plan = generateCyclePlan({
      workingDays: cycle.slice(0, 2),
      doctors: [doctor('d1', { requiredCalls: 2, locked: [{ date: cycle[0]!, halfDay: 'am' }] })],
    });
    expect(plan.calls.map((c) => c.date)).toEqual([cycle[0], cycle[1]]);
  });

  it('rejects duplicate doctor ids', () => {
    expect(() => generateCyclePlan({ workingDays: cycle, doctors: [doctor('x'), doctor('x')] })).toThrow(
      RangeError,
    );
  });

  it.each([
    ['8 calls on a day', 8, 1, 0],
    ['12 calls on a day', 12, 0, 0],
    ['16 calls on a day', 16, 0, 1],
  ])('planQuality flags %s', (_label, count, below, above) => {
    const calls = Array.from({ length: count }, (_, i) => ({
      doctorId: `d${i}`,
      hospitalId: 'H1',
      date: '2026-11-02',
      halfDay: 'am' as const,
      locked: true,
    }));
    const q = planQuality(['2026-11-02'], [], calls);
    expect([q.daysBelowMin, q.daysAboveMax]).toEqual([below, above]);
  });
});

// Random reps: a few hospitals, doctors with random availability and frequencies, some locked calls placed
// inside availability (locked calls outside it are the rep's own choice and not the generator's).
const doctorsArb = fc
  .array(
    fc.record({
      hospital: fc.integer({ min: 0, max: 4 }),
      grade: fc.constantFrom('A', 'B', 'C', 'X'),
      requiredCalls: fc.integer({ min: 0, max: 6 }),
      available: fc.uniqueArray(
        fc.record({
          weekday: fc.integer({ min: 1, max: 5 }),
          halfDay: fc.constantFrom<'am' | 'pm'>('am', 'pm'),
        }),
        { maxLength: 4, selector: (a) => `${a.weekday}${a.halfDay}` },
      ),
      lockDay: fc.option(fc.integer({ min: 0, max: 19 }), { nil: undefined }),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map((r, i): PlanDoctor => {
      const date = r.lockDay === undefined ? undefined : cycle[r.lockDay]!;
      const slot = date && r.available.find((a) => a.weekday === weekdayOf(date));
      const locked =
        date && (r.available.length === 0 || slot) ? [{ date, halfDay: slot ? slot.halfDay : 'am' }] : [];
      return {
        id: `d${String(i).padStart(3, '0')}`,
        hospitalId: `H${r.hospital}`,
        grade: r.grade,
        requiredCalls: Math.max(r.requiredCalls, locked.length),
        available: r.available,
        locked,
      };
    }),
  );
type RandomInput = { doctors: PlanDoctor[]; dayCount: number; maxPerDay: number };
const inputArb: fc.Arbitrary<RandomInput> = fc.record({
  doctors: doctorsArb,
  dayCount: fc.integer({ min: 0, max: 20 }),
  maxPerDay: fc.integer({ min: 1, max: 15 }),
});

describe('generateCyclePlan — properties', () => {
  const run = ({ doctors, dayCount, maxPerDay }: RandomInput) =>
    generateCyclePlan({ workingDays: cycle.slice(0, dayCount), doctors, options: { maxPerDay } });

  it('never places a call outside availability', () => {
    fc.assert(fc.property(inputArb, (input) => run(input).quality.callsOutsideAvailability === 0));
  });

  it('never exceeds the daily or half-day maximum with generated calls', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = run(input);
        const count = (key: (c: PlannedCall) => string) => {
          const m = new Map<string, number>();
          for (const c of plan.calls) m.set(key(c), (m.get(key(c)) ?? 0) + 1);
          return m;
        };
        const perDay = count((c) => c.date);
        const perHalfDay = count((c) => `${c.date}|${c.halfDay}`);
        // Locked calls are the rep's and may already crowd a day; the generator only adds where there is room.
        return plan.calls
          .filter((c) => !c.locked)
          .every(
            (c) =>
              perDay.get(c.date)! <= input.maxPerDay &&
              perHalfDay.get(`${c.date}|${c.halfDay}`)! <= Math.ceil(input.maxPerDay / 2),
          );
      }),
    );
  });

  it('reports no day above the maximum when nothing is locked', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const doctors = input.doctors.map((d) => ({ ...d, locked: [] }));
        return run({ ...input, doctors }).quality.daysAboveMax === 0;
      }),
    );
  });

  it('never plans a doctor twice on one day', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const keys = run(input).calls.map((c) => `${c.doctorId}|${c.date}`);
        return new Set(keys).size === keys.length;
      }),
    );
  });

  it('plans no more than required, and under-served adds up', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = run(input);
        return input.doctors.every((d) => {
          const planned = callsOf(plan.calls, d.id).length;
          const missing = plan.underServed.find((u) => u.doctorId === d.id)?.missing ?? 0;
          return planned <= d.requiredCalls && planned + missing === d.requiredCalls;
        });
      }),
    );
  });

  it('is deterministic, also when the doctors come in another order', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = run(input);
        expect(run(input)).toEqual(first);
        expect(run({ ...input, doctors: [...input.doctors].reverse() })).toEqual(first);
      }),
    );
  });

  it('keeps every locked call', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = run(input);
        return input.doctors.every((d) =>
          (d.locked ?? []).every((l) =>
            plan.calls.some(
              (c) => c.locked && c.doctorId === d.id && c.date === l.date && c.halfDay === l.halfDay,
            ),
          ),
        );
      }),
    );
  });
});

// Speed is measured by plan-benchmark.ts, never asserted here.
describe('generateCyclePlan — a full rep', () => {
  it('plans 300 doctors over 20 days within availability and the daily maximum', () => {
    const doctors = Array.from({ length: 300 }, (_, i) =>
      doctor(`d${i}`, {
        hospitalId: `H${i % 12}`,
        grade: i < 30 ? 'A' : i < 90 ? 'B' : 'C',
        requiredCalls: i < 30 ? 4 : i < 90 ? 2 : 1,
        available: [1, 2, 3, 4, 5]
          .filter((w) => (w + i) % 3 !== 0)
          .map((weekday) => ({ weekday, halfDay: i % 2 ? 'am' : 'pm' })),
      }),
    );
    const plan = generateCyclePlan({ workingDays: cycle, doctors });
    expect(plan.quality.callsOutsideAvailability).toBe(0);
    expect(plan.quality.daysAboveMax).toBe(0);
  });
});
