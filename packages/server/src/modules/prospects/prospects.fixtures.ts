import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

type ProspectValues = Partial<typeof s.channelProspects.$inferInsert>;

/** A pharmacy ready to convert: in evaluation, a drug-trading licence valid for years, credit check passed. */
export const readyQualification = {
  licences: [{ kind: 'drugTrading', number: '沪AA0210001', validUntil: '2030-12-31' }],
  creditCheck: { result: 'passed', checkedOn: '2026-11-02' },
};

/** A prospect of `ownerId` written straight to the database. */
export async function insertFixtureProspect(db: Db, ownerId: string, values: ProspectValues = {}) {
  const [p] = await db
    .insert(s.channelProspects)
    .values({
      ownerId,
      clientId: randomUUID(),
      name: '仁心大药房',
      kind: 'pharmacy',
      city: '上海',
      source: 'referral',
      qualification: { licences: [], creditCheck: { result: 'pending' } },
      ...values,
    })
    .returning({ id: s.channelProspects.id });
  return p!.id;
}

/**
 * Prospects of rep1a (team1), rep1b (team1, m1's team) and rep2a (team2), one set per kind of scope case so a
 * one-way write (drop, convert) has its own record per role.
 */
export async function prospectsFixtures(db: Db, base: BaseWorld) {
  const { rep1a, rep1b, rep2a } = base.users;
  const ready = { phase: 'evaluation' as const, qualification: readyQualification };
  return {
    p1a: await insertFixtureProspect(db, rep1a.id, { name: '仁心大药房', source: 'referral' }),
    p1b: await insertFixtureProspect(db, rep1b.id, { name: '康宁诊所', kind: 'clinic', source: 'meeting' }),
    p2a: await insertFixtureProspect(db, rep2a.id, {
      name: '中山医药公司',
      kind: 'distributor',
      source: 'phone',
    }),
    phase1a: await insertFixtureProspect(db, rep1a.id, { name: '益民药房', phase: 'execution' }),
    phase1b: await insertFixtureProspect(db, rep1b.id, { name: '福康药房', phase: 'execution' }),
    phase2a: await insertFixtureProspect(db, rep2a.id, { name: '徐汇诊所', phase: 'execution' }),
    drop1a: await insertFixtureProspect(db, rep1a.id, { name: '百草堂药店' }),
    drop1b: await insertFixtureProspect(db, rep1b.id, { name: '同济诊所' }),
    dropAdmin: await insertFixtureProspect(db, rep1a.id, { name: '华山药房' }),
    drop2a: await insertFixtureProspect(db, rep2a.id, { name: '长宁药房' }),
    convert1a: await insertFixtureProspect(db, rep1a.id, { name: '浦东仁和药房', ...ready }),
    convert1b: await insertFixtureProspect(db, rep1b.id, { name: '闵行康健药房', ...ready }),
    convertAdmin: await insertFixtureProspect(db, rep1a.id, { name: '静安百姓药房', ...ready }),
    convert2a: await insertFixtureProspect(db, rep2a.id, { name: '杨浦益丰药房', ...ready }),
  };
}
