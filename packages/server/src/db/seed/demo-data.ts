/**
 * Fills an empty database with a believable demo company (regions, teams,
 * users, products, hospitals, doctors, channel customers, territories) and
 * its segmentation (grades, listings, score history, ladder, stages, KOLs,
 * grading configs, last month's key accounts), plans and calls, and a year of
 * customer care (care dates, tiers, actions, plans with approvals, life events; surveys, academic events and
 * complaints over the last six months), and a year of channel data
 * (orders, stock, flow, receivables …) after which the channel warnings and health scores are evaluated,
 * with three months of 客情费 claims read from that flow and ledger (and the signers `clerk` and `finance`),
 * quotas sized from that flow with forecasts and hand-entered actuals, and tasks and two weeks of time records.
 * Deterministic: the same seed and scale give the same rows and uuids.
 * Seeding writes no audit rows: it is set-up, not a business change.
 */
import { hash } from '@node-rs/argon2';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../client.ts';
import {
  areas,
  calls,
  careFeeAccounts,
  careFeeClaimLines,
  careFeeClaims,
  careFeeSignatures,
  careFeeSpecialApplications,
  careFeeSpotChecks,
  manualSales,
  repQuotas,
  salesForecasts,
  tasks,
  teamQuotas,
  timeEntries,
  listingPipelines,
  listingPipelineEvents,
  channelProspects,
  competitorProducts,
  competitorUsages,
  competitorActivities,
  dailyReports,
  dailyReportAmendments,
  reportComments,
  notifications,
  notificationSettings,
  notificationChannels,
  notificationDeliveries,
  handovers,
  handoverItems,
  channelBills,
  channelContacts,
  channelCustomerStatusHistory,
  channelIncidents,
  channelLicences,
  channelOrderLines,
  channelOrders,
  channelPriceReports,
  channelProducts,
  channelPromises,
  channelPromotionPayouts,
  channelPromotions,
  channelRiskEvents,
  channelShipments,
  channelStockReports,
  channelTierPrices,
  channelVisits,
  flowColumnMappings,
  flowImports,
  flowRows,
  ledgerEntries,
  ledgerReconciliations,
  rebatePolicies,
  supplyContractLines,
  supplyContracts,
  doctorProfiles,
  academicEvents,
  careActions,
  careDates,
  complaints,
  eventApprovals,
  eventAttendees,
  eventSpeakers,
  surveyInvitations,
  surveyTemplates,
  carePlanApprovals,
  carePlanItems,
  carePlans,
  channelCustomers,
  coVisits,
  cyclePlans,
  departments,
  doctorCareTiers,
  doctorLadderHistory,
  doctorProductStatus,
  doctors,
  doctorScores,
  doctorStageHistory,
  followUps,
  hospitalProductListings,
  hospitals,
  keyAccountSnapshots,
  kolProfiles,
  lifeEvents,
  plannedCalls,
  products,
  segmentationConfigs,
  regions,
  teams,
  territories,
  territoryAssignments,
  territoryChannelCustomers,
  territoryHospitals,
  users,
} from '../schema.ts';
import { computeChannelHealth, evaluateChannelWarnings } from '../../modules/channel/warnings-evaluation.ts';
import { rebuildAnalyticsSummaries } from '../../modules/analytics/summaries.ts';
import { channelHistoryMonths } from './channel-data.ts';
import { generateDemoData, type DemoRows } from './generate.ts';

/** The demo sign-in password (demo databases only; printed at first start). */
export const DEMO_PASSWORD = 'Keqing@2026';
export const DEFAULT_SEED = 2026;

/** Serialises concurrent seeders (several API processes starting at once on one PostgreSQL). */
const SEED_LOCK_KEY = 0x6b657169; // "keqi"

export type SeedOptions = {
  /** 1 = 6 teams, 30 reps, 200 hospitals, ~4,000 doctors; counts scale linearly (fractions allowed). */
  scale?: number;
  seed?: number;
  password?: string;
  /** YYYY-MM-DD that assignment dates and the call history count back from; default today in China. */
  today?: string;
  /** Plans, six months of calls, follow-ups and co-visits, tasks and time records; default true. */
  plansAndCalls?: boolean;
  /** Care dates, tiers, a year of care actions, care plans and life events; default true. */
  care?: boolean;
  /** A year of channel orders, stock, flow and receivables, then warnings and health scores; quotas sized from the flow, forecasts; default true. */
  channel?: boolean;
};

