/**
 * 汇总表: call_day_summaries holds each rep's counted calls per China day (calls, ≥ minimum objectives, short,
 * burst), so a team-year or the national roll-up sums a few rows per rep-day instead of windowing millions of calls.
 *
 * Freshness: always fresh — statement triggers on calls (migration 0012) recount the touched rep-days in the same
 * transaction as the write (submit, amendment, hand-over, merge, delete). The rules the rows were counted with
 * live in analytics_summary_state; a dashboard reads the summaries only when they match the planning settings in
 * force and no product filter is asked (the rows are not per product), and reads calls otherwise.
 */
import { eq, sql } from 'drizzle-orm';
import { burstGapMinutes, burstMinCalls, shortCallSeconds } from '@keqing/domain';
import type { PlanningSettings } from '@keqing/shared';
import type { Database, Db } from '../../db/client.ts';
import { analyticsSummaryState } from '../../db/schema.ts';
import { loadPlanningSettings } from '../planning/planning-settings.repository.ts';

/** The rules a summary row is counted with. */
export type SummaryRules = {
  countedTypes: string[];
  minObjectives: number;
  shortCallSeconds: number;
  burstGapMinutes: number;
  burstMinCalls: number;
};

/** The rules the dashboards apply under these settings. */
export function summaryRulesOf(
  settings: Pick<PlanningSettings, 'countedCallTypes' | 'minObjectives'>,
): SummaryRules {
  return {
    countedTypes: [...settings.countedCallTypes].sort(),
    minObjectives: settings.minObjectives,
    shortCallSeconds,
    burstGapMinutes,
    burstMinCalls,
  };
}

/** The rules the summaries were built with, or undefined before the first build. */
export async function findSummaryRules(db: Db): Promise<SummaryRules | undefined> {
  const [row] = await db
    .select({
      countedTypes: analyticsSummaryState.countedTypes,
      minObjectives: analyticsSummaryState.minObjectives,
      shortCallSeconds: analyticsSummaryState.shortCallSeconds,
      burstGapMinutes: analyticsSummaryState.burstGapMinutes,
      burstMinCalls: analyticsSummaryState.burstMinCalls,
    })
    .from(analyticsSummaryState)
    .where(eq(analyticsSummaryState.id, 1));
  return row;
}

/** Whether the summaries answer a dashboard computed with these rules. */
export function summariesMatch(built: SummaryRules | undefined, wanted: SummaryRules): boolean {
  if (!built) return false;
  const types = [...built.countedTypes].sort();
  return (
    types.length === wanted.countedTypes.length &&
    types.every((t, i) => t === wanted.countedTypes[i]) &&
    built.minObjectives === wanted.minObjectives &&
    built.shortCallSeconds === wanted.shortCallSeconds &&
    built.burstGapMinutes === wanted.burstGapMinutes &&
    built.burstMinCalls === wanted.burstMinCalls
  );
}

/**
 * Full rebuild under the planning settings in force: records the rules, then recounts every rep-day from calls,
 * in one transaction (writers of calls wait for it). The seeds call it after loading calls; run it after a change
 * of counted call types or of the objective minimum.
 */
export async function rebuildAnalyticsSummaries(db: Db): Promise<{ rows: number }> {
  const rules = summaryRulesOf(await loadPlanningSettings(db));
  return db.transaction(async (tx) => {
    await tx
      .insert(analyticsSummaryState)
      .values({ id: 1, ...rules })
      .onConflictDoUpdate({
        target: analyticsSummaryState.id,
        set: { ...rules, rebuiltAt: sql`now()` },
      });
    await tx.execute(sql`select analytics_refresh_call_days(null, null)`);
    const result = (await tx.execute(sql`select count(*)::int as n from call_day_summaries`)) as unknown as {
      rows: { n: number }[];
    };
    return { rows: result.rows[0]?.n ?? 0 };
  });
}

/** What the keeper logs with (the app's logger). */
export type SummaryKeeperLogger = {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

/**
 * Keeps the summaries counted with the planning settings in force: `check()` (on start, and after an admin saves
 * the planning settings) rebuilds them in the background when the rules differ. One rebuild at a time; a check
 * during a rebuild runs once more after it. Until it ends, dashboards read calls (slower, never wrong), so the
 * settings save itself never waits for a recount of every call.
 */
export function createSummaryKeeper(deps: {
  db: Db;
  logger: SummaryKeeperLogger;
  /** PostgreSQL with statement and lock timeouts: a national recount takes minutes, so it runs without them */
  withoutTimeouts?: Database['withoutTimeouts'];
}) {
  const { db, logger } = deps;
  const rebuild = () =>
    deps.withoutTimeouts
      ? deps.withoutTimeouts((conn) => rebuildAnalyticsSummaries(conn))
      : rebuildAnalyticsSummaries(db);
  let running: Promise<void> | null = null;
  let again = false;

  async function rebuildWhileStale() {
    do {
      again = false;
      const wanted = summaryRulesOf(await loadPlanningSettings(db));
      if (summariesMatch(await findSummaryRules(db), wanted)) continue;
      const started = Date.now();
      const { rows } = await rebuild();
      logger.info(
        { rows, ms: Date.now() - started },
        'analytics summaries rebuilt for the planning settings',
      );
    } while (again);
  }

  function check(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = rebuildWhileStale()
      .catch((err: unknown) => logger.error({ err }, 'analytics summaries rebuild failed'))
      .finally(() => {
        running = null;
      });
    return running;
  }

  /** Resolves once no rebuild runs (stopping the app waits for it, so the database is not closed under it). */
  const idle = (): Promise<void> => running ?? Promise.resolve();

  return { check, idle };
}

export type SummaryKeeper = ReturnType<typeof createSummaryKeeper>;
