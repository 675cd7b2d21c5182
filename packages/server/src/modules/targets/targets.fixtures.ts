/**
 * world.targets: the current month's team quotas (team1 p1, team2 p2), rep quotas for rep1a, rep1b (p1) and
 * rep2a (p2), forecasts of rep1a (below quota) and rep2a, and last month's manual sales of rep1a and rep2a.
 */
import { chinaDate, shiftMonth } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

export async function targetsFixtures(db: Db, base: BaseWorld) {
  const month = chinaDate().slice(0, 7);
  const lastMonth = shiftMonth(month, -1);
  const { team1, team2 } = base.teams;
  const { rep1a, rep1b, rep2a, admin, m1, m2 } = base.users;
  const { p1, p2 } = base.products;

  const [teamQuota1, teamQuota2] = await db
    .insert(s.teamQuotas)
    .values([
      { teamId: team1.id, month, productId: p1.id, quantity: 300, updatedBy: admin.id },
      { teamId: team2.id, month, productId: p2.id, quantity: 200, updatedBy: admin.id },
    ])
    .returning();
  const [quota1a, quota1b, quota2a] = await db
    .insert(s.repQuotas)
    .values([
      {
        repId: rep1a.id,
        teamId: team1.id,
        month,
        productId: p1.id,
        quantity: 180,
        customers: [{ hospitalId: base.hospitals.h1a.id, quantity: 100 }],
        updatedBy: m1.id,
      },
      { repId: rep1b.id, teamId: team1.id, month, productId: p1.id, quantity: 120, updatedBy: m1.id },
      { repId: rep2a.id, teamId: team2.id, month, productId: p2.id, quantity: 200, updatedBy: m2.id },
    ])
    .returning();
  const [forecast1a, forecast2a] = await db
    .insert(s.salesForecasts)
    .values([
      {
        repId: rep1a.id,
        month,
        productId: p1.id,
        forecastQuantity: 150,
        goalQuantity: 200,
        additions: [{ hospitalId: base.hospitals.hShared.id, quantity: 30, note: '瑞金医院心内科新进药' }],
        promotionPlan: '科室会两场',
      },
      { repId: rep2a.id, month, productId: p2.id, forecastQuantity: 210, goalQuantity: 220 },
    ])
    .returning();
  const [manual1a, manual2a] = await db
    .insert(s.manualSales)
    .values([
      { repId: rep1a.id, month: lastMonth, productId: p1.id, quantity: 90, enteredBy: rep1a.id },
      { repId: rep2a.id, month: lastMonth, productId: p2.id, quantity: 60, enteredBy: m2.id },
    ])
    .returning();

  return {
    month,
    lastMonth,
    teamQuota1: teamQuota1!.id,
    teamQuota2: teamQuota2!.id,
    quota1a: quota1a!.id,
    quota1b: quota1b!.id,
    quota2a: quota2a!.id,
    forecast1a: forecast1a!.id,
    forecast2a: forecast2a!.id,
    manual1a: manual1a!.id,
    manual2a: manual2a!.id,
  };
}
