import type { z } from 'zod';
import {
  addDays,
  careFestivals,
  chinaDate,
  festivalsBetween,
  isValidYearlyDate,
  lifeEventKinds,
  occurrencesBetween,
} from '@keqing/domain';
import {
  ruleMessage,
  type CareDate,
  type CareSettings,
  type createCareDateSchema,
  type createLifeEventSchema,
  type DoctorCareTier,
  type LifeEvent,
  type lifeEventListQuerySchema,
  type ListResponse,
  type Locale,
  type setDoctorCareTierSchema,
  type UpcomingCare,
  type upcomingCareQuerySchema,
  type updateCareDateSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, personalDataAccessOf, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { loadDoctorGrading } from '../segmentation/grading.service.ts';
import { insertCareSettings, loadCareSettings, resolveCareTiers } from './care-settings.repository.ts';
import * as repo from './care.repository.ts';
import { coveredReps, type Rep } from '../users/covered-reps.ts';

type UpcomingItem = UpcomingCare['items'][number];

/** A happy event's task is due within this many days; a misfortune's today (seed 003: call today, briefly). */
const happyTaskDays = 3;
/** A life event may be recorded ahead (a wedding date) but not further than a year. */
const lifeEventMaxDaysAhead = 366;

const message = (locale: Locale, key: string, params?: Record<string, string | number>) =>
  ruleMessage(locale, key, params) ?? key;

/**
 * Care dates and reminders 重要日期, care settings, life events 喜事/不幸 and care tiers 关怀等级.
 * Birthdays (doctor_profiles) and care dates are personal data (PIPL): only the owning line and compliance read
 * them, only the owning line writes them, an admin does neither (personalDataAccessOf in scope.ts).
 */
export function createCareService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = deps.today ?? (() => chinaDate(now()));

  /** Records a refused read of personal data (PIPL), outside any transaction since the request then fails. */
  async function auditRefusedRead(ctx: RequestContext, entityId: string, reason: string) {
    await insertAudit(db, {
      actorId: ctx.actor.id,
      requestId: ctx.requestId,
      entity: 'careDate',
      entityId,
      action: 'read',
      after: { outcome: 'refused', reason },
    });
  }

  /**
   * The doctor whose personal data (care dates, life events) is asked for, if the actor's line owns it: an admin
   * gets 403 (compliance too, for a write), a rep or manager outside the doctor's hospital 404.
   */
  async function personalDoctor(ctx: RequestContext, doctorId: string, mode: 'read' | 'write') {
    const access = personalDataAccessOf(ctx.actor);
    if (!(await repo.getDoctor(db, doctorId))) throw notFound();
    if (!access[mode]) {
      if (mode === 'read') await auditRefusedRead(ctx, doctorId, 'notOwningLine');
      throw new AppError('FORBIDDEN', {
        messageKey: mode === 'read' ? 'care.personal.adminRefused' : 'care.personal.writeRefused',
      });
    }
    const doctor = await repo.getDoctor(db, doctorId, access.hospitals(repo.doctors.hospitalId));
    if (!doctor) {
      if (mode === 'read') await auditRefusedRead(ctx, doctorId, 'outsideScope');
      throw notFound();
    }
    return doctor;
  }

  function assertRealDay(date: { month: number; day: number; isLunar: boolean }) {
    if (date.isLunar && date.day > 30) throw fieldError('body.day', 'care.date.lunarDayTooLarge');
    if (!isValidYearlyDate(date))
      throw fieldError('body.day', 'care.date.notARealDay', { month: date.month, day: date.day });
  }

  /** Whose doctors: a named rep, a named team, or the caller's own (a rep: self; a manager: their teams). */
  const upcomingReps = (ctx: RequestContext, q: { ownerId?: string; teamId?: string }): Promise<Rep[]> =>
    coveredReps(db, ctx.actor, q, 'care.upcoming.ownerOrTeamRequired');

  async function loadDate(tx: Db, id: string): Promise<CareDate | undefined> {
    return repo.getCareDate(tx, id);
  }

  return {
    // ── settings ──
    async getSettings(_ctx: RequestContext): Promise<CareSettings> {
      return loadCareSettings(db);
    },

    /** A new settings version (the newest applies). Admin and compliance only: caps are compliance's to set. */
    async putSettings(ctx: RequestContext, input: CareSettings): Promise<CareSettings> {
      if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'compliance')
        throw new AppError('FORBIDDEN', { messageKey: 'care.settings.writeRefused' });
      const seen = new Set<string>();
      input.tiers.forEach((t, i) => {
        if (seen.has(t.key))
          throw fieldError(`body.tiers.${i}.key`, 'care.settings.tierKeyTaken', { key: t.key });
        seen.add(t.key);
        if (t.capPerActionFen > t.capPerYearFen)
          throw fieldError(`body.tiers.${i}.capPerActionFen`, 'care.settings.capPerActionAboveYear', {
            tier: t.label,
          });
      });
      const config: CareSettings = { ...input, festivals: [...new Set(input.festivals)] };
      await db.transaction(async (tx) => {
        const before = await loadCareSettings(tx);
        const id = await insertCareSettings(tx, config, ctx.actor.id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'careSettings',
          entityId: id,
          action: 'update',
          before,
          after: config,
        });
      });
      return loadCareSettings(db);
    },

    // ── care dates (personal data) ──
    async findCareDates(ctx: RequestContext, doctorId: string): Promise<{ items: CareDate[] }> {
      await personalDoctor(ctx, doctorId, 'read');
      return { items: await repo.findCareDates(db, doctorId) };
    },

    async createCareDate(
      ctx: RequestContext,
      input: z.output<typeof createCareDateSchema>,
    ): Promise<CareDate> {
      await personalDoctor(ctx, input.doctorId, 'write');
      assertRealDay(input);
      return auditedCreate(db, ctx, {
        entity: 'careDate',
        create: (tx) =>
          repo.insertCareDate(tx, {
            ...input,
            sinceYear: input.sinceYear ?? null,
            notes: input.notes ?? null,
            createdBy: ctx.actor.id,
          }),
        load: loadDate,
      });
    },

    async updateCareDate(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateCareDateSchema>,
    ): Promise<CareDate> {
      const current = await repo.getCareDate(db, id);
      if (!current) throw notFound();
      await personalDoctor(ctx, current.doctorId, 'write');
      const { version, ...rest } = input;
      assertRealDay({
        month: rest.month ?? current.month,
        day: rest.day ?? current.day,
        isLunar: rest.isLunar ?? current.isLunar,
      });
      return auditedChange(db, ctx, {
        entity: 'careDate',
        id,
        load: (tx) => loadDate(tx, id),
        write: (tx) => updateVersioned(tx, repo.careDates, id, version, definedOnly(rest)),
      });
    },

    async deleteCareDate(ctx: RequestContext, id: string): Promise<void> {
      const current = await repo.getCareDate(db, id);
      if (!current) throw notFound();
      await personalDoctor(ctx, current.doctorId, 'write');
      await db.transaction(async (tx) => {
        const before = await repo.getCareDate(tx, id);
        if (!before) throw notFound();
        await repo.deleteCareDate(tx, id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'careDate',
          entityId: id,
          action: 'delete',
          before,
        });
      });
    },

    /**
     * What falls in the window for the doctors of a rep, a team or the caller: birthdays and care dates (personal
     * data: none for an admin) and the observed festivals once each, with the doctor's care tier, by date.
     */
    async findUpcoming(
      ctx: RequestContext,
      q: z.output<typeof upcomingCareQuerySchema>,
    ): Promise<UpcomingCare> {
      const settings = await loadCareSettings(db);
      const from = q.from ?? today();
      // by default from today up to and including the day `reminderDaysAhead` ahead
      const to = addDays(from, (q.days ?? settings.reminderDaysAhead + 1) - 1);
      const reps = await upcomingReps(ctx, q);
      const locale = ctx.locale;
      const items: UpcomingItem[] = festivalsBetween(settings.festivals, from, to).map((f) => ({
        date: f.date,
        kind: 'festival',
        label: careFestivals[f.festival][locale],
        isLunar: careFestivals[f.festival].rule.calendar.startsWith('lunar'),
        festival: f.festival,
        doctorId: null,
        doctorName: null,
        hospitalName: null,
        careTier: null,
        careDateId: null,
      }));

      const access = personalDataAccessOf(ctx.actor);
      if (access.read && reps.length) {
        // each rep's doctors: the hospitals of the territories assigned to them today, within the caller's line
        const ids = await repo.findHospitalIds(
          db,
          reps.map((r) => scopeOf({ ...r, role: 'rep' }).hospitals(repo.hospitals.id)),
          access.hospitals(repo.hospitals.id),
        );
        const [birthdays, dates] = await Promise.all([
          repo.findBirthdayCandidates(db, ids),
          repo.findCareDateCandidates(db, ids),
        ]);
        const doctorItems: Omit<UpcomingItem, 'careTier'>[] = [];
        for (const b of birthdays) {
          const [, mm, dd] = b.birthday!.split('-');
          for (const date of occurrencesBetween(
            { month: Number(mm), day: Number(dd), isLunar: b.isLunar },
            from,
            to,
          ))
            doctorItems.push({
              date,
              kind: 'birthday',
              label: message(locale, b.isLunar ? 'care.upcoming.lunarBirthday' : 'care.upcoming.birthday'),
              isLunar: b.isLunar,
              festival: null,
              doctorId: b.doctorId,
              doctorName: b.doctorName,
              hospitalName: b.hospitalName,
              careDateId: null,
            });
        }
        for (const d of dates)
          for (const date of occurrencesBetween(d, from, to))
            doctorItems.push({
              date,
              kind: d.kind,
              label: d.label,
              isLunar: d.isLunar,
              festival: null,
              doctorId: d.doctorId,
              doctorName: d.doctorName,
              hospitalName: d.hospitalName,
              careDateId: d.id,
            });
        if (doctorItems.length) {
          const grading = await loadDoctorGrading(db);
          const tiers = await resolveCareTiers(
            db,
            doctorItems.map((i) => i.doctorId!),
            settings.tiers,
            grading.config.grades,
          );
          for (const i of doctorItems) items.push({ ...i, careTier: tiers.get(i.doctorId!)?.tier ?? null });
        }
      }
      const order = (i: UpcomingItem) => (i.kind === 'festival' ? 0 : 1);
      items.sort(
        (a, b) =>
          a.date.localeCompare(b.date) ||
          order(a) - order(b) ||
          (a.doctorName ?? '').localeCompare(b.doctorName ?? '', 'zh-CN') ||
          a.label.localeCompare(b.label),
      );
      return { from, to, items };
    },

    // ── life events ──
    /**
     * Records a happy event or a misfortune on a doctor and, in the same transaction, the caller's task: a
     * misfortune asks for a brief call today (business can wait), a happy event for congratulations within days.
     */
    async createLifeEvent(
      ctx: RequestContext,
      input: z.output<typeof createLifeEventSchema>,
    ): Promise<LifeEvent> {
      assertMayWrite(ctx.actor);
      await personalDoctor(ctx, input.doctorId, 'write');
      const day = today();
      const max = addDays(day, lifeEventMaxDaysAhead);
      if (input.occurredOn > max) throw fieldError('body.occurredOn', 'care.lifeEvent.farFuture', { max });
      const nature = lifeEventKinds[input.kind];
      const kind = message(ctx.locale, `care.lifeEvent.kind.${input.kind}`);
      const title =
        nature === 'misfortune'
          ? message(ctx.locale, 'care.lifeEvent.misfortuneTask', { kind })
          : message(ctx.locale, 'care.lifeEvent.happyTask', { kind });
      const dueDate = nature === 'misfortune' ? day : addDays(day, happyTaskDays);
      return db.transaction(async (tx) => {
        const followUp = await repo.insertFollowUp(tx, {
          ownerId: ctx.actor.id,
          doctorId: input.doctorId,
          title,
          dueDate,
        });
        const id = await repo.insertLifeEvent(tx, {
          doctorId: input.doctorId,
          kind: input.kind,
          nature,
          occurredOn: input.occurredOn,
          note: input.note ?? null,
          followUpId: followUp.id,
          createdBy: ctx.actor.id,
        });
        const after = (await repo.getLifeEvent(tx, id))!;
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'lifeEvent',
          entityId: id,
          action: 'create',
          after,
        });
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'followUp',
          entityId: followUp.id,
          action: 'create',
          after: { title, dueDate, doctorId: input.doctorId, ownerId: ctx.actor.id },
        });
        return after;
      });
    },

    /** Life events of the doctors whose personal data the caller may read (a named doctor: 404 outside). */
    async findLifeEvents(
      ctx: RequestContext,
      q: z.output<typeof lifeEventListQuerySchema>,
    ): Promise<ListResponse<LifeEvent>> {
      const access = personalDataAccessOf(ctx.actor);
      if (q.doctorId) await personalDoctor(ctx, q.doctorId, 'read');
      else if (!access.read) throw new AppError('FORBIDDEN', { messageKey: 'care.personal.adminRefused' });
      const { rows, total } = await repo.findLifeEvents(
        db,
        { doctorId: q.doctorId, hospitalScope: access.hospitals(repo.doctors.hospitalId) },
        q,
      );
      return listOf(rows, total, q);
    },

    // ── care tiers ──
    async getCareTier(ctx: RequestContext, doctorId: string): Promise<DoctorCareTier> {
      const doctor = await repo.getDoctor(
        db,
        doctorId,
        scopeOf(ctx.actor).hospitals(repo.doctors.hospitalId),
      );
      if (!doctor) throw notFound();
      return careTierOf(db, doctorId, Number(today().slice(0, 4)));
    },

    /** Chooses a doctor's tier (a configured key) or, with null, goes back to the suggestion. */
    async setCareTier(
      ctx: RequestContext,
      doctorId: string,
      input: z.output<typeof setDoctorCareTierSchema>,
    ): Promise<DoctorCareTier> {
      assertMayWrite(ctx.actor);
      const doctor = await repo.getDoctor(
        db,
        doctorId,
        scopeOf(ctx.actor).hospitals(repo.doctors.hospitalId),
      );
      if (!doctor) throw notFound();
      const settings = await loadCareSettings(db);
      if (input.tier !== null && !settings.tiers.some((t) => t.key === input.tier))
        throw fieldError('body.tier', 'care.tier.unknown', { tier: input.tier });
      await db.transaction(async (tx) => {
        const before = await repo.getChosenTier(tx, doctorId);
        if (before) {
          if (input.version !== before.version) throw versionConflict(before.version);
          const ok =
            input.tier === null
              ? await repo.deleteChosenTier(tx, doctorId, before.version)
              : await repo.updateChosenTier(tx, doctorId, before.version, input.tier, ctx.actor.id);
          if (!ok) throw versionConflict(before.version);
        } else if (input.tier !== null) {
          await repo.insertChosenTier(tx, doctorId, input.tier, ctx.actor.id);
        } else {
          return;
        }
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'doctorCareTier',
          entityId: doctorId,
          action: !before ? 'create' : input.tier === null ? 'delete' : 'update',
          before: before && { tier: before.tier },
          after: input.tier === null ? undefined : { tier: input.tier },
        });
      });
      return careTierOf(db, doctorId, Number(today().slice(0, 4)));
    },
  };

  async function careTierOf(tx: Db, doctorId: string, year: number): Promise<DoctorCareTier> {
    const settings = await loadCareSettings(tx);
    const grading = await loadDoctorGrading(tx);
    const [resolved, spend] = await Promise.all([
      resolveCareTiers(tx, [doctorId], settings.tiers, grading.config.grades),
      repo.yearSpend(tx, doctorId, year),
    ]);
    const r = resolved.get(doctorId)!;
    return {
      doctorId,
      tier: r.tier,
      suggestedTier: r.suggestedTier,
      chosen: r.chosen,
      policy: r.policy,
      yearSpentFen: spend.spentFen,
      yearActions: spend.actions,
      version: r.version,
    };
  }
}
export type CareService = ReturnType<typeof createCareService>;
