import type { z } from 'zod';
import {
  activityWeight,
  addDays,
  chinaDate,
  latestJudgements,
  monthRange,
  monthsUpTo,
  pressureSeries,
  pressureTrend,
  threatLevel,
  usageWindowDays,
} from '@keqing/domain';
import type {
  CompetitorActivity,
  competitorActivityQuerySchema,
  CompetitorJudgement,
  CompetitorPressure,
  competitorPressureQuerySchema,
  CompetitorProduct,
  competitorProductQuerySchema,
  CompetitorUsage,
  competitorUsageQuerySchema,
  createCompetitorActivitySchema,
  createCompetitorProductSchema,
  createCompetitorUsageSchema,
  DoctorCompetitors,
  HospitalPressure,
  ListResponse,
  updateCompetitorProductSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import * as repo from './competitors.repository.ts';

/** How far back the doctor page and the brief look for activities around a doctor. */
const recentActivityDays = 90;
const latestActivityCount = 10;

const toActivity = (r: repo.ActivityRow): CompetitorActivity => ({
  ...r,
  weight: activityWeight(r.kind, r.byWhom),
});
const toUsage = ({ therapeuticArea: _t, ...r }: repo.UsageRow): CompetitorUsage => r;

/** Per competitor product: the highest latest judgement, how many doctors, the latest observation. */
function summarizeJudgements(latest: repo.UsageRow[]): CompetitorJudgement[] {
  const byProduct = new Map<string, { row: repo.UsageRow; judgement: number; doctors: Set<string> }>();
  for (const u of latest) {
    const entry = byProduct.get(u.competitorProductId) ?? {
      row: u,
      judgement: 0,
      doctors: new Set<string>(),
    };
    entry.judgement = Math.max(entry.judgement, u.judgement);
    if (u.doctorId) entry.doctors.add(u.doctorId);
    if (u.observedOn >= entry.row.observedOn) entry.row = u;
    byProduct.set(u.competitorProductId, entry);
  }
  return [...byProduct.values()]
    .map(({ row, judgement, doctors }) => ({
      competitorProductId: row.competitorProductId,
      competitorProductName: row.competitorProductName,
      company: row.company,
      therapeuticArea: row.therapeuticArea,
      judgement,
      doctorCount: doctors.size,
      observedOn: row.observedOn,
      source: row.source,
    }))
    .sort((a, b) => b.judgement - a.judgement || b.doctorCount - a.doctorCount);
}

/**
 * 竞品情报: competitor products are organisation data (admin writes, everyone reads); usage judgements and
 * activities belong to hospitals, so whoever sees the hospital (scope.ts hospitals) reads them, and the reps and
 * managers covering it (and admin) record them. Compliance reads.
 */
export function createCompetitorsService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => chinaDate(now());

  const duplicateName = (err: unknown): never => {
    if (isUniqueViolation(err))
      throw new AppError('CONFLICT', { messageKey: 'competitors.product.duplicate' });
    throw err;
  };

  async function visibleHospital(ctx: RequestContext, hospitalId: string) {
    const hospital = await repo.getVisibleHospital(
      db,
      hospitalId,
      scopeOf(ctx.actor).hospitals(repo.hospitals.id),
    );
    if (!hospital) throw notFound();
    return hospital;
  }

  function assertObservedOn(observedOn: string) {
    if (observedOn > today())
      throw fieldError('body.observedOn', 'competitors.observedOn.future', { today: today() });
  }

  /** A doctor, when given, works at the hospital of the record (else 400). */
  async function assertDoctorAt(doctorId: string | null | undefined, hospitalId: string) {
    if (!doctorId) return;
    if ((await repo.getDoctorHospital(db, doctorId)) !== hospitalId)
      throw fieldError('body.doctorId', 'competitors.doctor.otherHospital');
  }

  async function activeCompetitorProduct(id: string, path: string) {
    const product = await repo.getCompetitorProduct(db, id);
    if (!product || !product.active) throw fieldError(path, 'competitors.product.unknown');
    return product;
  }

  /** The monthly pressure of each hospital with data (or of `hospital`, data or not). */
  async function pressureOf(
    ctx: RequestContext,
    q: { hospital?: { id: string; name: string }; productId?: string; months: string[] },
  ) {
    const scope = scopeOf(ctx.actor);
    const asOf = today();
    const from = monthRange(q.months[0]!).from;
    const [usages, activities] = await Promise.all([
      repo.allUsages(db, {
        visible: scope.hospitals(repo.competitorUsages.hospitalId),
        hospitalId: q.hospital?.id,
        productId: q.productId,
        from: addDays(from, -usageWindowDays),
        to: asOf,
      }),
      repo.allActivities(db, {
        visible: scope.hospitals(repo.competitorActivities.hospitalId),
        hospitalId: q.hospital?.id,
        productId: q.productId,
        from,
        to: asOf,
      }),
    ]);
    const hospitals = new Map<string, string>();
    if (q.hospital) hospitals.set(q.hospital.id, q.hospital.name);
    for (const r of [...usages, ...activities]) hospitals.set(r.hospitalId, r.hospitalName);

    const items: HospitalPressure[] = [...hospitals].map(([hospitalId, hospitalName]) => {
      const hospitalUsages = usages.filter((u) => u.hospitalId === hospitalId);
      const series = pressureSeries(
        q.months,
        hospitalUsages,
        activities.filter((a) => a.hospitalId === hospitalId),
        asOf,
      );
      const score = series.at(-1)?.score ?? 0;
      const trend = pressureTrend(series.map((p) => p.score));
      return {
        hospitalId,
        hospitalName,
        series,
        score,
        trend,
        threat: threatLevel(score, trend),
        competitors: summarizeJudgements(latestJudgements(hospitalUsages, asOf)),
      };
    });
    items.sort((a, b) => b.score - a.score || a.hospitalName.localeCompare(b.hospitalName, 'zh-CN'));
    return { items, activities };
  }

  return {
    // ── competitor products ──
    async findProducts(
      _ctx: RequestContext,
      q: z.output<typeof competitorProductQuerySchema>,
    ): Promise<ListResponse<CompetitorProduct>> {
      const { rows, total } = await repo.findCompetitorProducts(
        db,
        {
          q: q.q,
          therapeuticArea: q.therapeuticArea,
          productId: q.productId,
          active: q.active === undefined ? undefined : q.active === 'true',
        },
        q,
      );
      return listOf(rows, total, q);
    },

    async createProduct(
      ctx: RequestContext,
      input: z.output<typeof createCompetitorProductSchema>,
    ): Promise<CompetitorProduct> {
      assertAdmin(ctx.actor);
      if (input.productId && !(await repo.productExists(db, input.productId)))
        throw fieldError('body.productId', 'competitors.product.ourUnknown');
      return auditedCreate(db, ctx, {
        entity: 'competitorProduct',
        create: (tx) =>
          repo.insertCompetitorProduct(tx, {
            name: input.name,
            company: input.company,
            therapeuticArea: input.therapeuticArea,
            productId: input.productId ?? null,
            active: input.active,
          }),
        load: (tx, id) => repo.getCompetitorProduct(tx, id),
      }).catch(duplicateName);
    },

    async updateProduct(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateCompetitorProductSchema>,
    ): Promise<CompetitorProduct> {
      assertAdmin(ctx.actor);
      if (input.productId && !(await repo.productExists(db, input.productId)))
        throw fieldError('body.productId', 'competitors.product.ourUnknown');
      const { version, ...rest } = input;
      return auditedChange(db, ctx, {
        entity: 'competitorProduct',
        id,
        load: (tx) => repo.getCompetitorProduct(tx, id),
        write: (tx) => updateVersioned(tx, repo.competitorProducts, id, version, definedOnly(rest)),
      }).catch(duplicateName);
    },

    // ── usage judgements ──
    async findUsages(
      ctx: RequestContext,
      q: z.output<typeof competitorUsageQuerySchema>,
    ): Promise<ListResponse<CompetitorUsage>> {
      const { rows, total } = await repo.findUsages(
        db,
        {
          visible: scopeOf(ctx.actor).hospitals(repo.competitorUsages.hospitalId),
          hospitalId: q.hospitalId,
          doctorId: q.doctorId,
          competitorProductId: q.competitorProductId,
          q: q.q,
        },
        q,
      );
      return listOf(rows.map(toUsage), total, q);
    },

    async createUsage(
      ctx: RequestContext,
      input: z.output<typeof createCompetitorUsageSchema>,
    ): Promise<CompetitorUsage> {
      assertMayWrite(ctx.actor);
      await visibleHospital(ctx, input.hospitalId);
      assertObservedOn(input.observedOn);
      await assertDoctorAt(input.doctorId, input.hospitalId);
      await activeCompetitorProduct(input.competitorProductId, 'body.competitorProductId');
      const stored = await auditedCreate(db, ctx, {
        entity: 'competitorUsage',
        create: (tx) =>
          repo.insertUsage(tx, {
            hospitalId: input.hospitalId,
            doctorId: input.doctorId ?? null,
            competitorProductId: input.competitorProductId,
            judgement: input.judgement,
            observedOn: input.observedOn,
            source: input.source || null,
            note: input.note || null,
            recordedBy: ctx.actor.id,
          }),
        load: (tx, id) => repo.getUsage(tx, id),
      });
      return toUsage(stored);
    },

    // ── activities ──
    async findActivities(
      ctx: RequestContext,
      q: z.output<typeof competitorActivityQuerySchema>,
    ): Promise<ListResponse<CompetitorActivity>> {
      if (q.from && q.to && q.from > q.to) throw fieldError('querystring.from', 'competitors.range');
      const { rows, total } = await repo.findActivities(
        db,
        {
          visible: scopeOf(ctx.actor).hospitals(repo.competitorActivities.hospitalId),
          hospitalId: q.hospitalId,
          doctorId: q.doctorId,
          kind: q.kind,
          from: q.from,
          to: q.to,
          q: q.q,
        },
        q,
      );
      return listOf(rows.map(toActivity), total, q);
    },

    async createActivity(
      ctx: RequestContext,
      input: z.output<typeof createCompetitorActivitySchema>,
    ): Promise<CompetitorActivity> {
      assertMayWrite(ctx.actor);
      await visibleHospital(ctx, input.hospitalId);
      assertObservedOn(input.observedOn);
      await assertDoctorAt(input.doctorId, input.hospitalId);
      const product = input.competitorProductId
        ? await activeCompetitorProduct(input.competitorProductId, 'body.competitorProductId')
        : undefined;
      const company = input.company || product?.company;
      if (!company) throw fieldError('body.company', 'competitors.activity.whoNeeded');
      // who visited matters for visits only (代表 / 经理 / 总监)
      const byWhom = input.kind === 'visit' ? (input.byWhom ?? 'unknown') : null;
      const stored = await auditedCreate(db, ctx, {
        entity: 'competitorActivity',
        create: (tx) =>
          repo.insertActivity(tx, {
            hospitalId: input.hospitalId,
            doctorId: input.doctorId ?? null,
            competitorProductId: input.competitorProductId ?? null,
            company,
            kind: input.kind,
            byWhom,
            observedOn: input.observedOn,
            source: input.source || null,
            description: input.description,
            recordedBy: ctx.actor.id,
          }),
        load: (tx, id) => repo.getActivity(tx, id),
      });
      return toActivity(stored);
    },

    // ── pressure ──
    async getPressure(
      ctx: RequestContext,
      q: z.output<typeof competitorPressureQuerySchema>,
    ): Promise<CompetitorPressure> {
      const hospital = q.hospitalId ? await visibleHospital(ctx, q.hospitalId) : undefined;
      const months = monthsUpTo(today().slice(0, 7), q.months);
      const { items, activities } = await pressureOf(ctx, { hospital, productId: q.productId, months });
      return {
        months,
        items,
        latestActivities: activities.slice(0, latestActivityCount).map(toActivity),
      };
    },

    /** What the doctor uses (latest judgement per competitor product) and the competition around them. */
    async getDoctorCompetitors(ctx: RequestContext, doctorId: string): Promise<DoctorCompetitors> {
      const scope = scopeOf(ctx.actor);
      const doctor = await repo.getVisibleDoctor(db, doctorId, scope.doctors(repo.doctors.id));
      if (!doctor) throw notFound();
      const asOf = today();
      const [usages, activities, pressure] = await Promise.all([
        repo.allUsages(db, { visible: undefined, doctorId, from: addDays(asOf, -usageWindowDays), to: asOf }),
        repo.allActivities(
          db,
          {
            visible: undefined,
            aroundDoctor: { doctorId, hospitalId: doctor.hospitalId },
            from: addDays(asOf, -recentActivityDays),
            to: asOf,
          },
          latestActivityCount,
        ),
        pressureOf(ctx, {
          hospital: { id: doctor.hospitalId, name: doctor.hospitalName },
          months: monthsUpTo(asOf.slice(0, 7), 6),
        }),
      ]);
      const hospital = pressure.items.find((i) => i.hospitalId === doctor.hospitalId);
      return {
        doctorId,
        hospitalId: doctor.hospitalId,
        hospitalName: doctor.hospitalName,
        competitors: summarizeJudgements(latestJudgements(usages, asOf)),
        activities: activities.map(toActivity),
        score: hospital?.score ?? 0,
        trend: hospital?.trend ?? 'steady',
        threat: hospital?.threat ?? 'none',
      };
    },
  };
}
