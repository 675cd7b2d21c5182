import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import type {
  ListResponse,
  Prospect,
  ProspectConversion,
  ProspectDetail,
  ProspectFunnel,
} from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { insertFixtureProspect, readyQualification } from './prospects.fixtures.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a, team1 (m1), territory t1a
let rep03: Client; // rep2a, team2
let m1: Client;
let admin: Client;
let compliance: Client;

const db = () => t.database.db;
const today = chinaDate();
type ErrorBody = { error: { code: string; message: string; details?: unknown } };

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

const newProspect = (over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  name: '宝山惠民大药房',
  kind: 'pharmacy',
  city: '上海',
  contactName: '王店长',
  contactPhone: '021-66001234',
  source: 'meeting',
  sourceNote: '区药学会年会上认识',
  ...over,
});

async function create(client: Client, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/prospects', newProspect(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ProspectDetail;
}

const countRows = async (table: typeof s.channelProspects | typeof s.channelCustomers) =>
  (await db().select({ id: table.id }).from(table)).length;

describe('creating and listing prospects', () => {
  it('creates a prospect of the caller in preparation, idempotent on clientId, audited', async () => {
    const body = newProspect();
    const first = await rep01.post('/api/prospects', body);
    expect(first.statusCode, first.body).toBe(201);
    const p = first.json() as ProspectDetail;
    expect(p).toMatchObject({
      ownerId: w.users.rep1a.id,
      ownerName: w.users.rep1a.name,
      phase: 'preparation',
      status: 'open',
      qualification: { licences: [], creditCheck: { result: 'pending' } },
      nextPhases: ['execution'],
      mayEdit: true,
      version: 1,
    });
    expect(p.checklist.map((c) => c.key)).toEqual(['customerProfile', 'needsAnalysis', 'visitPlan']);
    expect(p.checklist[0]!.label).toBe('客户资料');
    expect(p.readiness.ready).toBe(false);
    expect(p.readiness.message).toContain('资信调查');

    const again = await rep01.post('/api/prospects', { ...body, name: '改了名字' });
    expect(again.statusCode).toBe(200);
    expect((again.json() as ProspectDetail).id).toBe(p.id);
    expect((again.json() as ProspectDetail).name).toBe(body.name);
    const audit = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'channelProspect'), eq(s.auditLog.entityId, p.id)));
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it.each([
    ['an empty name', { name: '  ' }, 'body.name'],
    ['an unknown source', { source: 'tv' }, 'body.source'],
    ['an unknown kind', { kind: 'hospital' }, 'body.kind'],
    ['letters in the phone', { contactPhone: 'abc' }, 'body.contactPhone'],
    [
      'a licence without a number',
      {
        qualification: {
          licences: [{ kind: 'gsp', number: '', validUntil: null }],
          creditCheck: { result: 'pending' },
        },
      },
      'body.qualification.licences.0.number',
    ],
  ])('refuses %s in Chinese and saves nothing', async (_label, over, path) => {
    const before = await countRows(s.channelProspects);
    const res = await rep01.post('/api/prospects', newProspect(over));
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(JSON.stringify(body.error.details)).toContain(path);
    expect(await countRows(s.channelProspects)).toBe(before);
  });

  it('lets a manager open one for a team member, not for another team', async () => {
    const p = await create(m1, { ownerId: w.users.rep1b.id });
    expect(p.ownerId).toBe(w.users.rep1b.id);
    const res = await m1.post('/api/prospects', newProspect({ ownerId: w.users.rep2a.id }));
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.message).toContain('管理范围');
    const rep = await rep01.post('/api/prospects', newProspect({ ownerId: w.users.rep1b.id }));
    expect(rep.statusCode).toBe(400);
  });

  it('compliance reads but may not create', async () => {
    expect((await compliance.post('/api/prospects', newProspect())).statusCode).toBe(403);
    expect((await compliance.get('/api/prospects')).statusCode).toBe(200);
  });

  it('filters the list by status, phase, source, kind, owner and text, within scope', async () => {
    const source = await create(rep01, { name: '嘉定信函诊所', kind: 'clinic', source: 'mail' });
    const list = async (client: Client, qs: string) =>
      (await client.get(`/api/prospects?pageSize=200&${qs}`)).json() as ListResponse<Prospect>;
    const byMail = await list(rep01, 'source=mail&kind=clinic');
    expect(byMail.items.map((i) => i.id)).toContain(source.id);
    expect(byMail.items.every((i) => i.source === 'mail' && i.kind === 'clinic')).toBe(true);
    expect((await list(rep01, 'q=信函')).items.map((i) => i.id)).toEqual([source.id]);
    expect((await list(rep01, 'phase=evaluation')).items.every((i) => i.phase === 'evaluation')).toBe(true);
    expect((await list(rep01, 'status=dropped')).items.every((i) => i.status === 'dropped')).toBe(true);
    // a rep sees only their own; the manager their team's; another team's rep none of them
    expect((await list(rep01, '')).items.every((i) => i.ownerId === w.users.rep1a.id)).toBe(true);
    expect((await list(m1, `ownerId=${w.users.rep1a.id}`)).items.map((i) => i.id)).toContain(source.id);
    expect((await list(rep03, '')).items.map((i) => i.id)).not.toContain(source.id);
    expect((await rep03.get(`/api/prospects/${source.id}`)).statusCode).toBe(404);
  });
});

