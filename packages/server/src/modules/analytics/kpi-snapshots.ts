/**
 * 区域报表快照: the region report sums every rep's KPI counts, which at national scale (4,500 reps, 800,000
 * rep × doctor pairs, 20M calls) takes seconds to tens of seconds to compute. When computing took at least
 * `keepAfterMs`, the counts of every rep of the organisation are kept for that basis (period, today, product,
 * counting settings) and served while younger than KEQING_KPI_SNAPSHOT_MINUTES; older ones are still served at
 * once while a refresh runs behind them, and the answer always says when its figures were computed. A warmer
 * refreshes the views read in the last two hours before they age out, so a reader rarely meets an old one.
 *
 * Not incremental: a refresh recomputes the whole roll-up. A rep missing from a snapshot (moved into a team
 * since) is computed live and added; a change of settings or grades makes another key, so never a wrong mix.
 */
import { createHash } from 'node:crypto';
import { chinaDate, type KpiCounts } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import type { DashboardBasis } from './dashboard-basis.ts';
import { dashboardBasisOf, kpiArgsOf } from './dashboard-basis.ts';
import { findRepKpiCounts } from './kpi.repository.ts';
import * as repo from './kpi-snapshots.repository.ts';
import type { SnapshotView } from './kpi-snapshots.repository.ts';
import { findOrgUnits, findRepsUnder } from './org-dashboard.repository.ts';

export type { SnapshotView } from './kpi-snapshots.repository.ts';

