import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { callDateOf } from '@keqing/domain';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { calls, coVisits, followUps } from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/**
 * Fixture calls, follow-ups and co-visits, written straight to the database once per world. Their ids are
 * drawn when a case first asks for them (records() is synchronous), the rows when a request first runs.
 *
 *   draft1a  rep1a on d1a, draft          sub1a  rep1a on d1a, submitted (co-visit cv1a by m1)
 *   sub1b    rep1b on d1b, submitted      cvCall1b rep1b on d1b, submitted (co-visit cv1b by m1)
 *   draftM1  m1 on d1b, draft             sub2a  rep2a on d2a, submitted (co-visit cv2a by m2)
 *   draft2a  rep2a on d2a, draft
 *   follow-ups fu1a (rep1a), fu1b (rep1b), fuM1 (m1), fu2a (rep2a)
 */
const callNames = ['draft1a', 'sub1a', 'sub1b', 'cvCall1b', 'draftM1', 'sub2a', 'draft2a'] as const;
const coVisitNames = ['cv1a', 'cv1b', 'cv2a'] as const;
const followUpNames = ['fu1a', 'fu1b', 'fuM1', 'fu2a'] as const;
type Ids = {
  calls: Record<(typeof callNames)[number], string>;
  coVisits: Record<(typeof coVisitNames)[number], string>;
  followUps: Record<(typeof followUpNames)[number], string>;
};

const idsOf = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, randomUUID()]));
const allIds = new WeakMap<World, Ids>();
function ids(w: World): Ids {
  let found = allIds.get(w);
  if (!found) {
    found = {
      calls: idsOf(callNames) as Ids['calls'],
      coVisits: idsOf(coVisitNames) as Ids['coVisits'],
      followUps: idsOf(followUpNames) as Ids['followUps'],
    };
    allIds.set(w, found);
  }
  return found;
}

/**
 * Every call the cases write gets its own 10-minute slot going back from when this module loaded, so no
 * two overlap whoever owns them (the overlap rule would refuse the write otherwise).
 */
const base = Date.now() - 5 * 60_000;
let slots = 0;
function nextSlot() {
  const start = base - (++slots * 15 + 10) * 60_000;
  return { startAt: new Date(start).toISOString(), endAt: new Date(start + 10 * 60_000).toISOString() };
}

type Doctor = World['doctors']['d1a'];
async function insertCall(
  db: Db,
  w: World,
  v: { id?: string; ownerId: string; doctor: Doctor; status: 'draft' | 'submitted'; nextStep?: string },
) {
  const slot = nextSlot();
  const [row] = await db
    .insert(calls)
    .values({
      id: v.id,
      clientId: randomUUID(),
      ownerId: v.ownerId,
      doctorId: v.doctor.id,
      hospitalId: v.doctor.hospitalId,
      type: 'visit',
      ...slot,
      callDate: callDateOf(slot.startAt),
      status: v.status,
      productIds: [w.products.p1.id],
      products: [{ productId: w.products.p1.id, keyMessages: [] }],
      objectives: [{ text: '了解降脂治疗的顾虑', outcome: 'achieved' }],
      objectiveCount: 1,
      nextStep: v.nextStep ?? null,
      submittedAt: v.status === 'submitted' ? new Date().toISOString() : null,
    })
    .returning({ id: calls.id });
  return row!.id;
}

const fixtures = new WeakMap<World, Promise<void>>();
function ensureFixtures(w: World, db: Db): Promise<void> {
  let done = fixtures.get(w);
  if (!done) {
    done = (async () => {
      const { calls: c, coVisits: cv, followUps: fu } = ids(w);
      const { rep1a, rep1b, rep2a, m1, m2 } = w.users;
      const { d1a, d1b, d2a } = w.doctors;
      await insertCall(db, w, { id: c.draft1a, ownerId: rep1a.id, doctor: d1a, status: 'draft' });
      await insertCall(db, w, { id: c.sub1a, ownerId: rep1a.id, doctor: d1a, status: 'submitted' });
      await insertCall(db, w, { id: c.sub1b, ownerId: rep1b.id, doctor: d1b, status: 'submitted' });
      await insertCall(db, w, { id: c.cvCall1b, ownerId: rep1b.id, doctor: d1b, status: 'submitted' });
      await insertCall(db, w, { id: c.draftM1, ownerId: m1.id, doctor: d1b, status: 'draft' });
      await insertCall(db, w, { id: c.sub2a, ownerId: rep2a.id, doctor: d2a, status: 'submitted' });
      await insertCall(db, w, { id: c.draft2a, ownerId: rep2a.id, doctor: d2a, status: 'draft' });
      const evaluations = [{ step: 'opening', score: 4, comment: '开场自然' }];
      await db.insert(coVisits).values([
        { id: cv.cv1a, callId: c.sub1a, managerId: m1.id, repId: rep1a.id, evaluations },
        { id: cv.cv1b, callId: c.cvCall1b, managerId: m1.id, repId: rep1b.id, evaluations },
        { id: cv.cv2a, callId: c.sub2a, managerId: m2.id, repId: rep2a.id, evaluations },
      ]);
      const due = callDateOf(new Date(base).toISOString());
      await db.insert(followUps).values([
        {
          id: fu.fu1a,
          callId: c.sub1a,
          ownerId: rep1a.id,
          doctorId: d1a.id,
          title: '送新版说明书',
          dueDate: due,
        },
        {
          id: fu.fu1b,
          callId: c.sub1b,
          ownerId: rep1b.id,
          doctorId: d1b.id,
          title: '约科室会',
          dueDate: due,
        },
        { id: fu.fuM1, ownerId: m1.id, doctorId: d1b.id, title: '拜访科主任', dueDate: due },
        {
          id: fu.fu2a,
          callId: c.sub2a,
          ownerId: rep2a.id,
          doctorId: d2a.id,
          title: '药事会材料',
          dueDate: due,
        },
      ]);
    })();
    fixtures.set(w, done);
  }
  return done;
}

