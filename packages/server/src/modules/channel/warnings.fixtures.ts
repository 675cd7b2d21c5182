import { chinaDate, addMonths } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

/** The current month and the one three months before (YYYY-MM), for health snapshots. */
export const fixtureMonths = () => {
  const month = chinaDate().slice(0, 7);
  return { month, earlier: addMonths(`${month}-01`, -3).slice(0, 7) };
};

/** A warning written straight to the database (no rule behind it): the scope tests' records. */
export async function insertFixtureWarning(
  db: Db,
  w: Pick<BaseWorld, 'channelCustomers' | 'users' | 'products'>,
  which: 'cc1a' | 'cc2a',
  subjectKey: string,
) {
  const [row] = await db
    .insert(s.channelWarnings)
    .values({
      kind: 'neglect',
      channelCustomerId: w.channelCustomers[which].id,
      subjectKey,
      assigneeId: which === 'cc1a' ? w.users.rep1a.id : w.users.rep2a.id,
      figure: 20,
      threshold: 14,
      detail: { lastVisitDate: null },
      raisedOn: chinaDate(),
      lastSeenOn: chinaDate(),
    })
    .returning({ id: s.channelWarnings.id });
  return row!.id;
}

/**
 * Test records of this area for the API and scope tests, one in rep1a's scope (cc1a, team1) and one outside
 * (cc2a, team2): a warning, an incident, a promise and health snapshots of each.
 */
export async function warningsFixtures(db: Db, w: BaseWorld) {
  const today = chinaDate();
  const w1a = await insertFixtureWarning(db, w, 'cc1a', 'fixture');
  const w2a = await insertFixtureWarning(db, w, 'cc2a', 'fixture');
  const [i1a, i2a] = await db
    .insert(s.channelIncidents)
    .values([
      {
        sourceRegion: '江苏',
        productId: w.products.p1.id,
        priceFen: 3_500,
        affectedTerritoryId: w.territories.t1a.id,
        affectedCustomerId: w.channelCustomers.cc1a.id,
        description: '外省货源低价流入上海一组辖区',
        openedOn: today,
        createdBy: w.users.rep1a.id,
      },
      {
        sourceRegion: '浙江',
        productId: w.products.p2.id,
        affectedTerritoryId: w.territories.t2a.id,
        affectedCustomerId: w.channelCustomers.cc2a.id,
        description: '低价倾销影响华氏大药房',
        openedOn: today,
        createdBy: w.users.rep2a.id,
      },
    ])
    .returning({ id: s.channelIncidents.id });
  const [pr1a, pr2a] = await db
    .insert(s.channelPromises)
    .values([
      {
        channelCustomerId: w.channelCustomers.cc1a.id,
        ownerId: w.users.rep1a.id,
        promise: '月底前补发促销物料',
        madeOn: today,
        dueOn: '2099-12-31',
      },
      {
        channelCustomerId: w.channelCustomers.cc2a.id,
        ownerId: w.users.rep2a.id,
        promise: '协调退换近效期产品',
        madeOn: today,
        dueOn: '2099-12-31',
      },
    ])
    .returning({ id: s.channelPromises.id });
  const { month, earlier } = fixtureMonths();
  await db.insert(s.channelHealthSnapshots).values([
    { channelCustomerId: w.channelCustomers.cc1a.id, month: earlier, score: 90, components: {} },
    { channelCustomerId: w.channelCustomers.cc1a.id, month, score: 60, components: {} },
    { channelCustomerId: w.channelCustomers.cc2a.id, month, score: 80, components: {} },
  ]);
  return {
    warnings: { w1a, w2a },
    incidents: { i1a: i1a!.id, i2a: i2a!.id },
    promises: { pr1a: pr1a!.id, pr2a: pr2a!.id },
  };
}
