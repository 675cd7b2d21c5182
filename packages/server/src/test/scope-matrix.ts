/**
 * The scope helper: for one route, checks each role against a record in its
 * scope and one outside it. Every module declares its routes' cases in a
 * `<module>.scope.ts`; scope-matrix.test.ts runs them all and fails for any
 * registered route that has no case (so a new route cannot be forgotten).
 */
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { roles, type Role } from '@keqing/shared';
import type { Db } from '../db/client.ts';
import type { Client } from './test-app.ts';
import type { World } from './world.ts';

/**
 * scoped    — in-scope record: success; out-of-scope: absent from lists / 404
 * all       — sees (or may change) every record
 * forbidden — 403 whatever the record
 */
export type Access = 'scoped' | 'all' | 'forbidden';

export type ScopeCase = {
  /** `METHOD /path/:param` exactly as registered */
  route: string;
  kind: 'list' | 'item' | 'write';
  /** The request for a target record id (lists ignore it, or use it in a filter). */
  request: (w: World, id: string, db: Db) => InjectOptions | Promise<InjectOptions>;
  /** Per role: a record in the actor's scope and, for 'scoped', one outside it. */
  records: (w: World) => Record<Role, { in: string; out?: string }>;
  access: Record<Role, Access>;
  /** Status of a successful call (default 200; 201 for creates). */
  okStatus?: number;
};

/** Routes that need no case, with the reason (kept short and honest). */
export type Exemption = { route: string; why: string };

const idsOf = (body: unknown): string[] =>
  ((body as { items?: { id: string }[] }).items ?? []).map((i) => i.id);

export async function checkScopeCase(c: ScopeCase, w: World, db: Db, clients: Record<Role, Client>) {
  for (const role of roles) {
    const access = c.access[role];
    const { in: inId, out: outId } = c.records(w)[role];
    const client = clients[role];
    const label = `${c.route} as ${role}`;
    const call = async (id: string) => client.request(await c.request(w, id, db));

    if (access === 'forbidden') {
      const res = await call(inId);
      expect(res.statusCode, `${label}: expected 403, got ${res.body}`).toBe(403);
      continue;
    }
    const ok = c.okStatus ?? 200;
    if (c.kind === 'list') {
      const res = await call(inId);
      expect(res.statusCode, `${label}: ${res.body}`).toBe(ok);
      const ids = idsOf(res.json());
      expect(ids, `${label}: in-scope record missing from the list`).toContain(inId);
      if (outId) {
        if (access === 'scoped')
          expect(ids, `${label}: out-of-scope record leaked into the list`).not.toContain(outId);
        else expect(ids, `${label}: record missing for a see-all role`).toContain(outId);
      }
      continue;
    }
    const inRes = await call(inId);
    expect(inRes.statusCode, `${label} (in scope): ${inRes.body}`).toBe(ok);
    if (outId) {
      const outRes = await call(outId);
      if (access === 'scoped') {
        expect(outRes.statusCode, `${label} (out of scope) must be 404: ${outRes.body}`).toBe(404);
      } else {
        expect(outRes.statusCode, `${label} (see-all role): ${outRes.body}`).toBe(ok);
      }
    }
  }
}

/** Same record for every role (for routes whose data is not scoped). */
export const sameFor = (id: string, out?: string): Record<Role, { in: string; out?: string }> => ({
  rep: { in: id, out },
  manager: { in: id, out },
  admin: { in: id, out },
  compliance: { in: id, out },
});

export const adminOnly: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'forbidden',
  admin: 'all',
  compliance: 'forbidden',
};
export const everyone: Record<Role, Access> = { rep: 'all', manager: 'all', admin: 'all', compliance: 'all' };
export const byTerritory: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'all',
};

let counter = 0;
/** A name no earlier call used, for create cases that run once per role. */
export const uniqueName = (prefix: string) => `${prefix}${Date.now().toString(36)}${++counter}`;
