import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '@keqing/shared';
import { allScopeCases } from './all-scope-cases.ts';
import { checkScopeCase, type Exemption, type ScopeCase } from './scope-matrix.ts';
import { createTestApp, type Client, type TestApp } from './test-app.ts';
import { actorFor, createWorld, type World } from './world.ts';

const cases: ScopeCase[] = allScopeCases;

/** Routes that act only on the caller's own session: there is no other record to leak. */
const exemptions: Exemption[] = [
  { route: 'GET /api/auth/me', why: "the caller's own session" },
  { route: 'POST /api/auth/logout', why: "ends the caller's own session" },
  { route: 'POST /api/auth/password', why: "changes the caller's own password" },
  { route: 'POST /api/auth/logout-everywhere', why: "ends the caller's own sessions" },
];

let t: TestApp;
let w: World;
const clients = {} as Record<Role, Client>;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  for (const role of roles) clients[role] = await t.signIn(actorFor(w, role).username);
});
afterAll(async () => t?.close());

describe('scope matrix: every route × every role × in/out of scope', () => {
  it('every registered API route has a scope case or a stated exemption', () => {
    const declared = new Set([...cases.map((c) => c.route), ...exemptions.map((e) => e.route)]);
    const missing = t.app.routeTable
      .filter((r) => !r.public && r.url.startsWith('/api/'))
      .map((r) => `${r.method} ${r.url}`)
      .filter((route) => !declared.has(route));
    expect(missing).toEqual([]);
  });

  it('declares no case for a route that does not exist', () => {
    const registered = new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`));
    expect(cases.map((c) => c.route).filter((r) => !registered.has(r))).toEqual([]);
  });

  it.each(cases.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
    await checkScopeCase(c, w, t.database.db, clients);
  });
});