export type SeedCounts = { [K in keyof DemoRows]: number };
export type DemoSignIn = { role: 'admin' | 'compliance' | 'manager' | 'rep'; username: string };

export type SeedSummary = {
  /** false when the database already had users and nothing was written */
  seeded: boolean;
  counts: SeedCounts;
  signIns: DemoSignIn[];
  elapsedMs: number;
};

/** Insert order respects the foreign keys. */
const tables: { [K in keyof DemoRows]: PgTable } = {
  regions,
  areas,
  teams,
  users,
  products,
  hospitals,
  departments,
  doctors,
  channelCustomers,
  territories,
  territoryHospitals,
  territoryChannelCustomers,
  territoryAssignments,
  hospitalProductListings,
  segmentationConfigs,
  doctorScores,
  doctorProductStatus,
  doctorLadderHistory,
  doctorStageHistory,
  kolProfiles,
  keyAccountSnapshots,
  cyclePlans,
  plannedCalls,
  calls,
  followUps,
  coVisits,
  doctorProfiles,
  doctorCareTiers,
  careDates,
  lifeEvents,
  carePlans,
  carePlanItems,
  carePlanApprovals,
  careActions,
  surveyTemplates,
  surveyInvitations,
  academicEvents,
  eventSpeakers,
  eventAttendees,
  eventApprovals,
  complaints,
  channelCustomerStatusHistory,
  channelLicences,
  channelContacts,
  supplyContracts,
  supplyContractLines,
  channelProducts,
  channelTierPrices,
  rebatePolicies,
  channelVisits,
  channelOrders,
  channelOrderLines,
  channelShipments,
  channelStockReports,
  channelPriceReports,
  flowColumnMappings,
  flowImports,
  flowRows,
  channelBills,
  ledgerEntries,
  ledgerReconciliations,
  channelRiskEvents,
  channelIncidents,
  channelPromises,
  channelPromotions,
  channelPromotionPayouts,
  careFeeAccounts,
  careFeeClaims,
  careFeeClaimLines,
  careFeeSignatures,
  careFeeSpecialApplications,
  careFeeSpotChecks,
  teamQuotas,
  repQuotas,
  salesForecasts,
  manualSales,
  tasks,
  timeEntries,
  listingPipelines,
  listingPipelineEvents,
  channelProspects,
  competitorProducts,
  competitorUsages,
  competitorActivities,
  dailyReports,
  dailyReportAmendments,
  reportComments,
  notifications,
  notificationSettings,
  notificationChannels,
  notificationDeliveries,
  handovers,
  handoverItems,
};

const emptyCounts = (): SeedCounts =>
  Object.fromEntries(Object.keys(tables).map((k) => [k, 0])) as SeedCounts;

function chinaToday(): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

async function hasUsers(db: Db): Promise<boolean> {
  const found = await db
    .select({ one: sql<number>`1` })
    .from(users)
    .limit(1);
  return found.length > 0;
}

/** True when no user exists yet: the database is fresh and may receive demo data. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return !(await hasUsers(db));
}

/** A PostgreSQL array literal of the values, each quoted: `{"a","b \\"c\\""}`. */
function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) =>
    v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, (ch) => `\\${ch}`)}"`,
  );
  return `{${items.join(',')}}`;
}

/**
 * Bulk insert. Rows travel as one array per column through `unnest`, which
 * PostgreSQL and PGlite plan once per chunk: about three times faster than
 * multi-row VALUES, and only as many bind parameters as there are columns.
 * unnest would flatten array columns, and a jsonb[] parameter does not travel the
 * same way through every driver, so those columns go as text (JSON, array literal)
 * and are cast back in the select list. A key missing from a row inserts NULL.
 */
