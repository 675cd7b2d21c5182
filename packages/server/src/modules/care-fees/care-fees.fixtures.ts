import { addDays, chinaDate } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { testPassword } from '../../test/test-app.ts';
import type { BaseWorld } from '../../test/world.ts';

type Owner = 'rep1a' | 'rep1b' | 'rep2a';
type ClaimStatus = (typeof s.careFeeClaims.$inferInsert)['status'] & string;
/** Each owner's channel customer and product (rep1b has none of their own: uses rep1a's for direct inserts) */
const ownerLine = {
  rep1a: { cc: 'cc1a', product: 'p1' },
  rep1b: { cc: 'cc1a', product: 'p1' },
  rep2a: { cc: 'cc2a', product: 'p2' },
} as const;

let monthCounter = 0;
/** A past month no earlier fixture used (2001-01, 2001-02 …), so one-claim-per-month never collides. */
export function freshMonth(): string {
  const n = monthCounter++;
  return `${2001 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

type Signers = { clerk: string; finance: string; managers: Record<Owner, string> };

/**
 * A claim of `owner` in `status`, written straight to the database with one line (payable ¥10.00) and the
 * signatures its status implies (paid: paid today, no spot check yet).
 */
export async function insertCareFeeClaim(
  db: Db,
  w: BaseWorld,
  signers: Signers,
  owner: Owner,
  status: ClaimStatus,
): Promise<string> {
  const line = ownerLine[owner];
  const [claim] = await db
    .insert(s.careFeeClaims)
    .values({
      ownerId: w.users[owner].id,
      month: freshMonth(),
      status,
      requestedFen: 1000,
      payableFen: 1000,
      submittedAt: status === 'draft' ? null : new Date().toISOString(),
      paidOn: status === 'paid' ? chinaDate() : null,
      advanceFen: status === 'paid' ? 0 : null,
    })
    .returning({ id: s.careFeeClaims.id });
  const id = claim!.id;
  await db.insert(s.careFeeClaimLines).values({
    claimId: id,
    channelCustomerId: w.channelCustomers[line.cc].id,
    productId: w.products[line.product].id,
    netSalesQuantity: 10,
    netSalesFen: 10_000,
    collectedFen: 10_000,
    collectionRate: 1,
    requestedFen: 1000,
    payableFen: 1000,
    recipientRole: 'purchaser',
  });
  const steps = { submitted: 0, clerkSigned: 1, managerSigned: 2, approved: 3, paid: 3 } as Record<
    string,
    number
  >;
  const sequence = [
    { step: 'clerk', signedBy: signers.clerk },
    { step: 'manager', signedBy: signers.managers[owner] },
    { step: 'finance', signedBy: signers.finance },
  ] as const;
  for (const sig of sequence.slice(0, steps[status] ?? 0))
    await db
      .insert(s.careFeeSignatures)
      .values({ subject: 'claim', subjectId: id, decision: 'approved', ...sig });
  return id;
}

/** A special-fee application of `owner` (contract in 30 days), submitted or signed by the clerk. */
export async function insertCareFeeSpecial(
  db: Db,
  w: BaseWorld,
  signers: Signers,
  owner: Owner,
  status: 'submitted' | 'clerkSigned',
): Promise<string> {
  const [row] = await db
    .insert(s.careFeeSpecialApplications)
    .values({
      ownerId: w.users[owner].id,
      channelCustomerId: w.channelCustomers[ownerLine[owner].cc].id,
      amountFen: 50_000,
      reason: '新客户首单开户',
      contractDate: addDays(chinaDate(), 30),
      status,
    })
    .returning({ id: s.careFeeSpecialApplications.id });
  if (status === 'clerkSigned')
    await db.insert(s.careFeeSignatures).values({
      subject: 'specialApplication',
      subjectId: row!.id,
      step: 'clerk',
      decision: 'approved',
      signedBy: signers.clerk,
    });
  return row!.id;
}

/**
 * Test records of 客情费: the back-office signers (an admin with duty salesClerk, one with finance), accounts of
 * p1/p2 for this year and last, a draft claim and a special application of rep1a (team1) and of rep2a (team2).
 */
export async function careFeesFixtures(db: Db, w: BaseWorld) {
  const hash = await hashPassword(testPassword);
  const [clerk, finance] = await db
    .insert(s.users)
    .values([
      { username: 'clerk01', name: '孙文员', role: 'admin', passwordHash: hash, duties: ['salesClerk'] },
      { username: 'finance01', name: '周财务', role: 'admin', passwordHash: hash, duties: ['finance'] },
    ])
    .returning();
  const year = Number(chinaDate().slice(0, 4));
  const accounts = await db
    .insert(s.careFeeAccounts)
    .values(
      [year - 1, year].flatMap((y) => [
        { productId: w.products.p1.id, year: y, budgetFen: 10_000_000, ratePerUnitFen: 200 },
        { productId: w.products.p2.id, year: y, budgetFen: 5_000_000, ratePerUnitFen: 100 },
      ]),
    )
    .returning({
      id: s.careFeeAccounts.id,
      productId: s.careFeeAccounts.productId,
      year: s.careFeeAccounts.year,
    });
  const signers: Signers = {
    clerk: clerk!.id,
    finance: finance!.id,
    managers: { rep1a: w.users.m1.id, rep1b: w.users.m1.id, rep2a: w.users.m2.id },
  };
  return {
    clerk: clerk!,
    finance: finance!,
    signers,
    accountP1: accounts.find((a) => a.productId === w.products.p1.id && a.year === year)!.id,
    accountP2: accounts.find((a) => a.productId === w.products.p2.id && a.year === year)!.id,
    claim1a: await insertCareFeeClaim(db, w, signers, 'rep1a', 'draft'),
    claim2a: await insertCareFeeClaim(db, w, signers, 'rep2a', 'draft'),
    special1a: await insertCareFeeSpecial(db, w, signers, 'rep1a', 'submitted'),
    special2a: await insertCareFeeSpecial(db, w, signers, 'rep2a', 'submitted'),
  };
}
