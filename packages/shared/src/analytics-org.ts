/**
 * Region roll-up 区域报表 contract: the team dashboard's figures summed over the active reps of each region, of
 * the areas of one region, or of the teams of one area (admin and compliance; a manager uses the team dashboard).
 */
import { z } from 'zod';
import { dashboardQuerySchema, kpiFiguresSchema, periodSchema, teamDashboardSchema } from './analytics.ts';
import { booleanQuery } from './common.ts';

/** 大区 → 地区 → 组 */
export const orgLevels = ['region', 'area', 'team'] as const;
export type OrgLevel = (typeof orgLevels)[number];

/**
 * `GET /api/dashboards/org?level=region|area|team&parentId=` — the rows of one level; parentId is the region
 * (level area) or the area (level team) to open; without it, every area or team is listed.
 */
export const orgDashboardQuerySchema = dashboardQuerySchema
  .extend({
    level: z.enum(orgLevels).default('region'),
    parentId: z.uuid().optional(),
    /** Compute the figures now instead of serving the kept snapshot (立即刷新); waits as long as that takes */
    refresh: booleanQuery.optional(),
  })
  .refine((q) => q.period !== 'custom' || (!!q.from && !!q.to && q.from <= q.to), {
    // the rep dashboard's message: the same rule for every dashboard
    params: { i18n: 'analytics.rep.customRange' },
    path: ['from'],
  });
export type OrgDashboardQuery = z.infer<typeof orgDashboardQuerySchema>;

export const orgDashboardRowSchema = kpiFiguresSchema.extend({
  id: z.uuid(),
  name: z.string(),
  level: z.enum(orgLevels),
});
export type OrgDashboardRow = z.infer<typeof orgDashboardRowSchema>;

export const orgDashboardSchema = z.object({
  period: periodSchema,
  level: z.enum(orgLevels),
  /** The norms the figures are read against (planning settings), as on the team dashboard */
  norms: teamDashboardSchema.shape.norms,
  /** The units above the rows, top first (empty at region level or without a parent) */
  breadcrumb: z.array(z.object({ level: z.enum(orgLevels), id: z.uuid(), name: z.string() })),
  rows: z.array(orgDashboardRowSchema),
  /** All the rows together (the active reps under them, summed once) */
  total: kpiFiguresSchema,
  /** How fresh the figures are: when they were computed, and whether a kept snapshot served them */
  freshness: z.object({
    computedAt: z.iso.datetime(),
    fromSnapshot: z.boolean(),
    /** KEQING_KPI_SNAPSHOT_MINUTES: a snapshot is refreshed once it is older (0 = always computed live) */
    maxAgeMinutes: z.number().int(),
  }),
});
export type OrgDashboard = z.infer<typeof orgDashboardSchema>;