export async function insertRows(
  db: Db,
  table: PgTable,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const targets = keys.map((k) => {
    const column = columns[k];
    if (!column) throw new Error(`${getTableName(table)} has no column for ${k}`);
    const type = column.getSQLType();
    const asText = type === 'jsonb' ? 'json' : type.endsWith(']') ? 'array' : null;
    return { column, type, asText };
  });
  const columnList = sql.join(
    targets.map((t) => sql.identifier(t.column.name)),
    sql`, `,
  );
  const aliases = targets.map((_, k) => sql.identifier(`c${k}`));
  const selectList = sql.join(
    targets.map((t, k) => (t.asText ? sql`${aliases[k]}::${sql.raw(t.type)}` : aliases[k]!)),
    sql`, `,
  );
  const valueOf = (t: (typeof targets)[number], v: unknown) => {
    if (v === null || v === undefined) return null;
    if (t.asText === 'json') return JSON.stringify(v);
    if (t.asText === 'array') return arrayLiteral(v as unknown[]);
    return v;
  };
  // Rows with JSON travel as big strings: smaller chunks keep memory (and garbage collection) down.
  const size = targets.some((t) => t.asText) ? 1000 : 5000;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const arrays = targets.map(
      (t, k) =>
        sql`${sql.param(chunk.map((r) => valueOf(t, r[keys[k] as string])))}::${sql.raw(t.asText ? 'text' : t.type)}[]`,
    );
    await db.execute(
      sql`insert into ${table} (${columnList}) select ${selectList} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.join(aliases, sql`, `)})`,
    );
  }
}

export async function seedDemoData(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const scale = options.scale ?? 1;
  const signIns = demoSignIns();
  const skipped = (): SeedSummary => ({
    seeded: false,
    counts: emptyCounts(),
    signIns,
    elapsedMs: Math.round(performance.now() - started),
  });
  // Cheap check first so an already-seeded database does not pay for hashing.
  if (await hasUsers(db)) return skipped();

  // One hash for every demo user (argon2 costs ~60 ms a hash). The library's default
  // algorithm is argon2id; its `Algorithm` const enum cannot be read under isolatedModules.
  const passwordHash = await hash(options.password ?? DEMO_PASSWORD);
  const today = options.today ?? chinaToday();
  const rows = generateDemoData({
    scale,
    seed: options.seed ?? DEFAULT_SEED,
    passwordHash,
    today,
    plansAndCalls: options.plansAndCalls ?? true,
    care: options.care ?? true,
    channel: options.channel ?? true,
  });

  const written = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    // The calls' day summaries are rebuilt once below rather than recounted per inserted chunk.
    await tx.execute(sql`select set_config('keqing.defer_call_summaries', 'on', true)`);
    // Another process may have seeded while we were generating.
    if (await hasUsers(tx)) return false;
    for (const key of Object.keys(tables) as (keyof DemoRows)[]) {
      await insertRows(tx, tables[key], rows[key]);
    }
    return true;
  });
  if (!written) return skipped();
  // Fresh statistics for the planner: PGlite never runs autovacuum, and without them it estimates one row
  // per table and picks nested loops over the whole seed (the frequency queries took seconds).
  await db.execute(sql`analyze`);
  await rebuildAnalyticsSummaries(db);
  if (options.channel ?? true) await evaluateChannel(db, today);

  const counts = emptyCounts();
  for (const key of Object.keys(tables) as (keyof DemoRows)[]) counts[key] = rows[key].length;
  return { seeded: true, counts, signIns, elapsedMs: Math.round(performance.now() - started) };
}

/**
 * The board comes alive on first start: a health score for each of the last twelve month-ends (the trend that
 * shows a decline months ahead), then the warnings as of today. Uses the same evaluation as the API.
 */
async function evaluateChannel(db: Db, today: string): Promise<void> {
  for (const month of channelHistoryMonths(today)) await computeChannelHealth(db, { month });
  await evaluateChannelWarnings(db, { asOf: today });
}

/** One sign-in per role, for the start-up banner and the README. */
export function demoSignIns(): DemoSignIn[] {
  return [
    { role: 'admin', username: 'admin' },
    { role: 'compliance', username: 'compliance' },
    { role: 'manager', username: 'manager01' },
    { role: 'rep', username: 'rep01' },
  ];
}
