/**
 * 客情费 relationship-maintenance expenses for the demo (seed 003's draft policy): two admin-role signers —
 * `clerk` 销售文员 (duty salesClerk) and `finance` 财务 (duty finance) — a budget account per product for this year
 * and last, and for a few reps a claim for each of the last three months at different stages (paid and spot-checked,
 * approved, signed by the clerk or the manager, submitted, one rejected by finance, one draft). Every line's statement is read
 * from the seeded channel data exactly as the API reads it: 纯销 from the committed flow rows of that product and
 * month (a distributor's own rows; a pharmacy's or clinic's rows as the buyer), 回款 from the distributor's ledger
 * (payments of the month against its deliveries of the month, capped at 1; a terminal counts as collected when it
 * had net sales). The payable follows the payout rule (pro rata by collection rate, nothing without net sales or
 * collection), requests stay within the account rate × net quantity, and the cash advance within ¥3,000. One
 * new-customer special fee is applied for and signed off before its contract date. Never a doctor.
 */
import {
  careFeeAdvanceCapFen,
  careFeeCollectionRate,
  careFeeMaxRequestFen,
  careFeePayable,
  type CareFeeClaimStatus,
  type CareFeeSignStep,
} from '@keqing/domain';
import type {
  careFeeAccounts,
  careFeeClaimLines,
  careFeeClaims,
  careFeeSignatures,
  careFeeSpecialApplications,
  careFeeSpotChecks,
} from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type CareFeesRows = {
  careFeeAccounts: (typeof careFeeAccounts.$inferInsert)[];
  careFeeClaims: (typeof careFeeClaims.$inferInsert)[];
  careFeeClaimLines: (typeof careFeeClaimLines.$inferInsert)[];
  careFeeSignatures: (typeof careFeeSignatures.$inferInsert)[];
  careFeeSpecialApplications: (typeof careFeeSpecialApplications.$inferInsert)[];
  careFeeSpotChecks: (typeof careFeeSpotChecks.$inferInsert)[];
};

export const emptyCareFeesRows = (): CareFeesRows => ({
  careFeeAccounts: [],
  careFeeClaims: [],
  careFeeClaimLines: [],
  careFeeSignatures: [],
  careFeeSpecialApplications: [],
  careFeeSpotChecks: [],
});

type BaseRows = Omit<DemoRows, keyof CareFeesRows>;
type UserRow = BaseRows['users'][number];
type ClaimStatus = CareFeeClaimStatus;
type Step = CareFeeSignStep;
/** Claims go back this many complete months. */
export const CARE_FEE_CLAIM_MONTHS = 3;
/** Reps with claims: rep01, rep02 (team 1), the first rep of teams 2 and 3. */
const CLAIM_REPS = ['rep01', 'rep02', 'rep06', 'rep11'] as const;
/** Lines per claim at most (customer × product with net sales). */
const LINES_PER_CLAIM = 4;
/** Status of each claim by rep (row) and month (column, oldest first). */
const STAGES: readonly (readonly ClaimStatus[])[] = [
  ['paid', 'approved', 'submitted'],
  ['paid', 'managerSigned', 'rejected'],
  ['paid', 'approved', 'submitted'],
  ['paid', 'clerkSigned', 'draft'],
];
const STEPS: readonly Step[] = ['clerk', 'manager', 'finance'];
const stepsDone: Record<ClaimStatus, number> = {
  draft: 0,
  submitted: 0,
  clerkSigned: 1,
  managerSigned: 2,
  approved: 3,
  paid: 3,
  rejected: 2, // the clerk and the manager signed, finance rejects
};
const recipientRoles = ['purchaser', 'purchasingHead', 'executive', 'event'] as const;

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const pad2 = (n: number) => String(n).padStart(2, '0');
const stamp = (day: number, minutes: number) =>
  `${isoOf(day)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00+08:00`;
/** YYYY-MM `back` months before the month of `iso`. */
function monthBack(iso: string, back: number): string {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 7);
}
function nextMonthStart(month: string): number {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return Math.round(d.getTime() / DAY_MS);
}

type Statement = { quantity: number; amountFen: number };

