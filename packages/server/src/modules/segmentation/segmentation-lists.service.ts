/**
 * Lists over the caller's scope: high-potential doctors 高潜力医生, key accounts 重点客户 (80/20) with their
 * monthly snapshots 动态管理: 月变更, and KOLs. Scope comes from scope.ts in SQL; the ranking rules from domain.
 */
import type { z } from 'zod';
import {
  chinaDate,
  findHighPotentialDoctors,
  keyAccountValue,
  monthlyChanges,
  rankKeyAccounts,
} from '@keqing/domain';
import type {
  HighPotentialItem,
  KeyAccountEntity,
  KeyAccountItem,
  KeyAccountList,
  KeyAccountMonthlyChanges,
  KolListItem,
  ListResponse,
  highPotentialQuerySchema,
  keyAccountChangesQuerySchema,
  keyAccountQuerySchema,
  kolListQuerySchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { kolBody } from './doctor-segmentation.service.ts';
import { highPotentialCriteriaOf, loadDoctorGrading, loadKeyAccountConfig } from './grading.service.ts';
import * as repo from './segmentation.repository.ts';
import { listOf } from '../../db/list.ts';

const pageOf = <T>(items: T[], page: number, pageSize: number) =>
  items.slice((page - 1) * pageSize, page * pageSize);

type Ranked = KeyAccountItem;

export function createSegmentationListsService(deps: { db: Db; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => chinaDate());
  const currentMonth = () => today().slice(0, 7);

  /**
   * Doctors (or hospitals) of the caller's scope by value: a doctor's potential × (status + 5) per scored
   * product, summed (or for one product); a hospital the sum of its doctors'. Ranked with the key share.
   */
  async function rank(
    ctx: RequestContext,
    entity: KeyAccountEntity,
    productId?: string,
  ): Promise<{ items: Ranked[]; share: number }> {
    const rows = await repo.findScoredDoctors(db, {
      scope: scopeOf(ctx.actor).doctors(repo.doctors.id),
      productId,
    });
    const share = (await loadKeyAccountConfig(db)).config.share;
    const accounts = new Map<string, { name: string; hospitalName: string | null; value: number }>();
    for (const r of rows) {
      const value = keyAccountValue({ kind: 'score', potential: r.potential, status: r.status });
      const id = entity === 'doctor' ? r.doctorId : r.hospitalId;
      const account = accounts.get(id) ?? {
        name: entity === 'doctor' ? r.doctorName : r.hospitalName,
        hospitalName: entity === 'doctor' ? r.hospitalName : null,
        value: 0,
      };
      account.value += value;
      accounts.set(id, account);
    }
    const ranked = rankKeyAccounts(
      [...accounts].map(([id, a]) => ({ id, value: a.value })),
      share,
    );
    return {
      share,
      items: ranked.map((r) => {
        const a = accounts.get(r.id)!;
        return { ...r, name: a.name, hospitalName: a.hospitalName };
      }),
    };
  }

  return {
    /** 高潜力医生: high potential, low status, the largest gap first. */
    async findHighPotential(
      ctx: RequestContext,
      q: z.infer<typeof highPotentialQuerySchema>,
    ): Promise<ListResponse<HighPotentialItem>> {
      const criteria = highPotentialCriteriaOf((await loadDoctorGrading(db)).config);
      const rows = await repo.findScoredDoctors(db, {
        scope: scopeOf(ctx.actor).doctors(repo.doctors.id),
        productId: q.productId,
        minPotential: criteria.minPotential,
        maxStatus: criteria.maxStatus,
      });
      const byKey = new Map(rows.map((r) => [`${r.doctorId}:${r.productId}`, r]));
      const found = findHighPotentialDoctors(
        rows.map((r) => ({ id: `${r.doctorId}:${r.productId}`, status: r.status, potential: r.potential })),
        criteria,
      );
      const items = pageOf(found, q.page, q.pageSize).map((f) => {
        const r = byKey.get(f.id)!;
        return {
          id: r.doctorId,
          doctorName: r.doctorName,
          hospitalId: r.hospitalId,
          hospitalName: r.hospitalName,
          departmentName: r.departmentName,
          title: r.title,
          productId: r.productId,
          productName: r.productName,
          prescriptionStatus: r.status,
          prescriptionPotential: r.potential,
          grade: r.grade,
          visitsPerCycle: r.visitsPerCycle,
          gap: f.gap,
        };
      });
      return listOf(items, found.length, q);
    },

    async findKeyAccounts(
      ctx: RequestContext,
      q: z.infer<typeof keyAccountQuerySchema>,
    ): Promise<KeyAccountList> {
      const { items, share } = await rank(ctx, q.entity, q.productId);
      const key = items.filter((i) => i.isKey);
      const totalValue = items.reduce((sum, i) => sum + i.value, 0);
      const keyValue = key.reduce((sum, i) => sum + i.value, 0);
      const listed = q.keyOnly ? key : items;
      return {
        items: pageOf(listed, q.page, q.pageSize),
        total: listed.length,
        page: q.page,
        pageSize: q.pageSize,
        share,
        keyCount: key.length,
        keyValueShare: totalValue > 0 ? Math.round((keyValue / totalValue) * 1000) / 1000 : 0,
      };
    },

    /**
     * Saves this month's key doctors and hospitals as the caller's list (动态管理). Repeating it within the
     * month replaces the month's list with today's, so it is safe to press twice.
     */
    async snapshotKeyAccounts(
      ctx: RequestContext,
    ): Promise<{ month: string; doctors: number; hospitals: number }> {
      assertMayWrite(ctx.actor);
      const month = currentMonth();
      const [doctors, hospitals] = [
        (await rank(ctx, 'doctor')).items.filter((i) => i.isKey),
        (await rank(ctx, 'hospital')).items.filter((i) => i.isKey),
      ];
      await db.transaction(async (tx) => {
        const before = {
          doctors: (await repo.findSnapshot(tx, { month, ownerId: ctx.actor.id, entityType: 'doctor' }))
            .length,
          hospitals: (await repo.findSnapshot(tx, { month, ownerId: ctx.actor.id, entityType: 'hospital' }))
            .length,
        };
        await repo.replaceSnapshot(tx, { month, ownerId: ctx.actor.id, entityType: 'doctor' }, doctors);
        await repo.replaceSnapshot(tx, { month, ownerId: ctx.actor.id, entityType: 'hospital' }, hospitals);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'keyAccountSnapshot',
          entityId: `${month}:${ctx.actor.id}`,
          action: before.doctors + before.hospitals > 0 ? 'update' : 'create',
          before,
          after: { doctors: doctors.length, hospitals: hospitals.length },
        });
      });
      return { month, doctors: doctors.length, hospitals: hospitals.length };
    },

    /** 月变更: who entered and left the caller's key list, against their latest earlier snapshot. */
    async keyAccountChanges(
      ctx: RequestContext,
      q: z.infer<typeof keyAccountChangesQuerySchema>,
    ): Promise<KeyAccountMonthlyChanges> {
      const month = q.month ?? currentMonth();
      const key = { month, ownerId: ctx.actor.id, entityType: q.entity };
      let current = await repo.findSnapshot(db, key);
      const snapshotSaved = current.length > 0;
      if (!snapshotSaved && month === currentMonth()) {
        current = (await rank(ctx, q.entity)).items
          .filter((i) => i.isKey)
          .map(({ id, value }) => ({ id, value }));
      }
      const previousMonth = (await repo.findPreviousSnapshotMonth(db, key)) ?? null;
      const previous = previousMonth ? await repo.findSnapshot(db, { ...key, month: previousMonth }) : [];
      const changes = monthlyChanges(
        previous.map((p) => p.id),
        current.map((c) => c.id),
      );
      const values = new Map([...previous, ...current].map((r) => [r.id, r.value]));
      const names = await repo.findNames(db, q.entity, [...values.keys()]);
      const ref = (id: string) => ({ id, name: names.get(id) ?? '', value: values.get(id) ?? 0 });
      return {
        month,
        previousMonth,
        snapshotSaved,
        entity: q.entity,
        entered: changes.entered.map(ref),
        left: changes.left.map((id) => ({
          ...ref(id),
          value: previous.find((p) => p.id === id)?.value ?? 0,
        })),
        stayed: changes.stayed.map(ref),
      };
    },

    async findKols(
      ctx: RequestContext,
      q: z.infer<typeof kolListQuerySchema>,
    ): Promise<ListResponse<KolListItem>> {
      const rows = await repo.findKols(db, {
        scope: scopeOf(ctx.actor).doctors(repo.doctors.id),
        type: q.type,
        developmentStep: q.developmentStep,
        q: q.q,
      });
      const day = today();
      const all = rows
        .map(({ doctorName, hospitalId, hospitalName, departmentName, title, ...profile }) => {
          const { doctorId, ...body } = kolBody(profile, day);
          return { id: doctorId, doctorName, hospitalId, hospitalName, departmentName, title, ...body };
        })
        .filter((k) => q.overdue === undefined || k.overdue === q.overdue);
      return {
        items: pageOf(all, q.page, q.pageSize),
        total: all.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };
}
export type SegmentationListsService = ReturnType<typeof createSegmentationListsService>;
