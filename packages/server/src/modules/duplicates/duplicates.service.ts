import { searchInitials } from '@keqing/domain';
import type {
  DuplicateDoctorGroup,
  DuplicateHospitalGroup,
  DuplicateReason,
  ListResponse,
  MergeBody,
  MergeResult,
  doctorDuplicatesQuerySchema,
  hospitalDuplicatesQuerySchema,
} from '@keqing/shared';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { doctors } from '../../db/schema.ts';
import { notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import * as repo from './duplicates.repository.ts';
import { listOf } from '../../db/list.ts';

type Group = { ids: string[]; reasons: DuplicateReason[] };

/** Key groups sharing a record are one group (a doctor may share a name with one and a phone with another). */
function connect(keyGroups: repo.KeyGroup[]): Group[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = id; at !== root;) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const g of keyGroups) {
    for (const id of g.ids) if (!parent.has(id)) parent.set(id, id);
    for (const id of g.ids.slice(1)) parent.set(find(id), find(g.ids[0]!));
  }
  const groups = new Map<string, Group>();
  for (const id of parent.keys()) {
    const root = find(id);
    const group = groups.get(root) ?? { ids: [], reasons: [] };
    group.ids.push(id);
    groups.set(root, group);
  }
  for (const g of keyGroups) {
    const group = groups.get(find(g.ids[0]!))!;
    if (!group.reasons.includes(g.reason)) group.reasons.push(g.reason);
  }
  return [...groups.values()];
}

const pageOf = <T>(items: T[], q: { page: number; pageSize: number }): ListResponse<T> =>
  listOf(items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), items.length, q);

/** The oldest record first: it is the suggested one to keep (the group's id). */
const byAge = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;

const doctorFillFields = [
  'code',
  'gender',
  'title',
  'position',
  'clinicSchedule',
  'bestVisitTime',
  'phone',
  'preferredChannel',
  'personalityType',
  'relationshipStage',
  'notes',
] as const;
const hospitalFillFields = [
  'code',
  'district',
  'address',
  'beds',
  'outpatientsPerDay',
  'drugUseLevel',
  'competitorCount',
  'competitionStrength',
  'hasDominantCompetitor',
  'notes',
] as const;