export function generateCareFeesData(
  rows: BaseRows,
  rng: Random,
  options: { today: string; passwordHash: string },
): CareFeesRows & { users: UserRow[] } {
  const out = emptyCareFeesRows();
  const { today } = options;
  const todayDay = dayOf(today);
  const year = Number(today.slice(0, 4));

  // ── signers ──
  const signer = (username: string, name: string, duty: 'salesClerk' | 'finance'): UserRow => ({
    id: rng.uuid(),
    username,
    name,
    role: 'admin',
    teamId: null,
    phone: null,
    email: `${username}@example.com`,
    passwordHash: options.passwordHash,
    mustChangePassword: false,
    duties: [duty],
  });
  const clerk = signer('clerk', '销售文员', 'salesClerk');
  const finance = signer('finance', '财务', 'finance');
  const signerOf = (step: Step, managerId: string) =>
    step === 'clerk' ? (clerk.id as string) : step === 'finance' ? (finance.id as string) : managerId;

  // ── budget accounts: this year and last, per product ──
  const rateOf = new Map<string, number>();
  rows.products.forEach((p, i) => {
    const rate = 100 * (2 + (i % 4)); // ¥2–¥5 per unit
    for (const y of [year - 1, year]) {
      out.careFeeAccounts.push({
        id: rng.uuid(),
        productId: p.id as string,
        year: y,
        budgetFen: 10_000_000 * (3 + (i % 3)), // ¥300,000–¥500,000
        ratePerUnitFen: y === year ? rate : rate - 50,
        createdAt: stamp(dayOf(`${y}-01-02`) < todayDay ? dayOf(`${y}-01-02`) : todayDay, 540),
      });
      rateOf.set(`${p.id}:${y}`, y === year ? rate : rate - 50);
    }
  });

  // ── statements from the channel data ──
  const committed = new Set(rows.flowImports.filter((f) => f.status === 'committed').map((f) => f.id));
  const kindOf = new Map(rows.channelCustomers.map((c) => [c.id as string, c.kind]));
  const sales = new Map<string, Statement>();
  const addSale = (customerId: string, productId: string, month: string, q: number, fen: number) => {
    const key = `${customerId}:${productId}:${month}`;
    const s = sales.get(key) ?? { quantity: 0, amountFen: 0 };
    s.quantity += q;
    s.amountFen += fen;
    sales.set(key, s);
  };
  for (const r of rows.flowRows) {
    if (!committed.has(r.importId) || !r.productId) continue;
    const month = r.saleDate.slice(0, 7);
    const fen = r.amountFen ?? 0;
    addSale(r.channelCustomerId, r.productId, month, r.quantity, fen);
    if (r.buyerCustomerId) addSale(r.buyerCustomerId, r.productId, month, r.quantity, fen);
  }
  const ledger = new Map<string, { delivered: number; collected: number }>();
  for (const e of rows.ledgerEntries) {
    const key = `${e.channelCustomerId}:${e.entryDate.slice(0, 7)}`;
    const l = ledger.get(key) ?? { delivered: 0, collected: 0 };
    if (e.kind === 'delivery') l.delivered += e.amountFen;
    if (e.kind === 'payment' && e.amountFen < 0) l.collected -= e.amountFen;
    ledger.set(key, l);
  }
  const collection = (customerId: string, month: string, s: Statement) => {
    if (kindOf.get(customerId) !== 'distributor') {
      return { collectedFen: s.quantity > 0 ? s.amountFen : 0, rate: s.quantity > 0 ? 1 : 0 };
    }
    const l = ledger.get(`${customerId}:${month}`) ?? { delivered: 0, collected: 0 };
    return { collectedFen: l.collected, rate: careFeeCollectionRate(l.collected, l.delivered) };
  };

  // ── the reps' channel customers (current assignments) ──
  const customersOf = (userId: string) => {
    const territoriesOf = new Set(
      rows.territoryAssignments
        .filter((a) => a.userId === userId && (a.endDate == null || a.endDate >= today))
        .map((a) => a.territoryId),
    );
    return rows.territoryChannelCustomers
      .filter((t) => territoriesOf.has(t.territoryId))
      .map((t) => t.channelCustomerId);
  };
  const managerOf = new Map(rows.teams.map((t) => [t.id as string, t.managerId as string]));

  const sign = (
    subject: 'claim' | 'specialApplication',
    subjectId: string,
    step: Step,
    signedBy: string,
    decision: 'approved' | 'rejected',
    at: string,
    comment: string | null,
  ) =>
    out.careFeeSignatures.push({
      id: rng.uuid(),
      subject,
      subjectId,
      step,
      decision,
      signedBy,
      comment,
      signedAt: at,
    });

  CLAIM_REPS.forEach((username, r) => {
    const rep = rows.users.find((u) => u.username === username);
    if (!rep?.teamId) return;
    const managerId = managerOf.get(rep.teamId);
    if (!managerId) return;
    const customers = [...new Set(customersOf(rep.id as string))].sort();
    for (let k = 0; k < CARE_FEE_CLAIM_MONTHS; k++) {
      const month = monthBack(today, CARE_FEE_CLAIM_MONTHS - k);
      const status = STAGES[r % STAGES.length]?.[k] ?? 'draft';
      const rateYear = Number(month.slice(0, 4));
      // candidates: customer × product with net sales in the month, the biggest first
      const candidates = customers
        .flatMap((c) =>
          rows.products.map((p) => ({
            c,
            p: p.id as string,
            s: sales.get(`${c}:${p.id}:${month}`) ?? { quantity: 0, amountFen: 0 },
          })),
        )
        .filter((x) => x.s.quantity > 0)
        .sort((a, b) => b.s.amountFen - a.s.amountFen || a.c.localeCompare(b.c) || a.p.localeCompare(b.p));
      // one line per customer first, so the spot check finds distinct customers
      const lines: typeof candidates = [];
      const seen = new Set<string>();
      for (const x of candidates) {
        if (lines.length < LINES_PER_CLAIM && !seen.has(x.c)) {
          lines.push(x);
          seen.add(x.c);
        }
      }
      if (lines.length === 0) continue;

      const claimId = rng.uuid();
      // filed on the 3rd day of the next month, signed on the following days, never after today
      const base = Math.min(nextMonthStart(month) + 2, todayDay - 5);
      const at = (offset: number, minutes: number) => stamp(Math.min(base + offset, todayDay), minutes);
      let requested = 0;
      let payable = 0;
      lines.forEach((x, i) => {
        const rate = rateOf.get(`${x.p}:${rateYear}`) ?? 0;
        const max = careFeeMaxRequestFen(rate, x.s.quantity);
        // round down to ¥10, between 30% and 90% of the standard
        const requestedFen = Math.max(100, Math.floor((max * (30 + rng.int(0, 60))) / 100 / 1000) * 1000);
        const amount = Math.min(requestedFen, max);
        const { collectedFen, rate: collectionRate } = collection(x.c, month, x.s);
        const payableFen = careFeePayable({
          requestedFen: amount,
          netSalesQuantity: x.s.quantity,
          collectionRate,
        });
        requested += amount;
        payable += payableFen;
        out.careFeeClaimLines.push({
          id: rng.uuid(),
          claimId,
          channelCustomerId: x.c,
          productId: x.p,
          netSalesQuantity: x.s.quantity,
          netSalesFen: x.s.amountFen,
          collectedFen,
          collectionRate,
          requestedFen: amount,
          payableFen,
          recipientRole: recipientRoles[(r + i) % recipientRoles.length] as string,
          specialApplicationId: null,
          note: null,
        });
      });
      const steps = stepsDone[status];
      const submitted = status !== 'draft';
      STEPS.slice(0, steps).forEach((step, i) =>
        sign('claim', claimId, step, signerOf(step, managerId), 'approved', at(i + 1, 600 + i), null),
      );
      if (status === 'rejected') {
        sign(
          'claim',
          claimId,
          'finance',
          finance.id as string,
          'rejected',
          at(3, 610),
          '回款凭证不全，请补齐后重新申报',
        );
      }
      let advanceFen: number | null = null;
      let paidOn: string | null = null;
      if (status === 'paid') {
        paidOn = isoOf(Math.min(base + 6, todayDay));
        advanceFen = Math.min(careFeeAdvanceCapFen, payable);
        const paidCustomers = [
          ...new Set(
            out.careFeeClaimLines
              .filter((l) => l.claimId === claimId && l.payableFen > 0)
              .map((l) => l.channelCustomerId),
          ),
        ].slice(0, 3);
        // the oldest month's payouts are spot-checked; one rep's is still to be checked
        if (paidCustomers.length > 0 && r !== CLAIM_REPS.length - 1) {
          const checkedOn = isoOf(Math.min(base + 10, todayDay));
          out.careFeeSpotChecks.push({
            id: rng.uuid(),
            claimId,
            checkedBy: managerId,
            checkedOn,
            results: paidCustomers.map((c, i) => ({
              channelCustomerId: c,
              confirmed: !(r === 1 && i === 2),
              note: r === 1 && i === 2 ? '采购员称未收到，需复核' : '电话确认已收到',
            })),
            createdAt: stamp(dayOf(checkedOn), 900),
          });
        }
      }
      out.careFeeClaims.push({
        id: claimId,
        ownerId: rep.id as string,
        month,
        status,
        requestedFen: requested,
        payableFen: payable,
        advanceFen,
        paidOn,
        submittedAt: submitted ? at(0, 540) : null,
        createdAt: at(0, 520),
        updatedAt: at(Math.max(steps, status === 'paid' ? 6 : 0), 700),
      });
    }
  });

  // ── one special fee for a new customer, signed off before the contract date ──
  const rep01 = rows.users.find((u) => u.username === 'rep01');
  const rep01Customers = rep01 ? customersOf(rep01.id as string) : [];
  // a pharmacy or clinic where there is one (a tiny company has only its distributor)
  const terminal = rep01Customers.find((c) => kindOf.get(c) !== 'distributor') ?? rep01Customers[0];
  const managerId = rep01?.teamId ? managerOf.get(rep01.teamId) : undefined;
  if (rep01 && terminal && managerId) {
    const appliedDay = todayDay - 40;
    const id = rng.uuid();
    STEPS.forEach((step, i) =>
      sign(
        'specialApplication',
        id,
        step,
        signerOf(step, managerId),
        'approved',
        stamp(appliedDay + i + 1, 600),
        null,
      ),
    );
    out.careFeeSpecialApplications.push({
      id,
      ownerId: rep01.id as string,
      channelCustomerId: terminal,
      productId: (rows.products[0]?.id as string | undefined) ?? null,
      amountFen: 200_000,
      reason: '新客户首次合作：店员产品培训及开业联谊活动',
      contractDate: isoOf(appliedDay + 20),
      status: 'approved',
      approvedAt: stamp(appliedDay + 3, 600),
      createdAt: stamp(appliedDay, 540),
      updatedAt: stamp(appliedDay + 3, 600),
    });
  }

  return { ...out, users: [clerk, finance] };
}