describe('funnel', () => {
  it('counts open prospects per phase and every prospect per source with conversion rates', async () => {
    const owner = w.users.rep1b.id;
    const fresh = await m1.get(`/api/prospects/funnel?ownerId=${owner}`);
    expect(fresh.statusCode, fresh.body).toBe(200);
    const before = fresh.json() as ProspectFunnel;
    await insertFixtureProspect(db(), owner, { source: 'phone', phase: 'revision' });
    await insertFixtureProspect(db(), owner, { source: 'phone', status: 'dropped', droppedReason: '无意向' });
    const after = (await m1.get(`/api/prospects/funnel?ownerId=${owner}`)).json() as ProspectFunnel;
    expect(after.total).toBe(before.total + 2);
    expect(after.dropped).toBe(before.dropped + 1);
    const phase = (f: ProspectFunnel, p: string) => f.phases.find((x) => x.phase === p)!.open;
    expect(phase(after, 'revision')).toBe(phase(before, 'revision') + 1);
    const phone = after.sources.find((x) => x.source === 'phone')!;
    expect(phone.total).toBe(phone.open + phone.converted + phone.dropped);
    expect(after.conversionRate).toBe(after.total ? after.converted / after.total : null);
    expect((await rep03.get(`/api/prospects/funnel?ownerId=${owner}`)).statusCode).toBe(404);
  });
});

describe('phases, edits and drop', () => {
  it('moves one phase forward, lets a revision go back to execution and refuses a skip in Chinese', async () => {
    const p = await create(rep01);
    const move = (phase: string, version: number) =>
      rep01.post(`/api/prospects/${p.id}/phase`, { phase, version });
    const skip = await move('revision', 1);
    expect(skip.statusCode).toBe(400);
    expect((skip.json() as ErrorBody).error.message).toBe(
      '不能从“准备”阶段转到“修正”阶段（只能前进一步，修正可退回实施）',
    );
    let r = await move('execution', 1);
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as ProspectDetail).checklist.map((c) => c.key)).toEqual(['visit', 'negotiation']);
    r = await move('revision', 2);
    expect((r.json() as ProspectDetail).nextPhases).toEqual(['evaluation', 'execution']);
    r = await move('execution', 3);
    expect((r.json() as ProspectDetail).phase).toBe('execution');
    const stale = await move('revision', 3);
    expect(stale.statusCode).toBe(409);
  });

  it('edits details and qualification with the version (stale → 409)', async () => {
    const p = await create(rep01);
    const ok = await rep01.patch(`/api/prospects/${p.id}`, {
      version: 1,
      plan: '先拜访采购主管，介绍价格保护政策',
      qualification: readyQualification,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const d = ok.json() as ProspectDetail;
    expect(d.version).toBe(2);
    expect(d.qualification.creditCheck.result).toBe('passed');
    expect(d.readiness.missing).toEqual(['phase']);
    expect((await rep01.patch(`/api/prospects/${p.id}`, { version: 1, plan: 'x' })).statusCode).toBe(409);
    expect((await compliance.patch(`/api/prospects/${p.id}`, { version: 2, plan: 'x' })).statusCode).toBe(
      403,
    );
  });

  it('drops with a reason only, then refuses phase moves', async () => {
    const p = await create(rep01);
    const none = await rep01.post(`/api/prospects/${p.id}/drop`, { version: 1, reason: ' ' });
    expect(none.statusCode).toBe(400);
    const res = await rep01.post(`/api/prospects/${p.id}/drop`, { version: 1, reason: '对方只做中药饮片' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'dropped',
      droppedReason: '对方只做中药饮片',
      nextPhases: [],
    });
    const move = await rep01.post(`/api/prospects/${p.id}/phase`, { version: 2, phase: 'execution' });
    expect(move.statusCode).toBe(409);
    expect((move.json() as ErrorBody).error.message).toBe('该潜在客户已放弃，不能再推进');
  });
});