export function createDuplicatesService(deps: { db: Db }) {
  const { db } = deps;

  /** Every record of the merge, locked; 404 unless all exist, are live and (doctors) in scope. */
  function pick<T extends { id: string }>(locked: T[], body: MergeBody) {
    const keep = locked.find((r) => r.id === body.keepId);
    const merged = body.mergeIds.map((id) => locked.find((r) => r.id === id));
    if (!keep || merged.some((m) => !m)) throw notFound();
    return { keep, merged: merged as T[] };
  }

  async function auditMerge(
    tx: Db,
    ctx: RequestContext,
    entity: string,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    body: MergeBody,
    moved: Record<string, number>,
  ) {
    const actor = { actorId: ctx.actor.id, requestId: ctx.requestId };
    await insertAudit(tx, {
      ...actor,
      entity,
      entityId: body.keepId,
      action: 'merge',
      before,
      after: { ...after, mergedIds: body.mergeIds, moved },
    });
    for (const id of body.mergeIds) {
      await insertAudit(tx, {
        ...actor,
        entity,
        entityId: id,
        action: 'update',
        before: { mergedInto: null },
        after: { mergedInto: body.keepId },
      });
    }
  }

  return {
    /** Likely duplicate doctors among those the caller may see (查重). */
    async findDoctorDuplicates(
      ctx: RequestContext,
      q: z.infer<typeof doctorDuplicatesQuerySchema>,
    ): Promise<ListResponse<DuplicateDoctorGroup>> {
      const scope = scopeOf(ctx.actor).hospitals(doctors.hospitalId);
      const groups = connect(await repo.findDoctorKeyGroups(db, scope));
      const members = new Map(
        (
          await repo.doctorsForGroups(
            db,
            groups.flatMap((g) => g.ids),
          )
        ).map((d) => [d.id, d]),
      );
      const needle = q.q?.toLowerCase();
      const items = groups
        .map((g) => {
          const list = g.ids.map((id) => members.get(id)!).sort(byAge);
          return { id: list[0]!.id, reasons: g.reasons, doctors: list };
        })
        .filter(
          (g) =>
            (!q.hospitalId || g.doctors.some((d) => d.hospitalId === q.hospitalId)) &&
            (!needle || g.doctors.some((d) => d.name.toLowerCase().includes(needle))),
        )
        .sort(
          (a, b) =>
            a.doctors[0]!.name.localeCompare(b.doctors[0]!.name, 'zh-CN') ||
            byAge(a.doctors[0]!, b.doctors[0]!),
        );
      return pageOf(items, q);
    },

    /** Hospitals of one city with the same name or alias (admin). */
    async findHospitalDuplicates(
      ctx: RequestContext,
      q: z.infer<typeof hospitalDuplicatesQuerySchema>,
    ): Promise<ListResponse<DuplicateHospitalGroup>> {
      assertAdmin(ctx.actor);
      const groups = connect(await repo.findHospitalKeyGroups(db));
      const members = new Map(
        (
          await repo.hospitalsForGroups(
            db,
            groups.flatMap((g) => g.ids),
          )
        ).map((h) => [h.id, h]),
      );
      const needle = q.q?.toLowerCase();
      const items = groups
        .map((g) => {
          const list = g.ids.map((id) => members.get(id)!).sort(byAge);
          return { id: list[0]!.id, reasons: g.reasons, city: list[0]!.city, hospitals: list };
        })
        .filter(
          (g) =>
            (!q.city || g.city === q.city) &&
            (!needle ||
              g.hospitals.some(
                (h) => h.name.toLowerCase().includes(needle) || h.alias?.toLowerCase().includes(needle),
              )),
        )
        .sort(
          (a, b) =>
            a.city.localeCompare(b.city, 'zh-CN') ||
            a.hospitals[0]!.name.localeCompare(b.hospitals[0]!.name, 'zh-CN'),
        );
      return pageOf(items, q);
    },

    /**
     * Keeps one doctor and folds the others into it (合并): their scores, ladder and stage history,
     * latest statuses, profiles and key-account entries move to the kept record, its blank fields
     * are filled from theirs, and they are marked merged (hidden, never deleted). Every record must
     * be in the caller's scope.
     */
    async mergeDoctors(ctx: RequestContext, body: MergeBody): Promise<MergeResult> {
      assertMayWrite(ctx.actor);
      const scope = scopeOf(ctx.actor).hospitals(doctors.hospitalId);
      return db.transaction(async (tx) => {
        const { keep, merged } = pick(
          await repo.lockDoctors(tx, [body.keepId, ...body.mergeIds], scope),
          body,
        );
        const { mergedInto: _m, ...before } = keep;
        const filled = repo.fillBlanks(keep, merged, doctorFillFields);
        // a 科室 only carries over within the same hospital
        if (!keep.departmentId) {
          const donor = merged.find((m) => m.departmentId && m.hospitalId === keep.hospitalId);
          if (donor) filled.departmentId = donor.departmentId;
        }
        // external codes are unique: the donor gives its code up
        const codeDonor = filled.code ? merged.find((m) => m.code === filled.code) : undefined;
        if (codeDonor) await repo.updateDoctor(tx, codeDonor.id, { code: null });
        if (Object.keys(filled).length) await repo.updateDoctor(tx, keep.id, filled as never);

        const moved: Record<string, number> = {
          ...(await repo.moveDoctorHistory(tx, keep.id, body.mergeIds)),
          doctorProductStatus: await repo.mergeProductStatus(tx, keep.id, body.mergeIds),
          ...(await repo.mergeProfiles(tx, keep.id, body.mergeIds)),
          keyAccountSnapshots: await repo.moveKeyAccountEntries(tx, 'doctor', keep.id, body.mergeIds),
        };
        await repo.markDoctorsMerged(tx, keep.id, body.mergeIds);
        const { mergedInto: _a, ...after } = (await repo.getDoctorRecord(tx, keep.id))!;
        await auditMerge(tx, ctx, 'doctor', before, after, body, moved);
        return { keptId: keep.id, mergedIds: body.mergeIds, moved };
      });
    },

    /**
     * Keeps one hospital and folds the others into it (admin): 科室 (same-name ones merged), doctors,
     * key contacts, territory coverage, 进药 listings and key-account entries move to it.
     */
    async mergeHospitals(ctx: RequestContext, body: MergeBody): Promise<MergeResult> {
      assertAdmin(ctx.actor);
      return db.transaction(async (tx) => {
        const { keep, merged } = pick(await repo.lockHospitals(tx, [body.keepId, ...body.mergeIds]), body);
        const { mergedInto: _m, ...before } = keep;
        const filled: Partial<repo.MergeHospital> = repo.fillBlanks(keep, merged, hospitalFillFields);
        // the other names live on as the alias, so searching them still finds the hospital
        if (!keep.alias) {
          const alias = merged.map((m) => (m.name !== keep.name ? m.name : m.alias)).find((a) => !!a);
          if (alias) filled.alias = alias;
        }
        const codeDonor = filled.code ? merged.find((m) => m.code === filled.code) : undefined;
        if (codeDonor) await repo.updateHospital(tx, codeDonor.id, { code: null });
        if (Object.keys(filled).length) {
          await repo.updateHospital(tx, keep.id, {
            ...(filled as object),
            nameInitials: searchInitials(keep.name, filled.alias ?? keep.alias),
          });
        }

        const moved: Record<string, number> = {
          ...(await repo.mergeDepartments(tx, keep.id, body.mergeIds)),
          ...(await repo.moveHospitalPeople(tx, keep.id, body.mergeIds)),
          territoryHospitals: await repo.moveTerritoryHospitals(tx, keep.id, body.mergeIds),
          hospitalProductListings: await repo.mergeListings(tx, keep.id, body.mergeIds),
          keyAccountSnapshots: await repo.moveKeyAccountEntries(tx, 'hospital', keep.id, body.mergeIds),
        };
        await repo.markHospitalsMerged(tx, keep.id, body.mergeIds);
        const { mergedInto: _a, ...after } = (await repo.getHospitalRecord(tx, keep.id))!;
        await auditMerge(tx, ctx, 'hospital', before, after, body, moved);
        return { keptId: keep.id, mergedIds: body.mergeIds, moved };
      });
    },
  };
}
export type DuplicatesService = ReturnType<typeof createDuplicatesService>;