export type KpiSnapshotLogger = {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

/** Counts and when they were computed; `snapshot`: read from a kept snapshot rather than computed for this request. */
export type OrgCounts = { counts: Map<string, KpiCounts>; computedAt: string; snapshot: boolean };

/** A live computation faster than this is not kept: the reader would not have waited for it. */
export const defaultKeepAfterMs = 1000;
const warmEveryMs = 60_000;
/**
 * Views read within this long are kept fresh. A national refresh costs the database 4–30 s, so a view read once
 * in the morning is not recomputed all day: read later, its old snapshot is served at once (saying its time)
 * while a refresh runs.
 */
const warmWhileReadWithinMs = 2 * 60 * 60_000;
const hourMs = 60 * 60_000;

/** What the counts depend on besides the data: the basis and the product (the reps are all of them). */
export function snapshotKeyOf(basis: DashboardBasis, productId: string | undefined): string {
  const { repIds: _all, ...args } = kpiArgsOf(basis, [], productId);
  return createHash('sha256').update(JSON.stringify(args)).digest('hex');
}

/** The view without what a query adds around it (level, parent, paging): one snapshot serves every drill level. */
export const snapshotViewOf = (q: SnapshotView): SnapshotView => ({
  period: q.period,
  ...(q.date ? { date: q.date } : {}),
  ...(q.from ? { from: q.from } : {}),
  ...(q.to ? { to: q.to } : {}),
  ...(q.productId ? { productId: q.productId } : {}),
});

export function createKpiSnapshots(deps: {
  db: Db;
  /** 0: always compute live (the default in tests) */
  maxAgeMinutes: number;
  keepAfterMs?: number;
  now?: () => Date;
  logger?: KpiSnapshotLogger;
}) {
  const { db, maxAgeMinutes } = deps;
  const keepAfterMs = deps.keepAfterMs ?? defaultKeepAfterMs;
  const now = deps.now ?? (() => new Date());
  const maxAgeMs = maxAgeMinutes * 60_000;
  /** One computation per key at a time: three admins opening the same view wait for the same one. */
  const computing = new Map<string, Promise<OrgCounts>>();
  /** The last snapshots read, parsed (a national one is about 2 MB of JSON). */
  const parsed = new Map<string, { computedAt: number; counts: Map<string, KpiCounts> }>();

  /** The reps' counts computed now. */
  const liveCounts = (view: SnapshotView, basis: DashboardBasis, repIds: string[]) =>
    findRepKpiCounts(db, kpiArgsOf(basis, repIds, view.productId));

  async function allReps(): Promise<string[]> {
    const regions = await findOrgUnits(db, 'region');
    const reps = await findRepsUnder(
      db,
      'region',
      regions.map((r) => r.id),
    );
    return [...new Set(reps.map((r) => r.repId))];
  }

  /**
   * Every rep's counts for the basis, computed now; kept when that took long enough, or always (`keep`) when
   * it replaces a kept one: a stale snapshot must not outlive a database that got faster.
   */
  function computeAll(
    view: SnapshotView,
    basis: DashboardBasis,
    key: string,
    options: { keep?: boolean; lastReadAt?: Date } = {},
  ): Promise<OrgCounts> {
    const running = computing.get(key);
    if (running) return running;
    const job = (async () => {
      const computedAt = now();
      const started = performance.now();
      const counts = await liveCounts(view, basis, await allReps());
      const computeMs = Math.round(performance.now() - started);
      if (options.keep || computeMs >= keepAfterMs) {
        await repo.saveSnapshot(db, {
          key,
          view: snapshotViewOf(view),
          counts: Object.fromEntries(counts),
          computedAt,
          computeMs,
          lastReadAt: options.lastReadAt ?? computedAt,
        });
        deps.logger?.info({ view, reps: counts.size, computeMs }, 'region report snapshot kept');
      }
      return { counts, computedAt: computedAt.toISOString(), snapshot: false };
    })().finally(() => computing.delete(key));
    computing.set(key, job);
    return job;
  }

  async function readKept(key: string, meta: repo.SnapshotMeta) {
    const memo = parsed.get(key);
    if (memo?.computedAt === meta.computedAt.getTime()) return memo.counts;
    const stored = await repo.findSnapshotCounts(db, key, meta.computedAt);
    if (!stored) return undefined;
    const counts = new Map(Object.entries(stored));
    parsed.delete(key);
    parsed.set(key, { computedAt: meta.computedAt.getTime(), counts });
    // the few views in use; the oldest read goes first
    while (parsed.size > 4) parsed.delete(parsed.keys().next().value!);
    return counts;
  }

  /**
   * The counts of `repIds` for a view: from a kept snapshot of the basis when there is one (a stale one
   * triggers a refresh and is served meanwhile), else computed now. `refresh`: compute now regardless.
   */
  async function countsOf(
    view: SnapshotView,
    basis: DashboardBasis,
    repIds: string[],
    options: { refresh?: boolean } = {},
  ): Promise<OrgCounts> {
    if (maxAgeMs === 0) {
      const counts = await liveCounts(view, basis, repIds);
      return { counts, computedAt: now().toISOString(), snapshot: false };
    }
    const key = snapshotKeyOf(basis, view.productId);
    const meta = await repo.findSnapshotMeta(db, key);
    if (options.refresh) return computeAll(view, basis, key, { keep: !!meta });
    const kept = meta && (await readKept(key, meta));
    if (!meta || !kept) return computeAll(view, basis, key);

    const at = now();
    if (at.getTime() - meta.computedAt.getTime() > maxAgeMs)
      void computeAll(view, basis, key, { keep: true }).catch((err: unknown) =>
        deps.logger?.error({ err, view }, 'region report snapshot refresh failed'),
      );
    if (at.getTime() - meta.lastReadAt.getTime() > hourMs) await repo.touchSnapshot(db, key, at);
    const missing = repIds.filter((id) => !kept.has(id));
    const computedAt = meta.computedAt.toISOString();
    if (!missing.length) return { counts: kept, computedAt, snapshot: true };
    // reps who joined the organisation since: theirs computed now, the rest as kept
    const added = await liveCounts(view, basis, missing);
    return { counts: new Map([...kept, ...added]), computedAt, snapshot: true };
  }

  /** One pass of the warmer: refresh the snapshots of views read in the last two hours before they age out. */
  async function warm(): Promise<number> {
    const at = now();
    const today = chinaDate(at);
    await repo.deleteOldSnapshots(
      db,
      new Date(at.getTime() - 48 * hourMs),
      new Date(at.getTime() - 7 * 24 * hourMs),
    );
    let refreshed = 0;
    const views = await repo.findViewsReadSince(db, new Date(at.getTime() - warmWhileReadWithinMs));
    for (const { view, lastReadAt } of views) {
      const basis = await dashboardBasisOf(db, view, today);
      const key = snapshotKeyOf(basis, view.productId);
      const meta = await repo.findSnapshotMeta(db, key);
      // refreshed a little before it ages out, so a reader finds it fresh
      const dueAt = meta ? meta.computedAt.getTime() + maxAgeMs - warmEveryMs - meta.computeMs : 0;
      if (at.getTime() < dueAt) continue;
      await computeAll(view, basis, key, { keep: true, lastReadAt });
      refreshed++;
    }
    return refreshed;
  }

  /** Runs the warmer every minute (never overlapping itself); returns the stopper. */
  function startWarmer(): () => Promise<void> {
    if (maxAgeMs === 0) return async () => undefined;
    let running: Promise<void> | null = null;
    const tick = () => {
      running ??= warm()
        .then(
          (n) => void (n > 0 && deps.logger?.info({ refreshed: n }, 'region report snapshots refreshed')),
          (err: unknown) => deps.logger?.error({ err }, 'region report snapshot warmer failed'),
        )
        .finally(() => {
          running = null;
        });
    };
    const timer = setInterval(tick, warmEveryMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
      await Promise.allSettled(computing.values());
    };
  }

  return { countsOf, warm, startWarmer, maxAgeMinutes };
}

export type KpiSnapshots = ReturnType<typeof createKpiSnapshots>;
