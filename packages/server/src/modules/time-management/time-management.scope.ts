import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, sameFor } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';
import { insertFixtureEntry } from './time-management.fixtures.ts';

type Records = Record<Role, { in: string; out?: string }>;

/**
 * Reads name the owner (`?ownerId=`), so each runs as an item case: an owner in the caller's user scope answers
 * 200 (rep: self; manager: a member of their team; admin/compliance: anyone), another team's rep 404. The lists'
 * contents (own records only) are checked in time-management.test.ts.
 */
const owners = (w: World): Records => ({
  rep: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  manager: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  admin: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  compliance: { in: w.users.rep1a.id, out: w.users.rep2a.id },
});

/** The owner writes; a manager writes their own (another team's: 404); admin on a rep's record 403; compliance 403. */
const ownerWrites: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};
const taskRecords = (w: World): Records => ({
  rep: { in: w.timeManagement.task1a, out: w.timeManagement.task2a },
  manager: { in: w.timeManagement.taskM1, out: w.timeManagement.task2a },
  admin: { in: w.timeManagement.task1a },
  compliance: { in: w.timeManagement.task1a },
});
const entryRecords = (w: World): Records => ({
  rep: { in: w.timeManagement.entry1a, out: w.timeManagement.entry2a },
  manager: { in: w.timeManagement.entryM1, out: w.timeManagement.entry2a },
  admin: { in: w.timeManagement.entry1a },
  compliance: { in: w.timeManagement.entry1a },
});

/** Everyone but compliance (read-only) keeps their own tasks and time log. */
const selfWrites: Record<Role, Access> = {
  rep: 'all',
  manager: 'all',
  admin: 'all',
  compliance: 'forbidden',
};

async function versionOf(db: Db, table: typeof s.tasks | typeof s.timeEntries, id: string) {
  const [row] = await db.select({ version: table.version }).from(table).where(eq(table.id, id));
  return row?.version ?? 1;
}

export const timeManagementScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/tasks',
    kind: 'item',
    access: byTerritory,
    records: owners,
    request: (_w, id) => ({ method: 'GET', url: `/api/tasks?ownerId=${id}` }),
  },
  {
    route: 'GET /api/tasks/matrix',
    kind: 'item',
    access: byTerritory,
    records: owners,
    request: (_w, id) => ({ method: 'GET', url: `/api/tasks/matrix?ownerId=${id}` }),
  },
  {
    route: 'POST /api/tasks',
    kind: 'write',
    access: selfWrites,
    okStatus: 201,
    records: (w) => sameFor(w.users.rep1a.id),
    request: () => ({
      method: 'POST',
      url: '/api/tasks',
      payload: { clientId: randomUUID(), title: '回访李主任', important: true, urgent: true },
    }),
  },
  {
    route: 'PATCH /api/tasks/:id',
    kind: 'write',
    access: ownerWrites,
    records: taskRecords,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/tasks/${id}`,
      payload: { version: await versionOf(db, s.tasks, id), notes: '已约好时间' },
    }),
  },
  {
    route: 'GET /api/time-entries',
    kind: 'item',
    access: byTerritory,
    records: owners,
    request: (_w, id) => ({ method: 'GET', url: `/api/time-entries?ownerId=${id}` }),
  },
  {
    route: 'POST /api/time-entries',
    kind: 'write',
    access: selfWrites,
    okStatus: 201,
    records: (w) => sameFor(w.users.rep1a.id),
    request: () => ({
      method: 'POST',
      url: '/api/time-entries',
      payload: {
        clientId: randomUUID(),
        date: '2026-11-20',
        activity: 'travel',
        kind: 'actual',
        minutes: 45,
      },
    }),
  },
  {
    route: 'PATCH /api/time-entries/:id',
    kind: 'write',
    access: ownerWrites,
    records: entryRecords,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/time-entries/${id}`,
      payload: { version: await versionOf(db, s.timeEntries, id), minutes: 40 },
    }),
  },
  {
    // each call deletes a fresh entry of the fixture's owner, so the next role still finds one
    route: 'DELETE /api/time-entries/:id',
    kind: 'write',
    access: ownerWrites,
    okStatus: 204,
    records: entryRecords,
    request: async (_w, id, db) => {
      const [e] = await db
        .select({ ownerId: s.timeEntries.ownerId })
        .from(s.timeEntries)
        .where(eq(s.timeEntries.id, id));
      return { method: 'DELETE', url: `/api/time-entries/${await insertFixtureEntry(db, e!.ownerId)}` };
    },
  },
  {
    route: 'GET /api/time-review',
    kind: 'item',
    access: byTerritory,
    records: owners,
    request: (_w, id) => ({ method: 'GET', url: `/api/time-review?ownerId=${id}&weekStart=2026-11-16` }),
  },
];