type Request = ScopeCase['request'];
const withFixtures =
  (request: Request): Request =>
  async (w, id, db) => {
    await ensureFixtures(w, db);
    return request(w, id, db);
  };

const versionOf = async (db: Db, table: typeof calls | typeof coVisits | typeof followUps, id: string) => {
  const [row] = await db.select({ v: table.version }).from(table).where(eq(table.id, id));
  return row?.v ?? 1;
};

/** A fresh draft with the owner and doctor of call `id`, for routes that use a draft up (submit, delete). */
async function cloneDraft(db: Db, w: World, id: string) {
  const [source] = await db
    .select({ ownerId: calls.ownerId, doctorId: calls.doctorId })
    .from(calls)
    .where(eq(calls.id, id));
  const doctor = Object.values(w.doctors).find((d) => d.id === source!.doctorId)!;
  return insertCall(db, w, { ownerId: source!.ownerId, doctor, status: 'draft', nextStep: '下周复访' });
}

type Records = Record<Role, { in: string; out?: string }>;
/** Calls: a rep sees their own (not a teammate's on another hospital); m1 their team's (not team2's). */
const callRecords = (w: World): Records => {
  const c = ids(w).calls;
  return {
    rep: { in: c.draft1a, out: c.sub2a },
    manager: { in: c.sub1b, out: c.sub2a },
    admin: { in: c.sub1a, out: c.sub2a },
    compliance: { in: c.sub1a, out: c.sub2a },
  };
};
/** Drafts of the caller's own; the admin's target is someone else's (refused whatever it is). */
const draftRecords = (w: World): Records => {
  const c = ids(w).calls;
  return {
    rep: { in: c.draft1a, out: c.draft2a },
    manager: { in: c.draftM1, out: c.draft2a },
    admin: { in: c.draft1a },
    compliance: { in: c.draft1a },
  };
};
const ownerWrites: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};
const coVisitRecords = (w: World): Records => {
  const cv = ids(w).coVisits;
  return {
    rep: { in: cv.cv1a, out: cv.cv2a },
    manager: { in: cv.cv1b, out: cv.cv2a },
    admin: { in: cv.cv1a, out: cv.cv2a },
    compliance: { in: cv.cv1a, out: cv.cv2a },
  };
};
const followUpRecords = (w: World): Records => {
  const fu = ids(w).followUps;
  return {
    rep: { in: fu.fu1a, out: fu.fu1b },
    manager: { in: fu.fu1b, out: fu.fu2a },
    admin: { in: fu.fu1a, out: fu.fu2a },
    compliance: { in: fu.fu1a, out: fu.fu2a },
  };
};