describe('conversion', () => {
  const contract = (over: Record<string, unknown> = {}) => ({
    contractNo: `HT-${randomUUID().slice(0, 8)}`,
    signedOn: today,
    startsOn: today,
    endsOn: addDays(today, 364),
    paymentMethod: 'monthly',
    lines: [{ productId: w.products.p1.id, quantity: 100, unitPriceFen: 2550 }],
    ...over,
  });

  it('refuses when not ready, listing in Chinese what is missing, and saves nothing', async () => {
    const id = await insertFixtureProspect(db(), w.users.rep1a.id, {
      kind: 'distributor',
      phase: 'revision',
      qualification: {
        licences: [{ kind: 'drugTrading', number: '沪AA1', validUntil: addDays(today, -1) }],
        creditCheck: { result: 'failed' },
      },
    });
    const customers = await countRows(s.channelCustomers);
    const res = await rep01.post(`/api/prospects/${id}/convert`, {
      version: 1,
      customer: { province: '上海' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.message).toBe(
      '尚不能转化为渠道客户，缺少：开发阶段须到“评价”、至少一个在有效期内的证照、经销商须有有效的 GSP 证书、资信调查须为“通过”',
    );
    expect(body.error.details).toEqual({ missing: ['phase', 'licence', 'gspLicence', 'creditCheck'] });
    expect(await countRows(s.channelCustomers)).toBe(customers);
  });

  it('creates the customer, its territory link, licences and contract in one go; the prospect is locked', async () => {
    const id = await insertFixtureProspect(db(), w.users.rep1a.id, {
      name: '松江国大药房',
      phase: 'evaluation',
      address: '松江区中山路 1 号',
      qualification: readyQualification,
    });
    const res = await rep01.post(`/api/prospects/${id}/convert`, {
      version: 1,
      customer: { province: '上海', terminalTier: 'key', paymentTerms: 'monthly', creditLimitFen: 5_000_000 },
      contract: contract(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as ProspectConversion;
    expect(out.prospect).toMatchObject({
      status: 'converted',
      convertedCustomerId: out.customerId,
      convertedCustomerName: '松江国大药房',
      mayEdit: false,
      version: 2,
    });
    const [customer] = await db()
      .select()
      .from(s.channelCustomers)
      .where(eq(s.channelCustomers.id, out.customerId));
    expect(customer).toMatchObject({
      name: '松江国大药房',
      kind: 'pharmacy',
      city: '上海',
      address: '松江区中山路 1 号',
      terminalTier: 'key',
      status: 'designated',
    });
    const links = await db()
      .select()
      .from(s.territoryChannelCustomers)
      .where(eq(s.territoryChannelCustomers.channelCustomerId, out.customerId));
    expect(links.map((l) => l.territoryId)).toEqual([w.territories.t1a.id]);
    const licences = await db()
      .select()
      .from(s.channelLicences)
      .where(eq(s.channelLicences.channelCustomerId, out.customerId));
    expect(licences.map((l) => l.kind)).toEqual(['drugTrading']);
    const lines = await db()
      .select()
      .from(s.supplyContractLines)
      .where(eq(s.supplyContractLines.contractId, out.contractId!));
    expect(lines.map((l) => Number(l.amountFen))).toEqual([255_000]);
    // the rep now sees the customer through the territory
    expect((await rep01.get(`/api/channel-customers/${out.customerId}`)).statusCode).toBe(200);
    const audit = await db().select().from(s.auditLog).where(eq(s.auditLog.entityId, out.customerId));
    expect(audit.map((a) => `${a.entity}:${a.action}`)).toEqual(['channelCustomer:create']);

    const again = await rep01.post(`/api/prospects/${id}/convert`, {
      version: 2,
      customer: { province: '上海' },
    });
    expect(again.statusCode).toBe(409);
    expect((again.json() as ErrorBody).error.message).toBe('该潜在客户已转化为渠道客户');
    const edit = await rep01.patch(`/api/prospects/${id}`, { version: 2, plan: '改计划' });
    expect(edit.statusCode).toBe(409);
  });

  it('refuses a contract number already taken and saves nothing', async () => {
    const first = await insertFixtureProspect(db(), w.users.rep1a.id, {
      phase: 'evaluation',
      qualification: readyQualification,
    });
    const k = contract();
    const ok = await rep01.post(`/api/prospects/${first}/convert`, {
      version: 1,
      customer: { province: '上海' },
      contract: k,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const second = await insertFixtureProspect(db(), w.users.rep1a.id, {
      phase: 'evaluation',
      qualification: readyQualification,
    });
    const customers = await countRows(s.channelCustomers);
    const res = await rep01.post(`/api/prospects/${second}/convert`, {
      version: 1,
      customer: { province: '上海' },
      contract: { ...k, contractNo: k.contractNo },
    });
    expect(res.statusCode).toBe(409);
    expect(await countRows(s.channelCustomers)).toBe(customers);
    const [p] = await db().select().from(s.channelProspects).where(eq(s.channelProspects.id, second));
    expect(p).toMatchObject({ status: 'open', convertedCustomerId: null, version: 1 });
  });

  it.each([
    [
      'a distributor tier on a pharmacy',
      { distributorTier: 'primary' },
      undefined,
      'body.customer.distributorTier',
    ],
    ['a contract ending before it starts', {}, { endsOn: addDays(today, -10) }, 'body.contract.endsOn'],
    [
      'an unknown product',
      {},
      { lines: [{ productId: randomUUID(), quantity: 1, unitPriceFen: 1 }] },
      'body.contract.lines',
    ],
    [
      'a territory not the owner’s',
      { territoryId: '00000000-0000-4000-8000-000000000001' },
      undefined,
      'body.customer.territoryId',
    ],
  ])('refuses %s', async (_label, customer, contractOver, path) => {
    const id = await insertFixtureProspect(db(), w.users.rep1a.id, {
      phase: 'evaluation',
      qualification: readyQualification,
    });
    const res = await rep01.post(`/api/prospects/${id}/convert`, {
      version: 1,
      customer: { province: '上海', ...customer },
      ...(contractOver ? { contract: contract(contractOver) } : {}),
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify((res.json() as ErrorBody).error.details)).toContain(path);
    const [p] = await db().select().from(s.channelProspects).where(eq(s.channelProspects.id, id));
    expect(p!.status).toBe('open');
  });

  it('lets the admin convert a rep’s prospect into the rep’s territory', async () => {
    const id = await insertFixtureProspect(db(), w.users.rep1b.id, {
      phase: 'evaluation',
      qualification: readyQualification,
    });
    const res = await admin.post(`/api/prospects/${id}/convert`, {
      version: 1,
      customer: { province: '上海', code: `C-${randomUUID().slice(0, 6)}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as ProspectConversion;
    const links = await db()
      .select()
      .from(s.territoryChannelCustomers)
      .where(eq(s.territoryChannelCustomers.channelCustomerId, out.customerId));
    expect(links.map((l) => l.territoryId)).toEqual([w.territories.t1b.id]);
    expect(out.contractId).toBeNull();
  });
});
