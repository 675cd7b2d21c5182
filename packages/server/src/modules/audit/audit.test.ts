import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
});
afterAll(async () => t?.close());

describe('audit log', () => {
  it('records who changed which fields from what to what, and lets admin and compliance filter it', async () => {
    const admin = await t.signIn('admin');
    const team = (await admin.get(`/api/teams/${w.teams.team1.id}`)).json();
    await admin.patch(`/api/teams/${team.id}`, { name: '上海A组', version: team.version });
    const compliance = await t.signIn('compliance');
    const res = await compliance.get(`/api/audit-logs?entity=team&entityId=${team.id}&action=update`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0]).toMatchObject({
      actorName: '系统管理员',
      action: 'update',
      changes: { name: { before: '上海一组', after: '上海A组' } },
    });
    const byActor = await compliance.get(
      `/api/audit-logs?actorId=${w.users.admin.id}&from=2000-01-01&to=2099-12-31`,
    );
    expect(byActor.json().items.length).toBeGreaterThan(0);
  });

  it('is append-only: the database refuses to update or delete entries', async () => {
    const refusal = (statement: ReturnType<typeof sql>) =>
      t.database.db.execute(statement).then(
        () => 'allowed',
        (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
      );
    expect(await refusal(sql`update audit_log set action = 'x'`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from audit_log`)).toMatch(/append-only/);
    expect(await refusal(sql`truncate audit_log`)).toMatch(/append-only/);
  });

  it('keeps the audit row and the change together: a refused change leaves neither', async () => {
    const admin = await t.signIn('admin');
    const count = async () => (await admin.get('/api/audit-logs?entity=region')).json().total;
    const before = await count();
    await admin.post('/api/regions', { name: '华东大区' }); // duplicate → 409
    expect(await count()).toBe(before);
  });
});