export const callsScopeCases: ScopeCase[] = [
  // ── call records ──
  {
    route: 'GET /api/calls',
    kind: 'list',
    access: byTerritory,
    records: callRecords,
    request: withFixtures(() => ({ method: 'GET', url: '/api/calls?pageSize=200' })),
  },
  {
    route: 'GET /api/calls/:id',
    kind: 'item',
    access: byTerritory,
    records: callRecords,
    request: withFixtures((_w, id) => ({ method: 'GET', url: `/api/calls/${id}` })),
  },
  {
    // out of scope is a field error on the doctor (tested in calls.test.ts), so only in-scope doctors here
    route: 'POST /api/calls',
    kind: 'write',
    access: ownerWrites,
    okStatus: 201,
    records: (w) => ({
      rep: { in: w.doctors.d1a.id },
      manager: { in: w.doctors.d1b.id },
      admin: { in: w.doctors.d1a.id },
      compliance: { in: w.doctors.d1a.id },
    }),
    request: withFixtures((w, id) => ({
      method: 'POST',
      url: '/api/calls',
      payload: {
        clientId: randomUUID(),
        doctorId: id,
        type: 'visit',
        ...nextSlot(),
        products: [{ productId: w.products.p1.id }],
        objectives: [{ text: '了解用药顾虑', outcome: 'achieved' }],
      },
    })),
  },
  {
    route: 'PATCH /api/calls/:id',
    kind: 'write',
    access: ownerWrites,
    records: draftRecords,
    request: withFixtures(async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/calls/${id}`,
      payload: { version: await versionOf(db, calls, id), notes: uniqueName('备注') },
    })),
  },
  {
    route: 'POST /api/calls/:id/submit',
    kind: 'write',
    access: ownerWrites,
    records: draftRecords,
    request: withFixtures(async (w, id, db) => ({
      method: 'POST',
      url: `/api/calls/${await cloneDraft(db, w, id)}/submit`,
      payload: { version: 1 },
    })),
  },
  {
    route: 'DELETE /api/calls/:id',
    kind: 'write',
    access: ownerWrites,
    okStatus: 204,
    records: draftRecords,
    request: withFixtures(async (w, id, db) => ({
      method: 'DELETE',
      url: `/api/calls/${await cloneDraft(db, w, id)}`,
    })),
  },
  {
    // the owner, or the manager of the owner's team
    route: 'POST /api/calls/:id/amendments',
    kind: 'write',
    access: ownerWrites,
    records: (w) => {
      const c = ids(w).calls;
      return {
        rep: { in: c.sub1a, out: c.sub2a },
        manager: { in: c.sub1b, out: c.sub2a },
        admin: { in: c.sub1a },
        compliance: { in: c.sub1a },
      };
    },
    request: withFixtures(async (_w, id, db) => ({
      method: 'POST',
      url: `/api/calls/${id}/amendments`,
      payload: {
        version: await versionOf(db, calls, id),
        reason: '补录拜访备注',
        changes: { notes: uniqueName('更正') },
      },
    })),
  },
  {
    route: 'GET /api/calls/:id/amendments',
    kind: 'item',
    access: byTerritory,
    records: callRecords,
    request: withFixtures((_w, id) => ({ method: 'GET', url: `/api/calls/${id}/amendments` })),
  },

  // ── follow-ups ──
  {
    route: 'GET /api/follow-ups',
    kind: 'list',
    access: byTerritory,
    records: followUpRecords,
    request: withFixtures(() => ({ method: 'GET', url: '/api/follow-ups?pageSize=200' })),
  },
  {
    route: 'PATCH /api/follow-ups/:id',
    kind: 'write',
    access: ownerWrites,
    records: (w) => {
      const fu = ids(w).followUps;
      return {
        rep: { in: fu.fu1a, out: fu.fu2a },
        manager: { in: fu.fuM1, out: fu.fu2a },
        admin: { in: fu.fu1a },
        compliance: { in: fu.fu1a },
      };
    },
    request: withFixtures(async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/follow-ups/${id}`,
      payload: { version: await versionOf(db, followUps, id), resolutionNote: uniqueName('已联系') },
    })),
  },

  // ── co-visits ──
  {
    route: 'GET /api/co-visits',
    kind: 'list',
    access: byTerritory,
    records: coVisitRecords,
    request: withFixtures(() => ({ method: 'GET', url: '/api/co-visits?pageSize=200' })),
  },
  {
    route: 'GET /api/co-visits/:id',
    kind: 'item',
    access: byTerritory,
    records: coVisitRecords,
    request: withFixtures((_w, id) => ({ method: 'GET', url: `/api/co-visits/${id}` })),
  },
  {
    // m1 coaches rep1b's submitted call; rep2a's belongs to team2 → 404
    route: 'POST /api/co-visits',
    kind: 'write',
    access: { rep: 'forbidden', manager: 'scoped', admin: 'forbidden', compliance: 'forbidden' },
    okStatus: 201,
    records: (w) => {
      const c = ids(w).calls;
      return {
        rep: { in: c.sub1a },
        manager: { in: c.sub1b, out: c.sub2a },
        admin: { in: c.sub1b },
        compliance: { in: c.sub1b },
      };
    },
    request: withFixtures((_w, id) => ({
      method: 'POST',
      url: '/api/co-visits',
      payload: {
        callId: id,
        evaluations: [
          { step: 'opening', score: 4 },
          { step: 'probing', score: 3, comment: '追问不够' },
        ],
      },
    })),
  },
  {
    // the manager who wrote it; a rep or admin who can see it is refused
    route: 'PATCH /api/co-visits/:id',
    kind: 'write',
    access: { rep: 'forbidden', manager: 'scoped', admin: 'forbidden', compliance: 'forbidden' },
    records: coVisitRecords,
    request: withFixtures(async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/co-visits/${id}`,
      payload: { version: await versionOf(db, coVisits, id), strengths: uniqueName('准备充分') },
    })),
  },
  {
    route: 'POST /api/co-visits/:id/acknowledge',
    kind: 'write',
    access: { rep: 'scoped', manager: 'forbidden', admin: 'forbidden', compliance: 'forbidden' },
    records: coVisitRecords,
    request: withFixtures(async (_w, id, db) => ({
      method: 'POST',
      url: `/api/co-visits/${id}/acknowledge`,
      payload: { version: await versionOf(db, coVisits, id), repComment: '收到，下次注意探询' },
    })),
  },
];
