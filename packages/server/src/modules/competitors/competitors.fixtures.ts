/**
 * world.competitors: two competitor products (cp1 against p1, cp2 against p2) and an inactive one; usage judgements
 * and activities at h1a (rep1a, m1), h1b (m1) and h2a (rep2a, m2).
 */
import { addDays, chinaDate } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

/** 竞品情报 competitor intelligence: records in and out of each role's scope. */
export async function competitorsFixtures(db: Db, base: BaseWorld) {
  const today = chinaDate();
  const { h1a, h1b, h2a } = base.hospitals;
  const { rep1a, rep1b, rep2a } = base.users;
  const { d1a, d1b, d2a } = base.doctors;
  const [cp1, cp2, cpInactive] = await db
    .insert(s.competitorProducts)
    .values([
      { name: '立普妥', company: '辉瑞', therapeuticArea: '心血管', productId: base.products.p1.id },
      { name: '格华止', company: '默克', therapeuticArea: '内分泌', productId: base.products.p2.id },
      { name: '旧竞品', company: '某药业', therapeuticArea: '心血管', active: false },
    ])
    .returning();
  const [usage1a, usage1b, usage2a] = await db
    .insert(s.competitorUsages)
    .values([
      {
        hospitalId: h1a.id,
        doctorId: d1a.id,
        competitorProductId: cp1!.id,
        judgement: 4,
        observedOn: addDays(today, -20),
        source: '拜访交谈',
        recordedBy: rep1a.id,
      },
      {
        hospitalId: h1b.id,
        doctorId: d1b.id,
        competitorProductId: cp1!.id,
        judgement: 2,
        observedOn: addDays(today, -10),
        recordedBy: rep1b.id,
      },
      {
        hospitalId: h2a.id,
        doctorId: d2a.id,
        competitorProductId: cp2!.id,
        judgement: 5,
        observedOn: addDays(today, -5),
        recordedBy: rep2a.id,
      },
    ])
    .returning();
  const [activity1a, activity1b, activity2a] = await db
    .insert(s.competitorActivities)
    .values([
      {
        hospitalId: h1a.id,
        doctorId: d1a.id,
        competitorProductId: cp1!.id,
        company: '辉瑞',
        kind: 'visit',
        byWhom: 'director',
        observedOn: addDays(today, -3),
        description: '辉瑞地区总监拜访张主任',
        recordedBy: rep1a.id,
      },
      {
        hospitalId: h1b.id,
        company: '辉瑞',
        competitorProductId: cp1!.id,
        kind: 'meeting',
        observedOn: addDays(today, -8),
        description: '科室会',
        recordedBy: rep1b.id,
      },
      {
        hospitalId: h2a.id,
        company: '默克',
        competitorProductId: cp2!.id,
        kind: 'researchFund',
        observedOn: addDays(today, -4),
        description: '内分泌科科研基金',
        recordedBy: rep2a.id,
      },
    ])
    .returning();
  return {
    cp1: cp1!.id,
    cp2: cp2!.id,
    cpInactive: cpInactive!.id,
    usage1a: usage1a!.id,
    usage1b: usage1b!.id,
    usage2a: usage2a!.id,
    activity1a: activity1a!.id,
    activity1b: activity1b!.id,
    activity2a: activity2a!.id,
  };
}
