import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { complaints } from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/**
 * Fixture complaints, written straight to the database once per world (received now, normal severity):
 *   c1a rep1a on d1a · c1b rep1b on d1b · c2a rep2a on d2a
 * The advance route acts on a fresh copy of the named complaint, so every role finds it received.
 */
type Owner = 'rep1a' | 'rep1b' | 'rep2a';
type DoctorKey = 'd1a' | 'd1b' | 'd2a';
const specs = {
  c1a: { owner: 'rep1a', doctor: 'd1a' },
  c1b: { owner: 'rep1b', doctor: 'd1b' },
  c2a: { owner: 'rep2a', doctor: 'd2a' },
} satisfies Record<string, { owner: Owner; doctor: DoctorKey }>;
type Name = keyof typeof specs;

const allIds = new WeakMap<World, Record<Name, string>>();
function ids(w: World): Record<Name, string> {
  let found = allIds.get(w);
  if (!found) {
    found = { c1a: randomUUID(), c1b: randomUUID(), c2a: randomUUID() };
    allIds.set(w, found);
  }
  return found;
}

async function insertComplaint(db: Db, w: World, name: Name, id?: string): Promise<string> {
  const spec = specs[name];
  const doctor = w.doctors[spec.doctor];
  const received = new Date();
  const [row] = await db
    .insert(complaints)
    .values({
      id,
      ownerId: w.users[spec.owner].id,
      doctorId: doctor.id,
      hospitalId: doctor.hospitalId,
      issueType: 'quality',
      description: uniqueName('药品包装内有异物'),
      receivedAt: received.toISOString(),
      channel: 'visit',
      acknowledgeDueAt: new Date(received.getTime() + 24 * 3_600_000).toISOString(),
      closeDueAt: new Date(received.getTime() + 7 * 24 * 3_600_000).toISOString(),
    })
    .returning({ id: complaints.id });
  return row!.id;
}

const ready = new WeakMap<World, Promise<void>>();
function ensureFixtures(w: World, db: Db): Promise<void> {
  let p = ready.get(w);
  if (!p) {
    p = (async () => {
      for (const [name, id] of Object.entries(ids(w)) as [Name, string][])
        await insertComplaint(db, w, name, id);
    })();
    ready.set(w, p);
  }
  return p;
}

const withFixtures =
  (build: ScopeCase['request']): ScopeCase['request'] =>
  async (w, id, db) => {
    await ensureFixtures(w, db);
    return build(w, id, db);
  };

const versionOf = async (db: Db, id: string) =>
  (await db.select({ version: complaints.version }).from(complaints).where(eq(complaints.id, id)))[0]
    ?.version ?? 1;

type Records = Record<Role, { in: string; out?: string }>;
const complaintRecords = (w: World): Records => {
  const c = ids(w);
  return {
    rep: { in: c.c1a, out: c.c2a },
    manager: { in: c.c1b, out: c.c2a },
    admin: { in: c.c1a, out: c.c2a },
    compliance: { in: c.c1a, out: c.c2a },
  };
};

/** The owner or the manager of the owner's team; admin and compliance never change a complaint. */
const ownerWrites: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};

export const complaintsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/complaints',
    kind: 'list',
    access: byTerritory,
    records: complaintRecords,
    request: withFixtures(() => ({ method: 'GET', url: '/api/complaints?pageSize=200' })),
  },
  {
    route: 'GET /api/complaints/:id',
    kind: 'item',
    access: byTerritory,
    records: complaintRecords,
    request: withFixtures((_w, id) => ({ method: 'GET', url: `/api/complaints/${id}` })),
  },
  {
    // an out-of-scope doctor is a field error with nothing saved (complaints.test.ts), so only in-scope doctors
    route: 'POST /api/complaints',
    kind: 'write',
    access: ownerWrites,
    okStatus: 201,
    records: (w) => ({
      rep: { in: w.doctors.d1a.id },
      manager: { in: w.doctors.d1b.id },
      admin: { in: w.doctors.d1a.id },
      compliance: { in: w.doctors.d1a.id },
    }),
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/complaints',
      payload: {
        doctorId: id,
        issueType: 'quality',
        description: uniqueName('包装破损'),
        channel: 'phone',
      },
    }),
  },
  {
    route: 'PATCH /api/complaints/:id',
    kind: 'write',
    access: ownerWrites,
    records: complaintRecords,
    request: withFixtures(async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/complaints/${id}`,
      payload: { empoweredScope: uniqueName('可当场换货'), version: await versionOf(db, id) },
    })),
  },
  {
    route: 'POST /api/complaints/:id/advance',
    kind: 'write',
    access: ownerWrites,
    records: complaintRecords,
    request: withFixtures(async (w, id, db) => {
      const name = (Object.keys(specs) as Name[]).find((n) => ids(w)[n] === id)!;
      const copy = await insertComplaint(db, w, name);
      return {
        method: 'POST',
        url: `/api/complaints/${copy}/advance`,
        payload: { version: 1, to: 'acknowledged' },
      };
    }),
  },
];
