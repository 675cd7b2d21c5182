/**
 * No lost data under concurrency: two edits of one record with the same version → one wins, the other gets
 * 409 with the current version; the same submission sent several times at once → exactly one record.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '@keqing/domain';
import * as s from '../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../test/test-app.ts';
import { createWorld, type World } from '../test/world.ts';

let t: TestApp;
let w: World;
let rep: Client;
let repAgain: Client;
let manager: Client;
let admin: Client;
let adminAgain: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  [rep, repAgain, manager, admin, adminAgain] = await Promise.all([
    t.signIn('rep01'),
    t.signIn('rep01'),
    t.signIn('manager01'),
    t.signIn('admin'),
    t.signIn('admin'),
  ]);
});
afterAll(async () => t?.close());

async function versionOf(table: PgTable & { id: PgColumn; version: PgColumn }, id: string) {
  const [row] = await t.database.db
    .select({ version: table.version })
    .from(table as PgTable)
    .where(eq(table.id, id));
  return row!.version as number;
}

/** Exactly one 200; the other 409 VERSION_CONFLICT naming the version now stored. */
function expectOneWinner(results: LightMyRequestResponse[], storedVersion: number) {
  const statuses = results.map((r) => r.statusCode).sort();
  expect(statuses, results.map((r) => r.body).join('\n')).toEqual([200, 409]);
  const loser = results.find((r) => r.statusCode === 409)!.json();
  expect(loser.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: storedVersion } });
  expect(loser.error.message).toMatch(/[\u4e00-\u9fa5]/);
}

describe('two edits of one record with the same version', () => {
  it('doctor: the rep and the manager both edit version v → one saved, the other 409', async () => {
    const id = w.doctors.d1a.id;
    const version = await versionOf(s.doctors, id);
    const results = await Promise.all([
      rep.patch(`/api/doctors/${id}`, { bestVisitTime: '周二下午', version }),
      manager.patch(`/api/doctors/${id}`, { bestVisitTime: '周四上午', version }),
    ]);
    expectOneWinner(results, version + 1);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    const [stored] = await t.database.db.select().from(s.doctors).where(eq(s.doctors.id, id));
    expect(stored).toMatchObject({ version: version + 1, bestVisitTime: winner.bestVisitTime });
  });

  it('hospital: two admin sessions edit version v → one saved, the other 409', async () => {
    const id = w.hospitals.h1a.id;
    const version = await versionOf(s.hospitals, id);
    const results = await Promise.all([
      admin.patch(`/api/hospitals/${id}`, { notes: '甲的备注', version }),
      adminAgain.patch(`/api/hospitals/${id}`, { notes: '乙的备注', version }),
    ]);
    expectOneWinner(results, version + 1);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    const [stored] = await t.database.db.select().from(s.hospitals).where(eq(s.hospitals.id, id));
    expect(stored).toMatchObject({ version: version + 1, notes: winner.notes });
  });

  it('task: the same rep in two browser tabs → one saved, the other 409; a retry with the new version wins', async () => {
    const created = await rep.post('/api/tasks', {
      clientId: randomUUID(),
      title: '准备科室会',
      important: true,
      urgent: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, version } = created.json();
    const results = await Promise.all([
      rep.patch(`/api/tasks/${id}`, { notes: '第一个标签页', version }),
      repAgain.patch(`/api/tasks/${id}`, { notes: '第二个标签页', version }),
    ]);
    expectOneWinner(results, version + 1);
    const retry = await repAgain.patch(`/api/tasks/${id}`, { notes: '刷新后再改', version: version + 1 });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ notes: '刷新后再改', version: version + 2 });
  });
});

/** The same body sent `times` times at once: one 201, the rest 200 with the same record. */
async function sendAtOnce(
  client: Client,
  url: string,
  body: Record<string, unknown>,
  idOf: (answer: { id?: string; call?: { id: string } }) => string | undefined = (a) => a.id,
  times = 5,
) {
  const results = await Promise.all(Array.from({ length: times }, () => client.post(url, body)));
  const statuses = results.map((r) => r.statusCode).sort();
  expect(statuses, results.map((r) => r.body).join('\n')).toEqual([200, 200, 200, 200, 201].slice(-times));
  const ids = new Set(results.map((r) => idOf(r.json())));
  expect(ids.size).toBe(1);
  expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/);
  return [...ids][0]!;
}

const countWhere = async (table: PgTable, column: PgColumn, value: string) => {
  const [row] = await t.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(eq(column, value));
  return row!.n;
};

describe('one submission sent several times at once (same clientId)', () => {
  it('a call → one call, its objectives once', async () => {
    const clientId = randomUUID();
    const start = Date.now() - 3 * 60 * 60_000;
    const id = await sendAtOnce(
      rep,
      '/api/calls',
      {
        clientId,
        doctorId: w.doctors.d1a.id,
        type: 'visit',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 15 * 60_000).toISOString(),
        products: [{ productId: w.products.p1.id, keyMessages: ['降脂达标率高'] }],
        objectives: [
          { text: '了解降脂治疗的顾虑', outcome: 'achieved' },
          { text: '递送新版说明书', outcome: 'partly' },
          { text: '约定科室会时间', outcome: 'notAchieved' },
        ],
        submit: true,
      },
      (a) => a.call?.id,
    );
    expect(await countWhere(s.calls, s.calls.clientId, clientId)).toBe(1);
    const call = (await rep.get(`/api/calls/${id}`)).json();
    expect(call.objectives).toHaveLength(3);
    expect(call.status).toBe('submitted');
  });

  it('a task → one task', async () => {
    const clientId = randomUUID();
    await sendAtOnce(rep, '/api/tasks', { clientId, title: '回访李主任', important: true, urgent: false });
    expect(await countWhere(s.tasks, s.tasks.clientId, clientId)).toBe(1);
  });

  it('a time entry → one entry', async () => {
    const clientId = randomUUID();
    await sendAtOnce(rep, '/api/time-entries', {
      clientId,
      date: chinaDate(),
      activity: 'travel',
      kind: 'planned',
      minutes: 30,
    });
    expect(await countWhere(s.timeEntries, s.timeEntries.clientId, clientId)).toBe(1);
  });

  it('a prospect → one prospect', async () => {
    const clientId = randomUUID();
    await sendAtOnce(rep, '/api/prospects', {
      clientId,
      name: '闵行仁和药房',
      kind: 'pharmacy',
      source: 'marketInfo',
    });
    expect(await countWhere(s.channelProspects, s.channelProspects.clientId, clientId)).toBe(1);
  });

  it('a payment 回款 → one ledger entry', async () => {
    const clientId = randomUUID();
    await sendAtOnce(rep, '/api/ledger-entries', {
      kind: 'payment',
      channelCustomerId: w.channelCustomers.cc1a.id,
      entryDate: chinaDate(),
      amountFen: 12_300,
      clientId,
    });
    expect(await countWhere(s.ledgerEntries, s.ledgerEntries.clientId, clientId)).toBe(1);
  });
});
