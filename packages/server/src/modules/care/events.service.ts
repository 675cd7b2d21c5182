/**
 * Academic events 学术会议/科室会 (seed 004): a rep or manager plans an event (host hospital in scope, speakers and
 * invitees among their doctors); the manager of the organiser's team approves (never the organiser), then compliance
 * when a speaker's fee passes the per-talk cap or the speaker's fees this year (all events, all reps) the yearly cap
 * (domain defaults ¥5,000 / ¥20,000). After approval a QR sign-in link (only its sha256 stored) lets invited doctors
 * sign in on the event day ± 1; closing creates a follow-up for each doctor who came. Speaker fee + travel and the
 * meal share count into the doctor's annual care total (care-plans.repository.ts annualTotals).
 */
import type { z } from 'zod';
import {
  addDays,
  checkSpeakerFee,
  chinaDate,
  defaultSpeakerCaps,
  formatFen,
  matchInvitee,
  signInOpen,
} from '@keqing/domain';
import {
  ruleMessage,
  type AcademicEvent,
  type AcademicEventSummary,
  type createAcademicEventSchema,
  type decideEventSchema,
  type eventListQuerySchema,
  type eventSignInSchema,
  type eventVersionSchema,
  type ListResponse,
  type Locale,
  type payEventSpeakersSchema,
  type PublicEvent,
  type putEventAttendeesSchema,
  type putEventSpeakersSchema,
  type updateAcademicEventSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { insertFollowUp } from './care.repository.ts';
import * as repo from './events.repository.ts';
import { hashToken, newToken } from './surveys.service.ts';
import { twoStepDecision } from './two-step-approval.ts';

/** An event is planned at most this far ahead. */
export const eventMaxDaysAhead = 366;
/** The follow-up after an event is due this many days after closing. */
export const eventFollowUpDays = 7;

type EventInput = z.infer<typeof createAcademicEventSchema>;
const yearOf = (date: string) => Number(date.slice(0, 4));

export function createEventsService(deps: { db: Db; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => chinaDate());
  const caps = defaultSpeakerCaps;

  const eventScope = (ctx: RequestContext) => scopeOf(ctx.actor).users(repo.academicEvents.ownerId);

  /** Each speaker against the caps, with the text of why they are over. */
  async function speakersOf(tx: Db, row: repo.EventRow, locale: Locale) {
    const speakers = await repo.findSpeakers(tx, row.id);
    const year = yearOf(row.eventDate);
    const others = await repo.otherEventsFees(
      tx,
      speakers.map((sp) => sp.doctorId),
      year,
      row.id,
    );
    return speakers.map((sp) => {
      const otherEventsFen = others.get(sp.doctorId) ?? 0;
      const reasons = checkSpeakerFee({ feeFen: sp.feeFen, travelFen: sp.travelFen, otherEventsFen, caps });
      const text = reasons.map(
        (r) =>
          ruleMessage(locale, `event.cap.${r}`, {
            fee: formatFen(sp.feeFen),
            cap: formatFen(r === 'overTalkCap' ? caps.perTalkFen : caps.perYearFen),
            total: formatFen(otherEventsFen + sp.feeFen + sp.travelFen),
            year,
          }) ?? r,
      );
      return {
        ...sp,
        otherEventsFen,
        overCap: reasons.length > 0,
        capReason: text.length ? text.join(locale === 'zh-CN' ? '；' : '; ') : null,
      };
    });
  }

  async function loadEvent(
    tx: Db,
    id: string,
    locale: Locale,
    scope?: ReturnType<typeof eventScope>,
  ): Promise<AcademicEvent | undefined> {
    const row = await repo.getEvent(tx, id, scope);
    if (!row) return undefined;
    const [speakers, attendees, approvals] = await Promise.all([
      speakersOf(tx, row, locale),
      repo.findAttendees(tx, id),
      repo.findApprovals(tx, id),
    ]);
    const { speakers: _s, attendees: _a, signedIn: _i, ...rest } = row;
    return {
      ...rest,
      format: row.format as AcademicEvent['format'],
      speakerCostFen: speakers.reduce((sum, sp) => sum + sp.feeFen + sp.travelFen, 0),
      signInOpen: (row.status === 'approved' || row.status === 'held') && signInOpen(row.eventDate, today()),
      speakers,
      attendees: attendees.map(({ id: _id, ...a }) => a),
      approvals,
    };
  }

  async function visibleEvent(ctx: RequestContext, id: string) {
    const row = await repo.getEvent(db, id, eventScope(ctx));
    if (!row) throw notFound();
    return row;
  }

  function assertRepOrManager(ctx: RequestContext, messageKey: string) {
    assertMayWrite(ctx.actor);
    if (ctx.actor.role !== 'rep' && ctx.actor.role !== 'manager')
      throw new AppError('FORBIDDEN', { messageKey });
  }
  function assertOwner(ctx: RequestContext, row: repo.EventRow) {
    assertRepOrManager(ctx, 'event.notOwner');
    if (row.ownerId !== ctx.actor.id) throw new AppError('FORBIDDEN', { messageKey: 'event.notOwner' });
  }
  const assertEditable = (row: repo.EventRow) => {
    if (row.status !== 'draft' && row.status !== 'rejected')
      throw new AppError('CONFLICT', { messageKey: 'event.notEditable' });
  };

  async function checkEventInput(ctx: RequestContext, input: Partial<EventInput>) {
    if (input.eventDate) {
      const max = addDays(today(), eventMaxDaysAhead);
      if (input.eventDate > max) throw fieldError('body.eventDate', 'event.dateTooFar', { max });
    }
    if (
      input.hospitalId &&
      !(await repo.hospitalVisible(db, input.hospitalId, scopeOf(ctx.actor).hospitals(repo.hospitals.id)))
    )
      throw fieldError('body.hospitalId', 'event.hospitalOutOfScope');
  }

  /** Doctors named in a list are in the caller's scope, not merged, and named once. */
  async function checkDoctors(ctx: RequestContext, ids: string[], path: (n: number) => string) {
    const found = await repo.findDoctors(db, ids, scopeOf(ctx.actor).doctors(repo.doctors.id));
    const byId = new Map(found.map((d) => [d.id, d]));
    const seen = new Set<string>();
    ids.forEach((id, n) => {
      const doctor = byId.get(id);
      if (!doctor) throw fieldError(path(n), 'event.doctorOutOfScope');
      if (doctor.mergedInto) throw fieldError(path(n), 'calls.doctor.merged');
      if (seen.has(id)) throw fieldError(path(n), 'event.duplicateDoctor');
      seen.add(id);
    });
  }

  const needsComplianceOf = async (tx: Db, id: string, locale: Locale) => {
    const row = (await repo.getEvent(tx, id))!;
    return (await speakersOf(tx, row, locale)).some((sp) => sp.overCap);
  };

  const change = (ctx: RequestContext, id: string, write: (tx: Db, before: AcademicEvent) => Promise<void>) =>
    auditedChange(db, ctx, {
      entity: 'academicEvent',
      id,
      load: (tx) => loadEvent(tx, id, ctx.locale),
      write: async (tx, before) => {
        await repo.lockEvent(tx, id);
        await write(tx, before);
      },
    });

  /** The event a public sign-in token names (404 unknown or not yet approved). */
  async function eventOfToken(token: string) {
    const row = await repo.getByTokenHash(db, hashToken(token));
    if (!row || !['approved', 'held', 'closed'].includes(row.status)) throw notFound();
    return row;
  }

  return {
    async findEvents(
      ctx: RequestContext,
      q: z.infer<typeof eventListQuerySchema>,
    ): Promise<ListResponse<AcademicEventSummary>> {
      let awaiting;
      if (q.awaitingMe) {
        if (ctx.actor.role === 'manager') awaiting = repo.awaitingManager(ctx.actor.id);
        else if (ctx.actor.role === 'compliance') awaiting = repo.awaitingCompliance;
        else awaiting = repo.noEvents;
      }
      const { rows, total } = await repo.findEvents(db, { ...q, scope: eventScope(ctx), awaiting }, q);
      return listOf(
        rows.map(({ agenda: _g, materials: _m, hasSignInCode: _h, ...r }) => ({
          ...r,
          format: r.format as AcademicEventSummary['format'],
        })),
        total,
        q,
      );
    },

    async getEvent(ctx: RequestContext, id: string): Promise<AcademicEvent> {
      return (await loadEvent(db, id, ctx.locale, eventScope(ctx))) ?? Promise.reject(notFound());
    },

    async createEvent(ctx: RequestContext, input: EventInput): Promise<AcademicEvent> {
      assertRepOrManager(ctx, 'event.roleCannotCreate');
      await checkEventInput(ctx, input);
      return auditedCreate(db, ctx, {
        entity: 'academicEvent',
        create: (tx) =>
          repo.insertEvent(tx, {
            ...input,
            startTime: input.startTime ?? null,
            hospitalId: input.hospitalId ?? null,
            layout: input.layout ?? null,
            ownerId: ctx.actor.id,
          }),
        load: (tx, id) => loadEvent(tx, id, ctx.locale),
      });
    },

    async updateEvent(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateAcademicEventSchema>,
    ): Promise<AcademicEvent> {
      const row = await visibleEvent(ctx, id);
      assertOwner(ctx, row);
      assertEditable(row);
      await checkEventInput(ctx, input);
      const { version, ...rest } = input;
      return change(ctx, id, (tx) =>
        updateVersioned(tx, repo.academicEvents, id, version, definedOnly(rest)),
      );
    },

    async putSpeakers(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof putEventSpeakersSchema>,
    ): Promise<AcademicEvent> {
      const row = await visibleEvent(ctx, id);
      assertOwner(ctx, row);
      assertEditable(row);
      await checkDoctors(
        ctx,
        input.speakers.map((sp) => sp.doctorId),
        (n) => `body.speakers.${n}.doctorId`,
      );
      return change(ctx, id, async (tx) => {
        await repo.replaceSpeakers(
          tx,
          id,
          input.speakers.map((sp) => ({ ...sp, talkTitle: sp.talkTitle ?? null })),
        );
        // a stale version rolls the replacement back with the rest of the transaction
        await updateVersioned(tx, repo.academicEvents, id, input.version, {
          needsCompliance: await needsComplianceOf(tx, id, ctx.locale),
        });
      });
    },

    /** 讲者付款: who paid each speaker when, once the event is approved. */
    async paySpeakers(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof payEventSpeakersSchema>,
    ): Promise<AcademicEvent> {
      const row = await visibleEvent(ctx, id);
      assertOwner(ctx, row);
      if (!['approved', 'held', 'closed'].includes(row.status))
        throw new AppError('CONFLICT', { messageKey: 'event.paymentsNotApproved' });
      const speakers = new Set((await repo.findSpeakers(db, id)).map((sp) => sp.doctorId));
      input.payments.forEach((p, n) => {
        if (!speakers.has(p.doctorId))
          throw fieldError(`body.payments.${n}.doctorId`, 'event.paymentNotSpeaker');
        if (p.paidOn > today()) throw fieldError(`body.payments.${n}.paidOn`, 'care.action.dateInFuture');
      });
      return change(ctx, id, async (tx) => {
        await updateVersioned(tx, repo.academicEvents, id, input.version, {});
        for (const p of input.payments) await repo.setPayment(tx, id, p.doctorId, p.paidOn, p.paidBy);
      });
    },

    async putAttendees(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof putEventAttendeesSchema>,
    ): Promise<AcademicEvent> {
      const row = await visibleEvent(ctx, id);
      assertOwner(ctx, row);
      if (row.status === 'closed') throw new AppError('CONFLICT', { messageKey: 'event.attendeesClosed' });
      await checkDoctors(ctx, input.doctorIds, (n) => `body.doctorIds.${n}`);
      return change(ctx, id, async (tx) => {
        await updateVersioned(tx, repo.academicEvents, id, input.version, {});
        await repo.setAttendees(tx, id, input.doctorIds);
      });
    },

    async submitEvent(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof eventVersionSchema>,
    ): Promise<AcademicEvent> {
      const row = await visibleEvent(ctx, id);
      assertOwner(ctx, row);
      if (row.status !== 'draft' && row.status !== 'rejected')
        throw new AppError('CONFLICT', { messageKey: 'event.notSubmittable' });
      return change(ctx, id, async (tx) => {
        // the caps are checked again now: the speakers' other events may have grown since the draft
        await updateVersioned(tx, repo.academicEvents, id, input.version, {
          status: 'submitted',
          needsCompliance: await needsComplianceOf(tx, id, ctx.locale),
        });
      });
    },

    /**
     * The manager of the organiser's team decides a submitted event; compliance decides one the manager approved when
     * a speaker is over a cap. The organiser never approves their own event; every decision is kept.
     */
    async decideEvent(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof decideEventSchema>,
    ): Promise<AcademicEvent> {
      const row = await visibleEvent(ctx, id);
      const { step, status } = await twoStepDecision(db, ctx, row, input.decision, 'event');
      return change(ctx, id, async (tx) => {
        await updateVersioned(tx, repo.academicEvents, id, input.version, { status });
        await repo.insertApproval(tx, {
          eventId: id,
          step,
          decision: input.decision,
          decidedBy: ctx.actor.id,
          comment: input.comment ?? null,
        });
      });
    },

    /** A new sign-in link (the old one stops working); shown once, only its sha256 is stored. */
    async signInCode(ctx: RequestContext, id: string): Promise<{ link: string; token: string }> {
      const row = await visibleEvent(ctx, id);
      assertOwner(ctx, row);
      if (row.status !== 'approved' && row.status !== 'held')
        throw new AppError('CONFLICT', { messageKey: 'event.notApproved' });
      const { token, hash } = newToken();
      await change(ctx, id, (tx) => repo.setSignInToken(tx, id, hash));
      return { link: `/e/${token}`, token };
    },

    /** From the event day on: closed, with a follow-up for the organiser on each doctor who signed in. */
    async closeEvent(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof eventVersionSchema>,
    ): Promise<AcademicEvent> {
      const row = await visibleEvent(ctx, id);
      assertOwner(ctx, row);
      if (row.status !== 'approved' && row.status !== 'held')
        throw new AppError('CONFLICT', { messageKey: 'event.closeNotHeld' });
      const day = today();
      if (day < row.eventDate)
        throw new AppError('CONFLICT', {
          messageKey: 'event.closeTooEarly',
          params: { date: row.eventDate },
        });
      const title = ruleMessage('zh-CN', 'event.followUpTitle', { topic: row.topic }) ?? row.topic;
      return change(ctx, id, async (tx) => {
        await updateVersioned(tx, repo.academicEvents, id, input.version, { status: 'closed' });
        for (const a of await repo.signedInAttendees(tx, id)) {
          const followUp = await insertFollowUp(tx, {
            ownerId: row.ownerId,
            doctorId: a.doctorId,
            title,
            dueDate: addDays(day, eventFollowUpDays),
          });
          await repo.setFollowUp(tx, a.id, followUp.id);
        }
      });
    },

    // ── Public: the token is the credential ──

    async publicEvent(token: string): Promise<PublicEvent> {
      const row = await eventOfToken(token);
      return {
        topic: row.topic,
        eventDate: row.eventDate,
        startTime: row.startTime,
        place: row.place,
        signInOpen: row.status !== 'closed' && signInOpen(row.eventDate, today()),
      };
    },

    /** An invited doctor signs in by name, on the event day ± 1; the first sign-in marks the event as held. */
    async signIn(
      token: string,
      input: z.infer<typeof eventSignInSchema>,
      requestId: string,
    ): Promise<{ doctorName: string; signedInAt: string; alreadySignedIn: boolean }> {
      const row = await eventOfToken(token);
      if (row.status === 'closed') throw new AppError('CONFLICT', { messageKey: 'event.signIn.closed' });
      if (!signInOpen(row.eventDate, today()))
        throw new AppError('CONFLICT', {
          messageKey: 'event.signIn.notOpen',
          params: { date: row.eventDate },
        });
      const invitees = (await repo.findAttendees(db, row.id)).map((a) => ({ ...a, name: a.doctorName }));
      const match = matchInvitee(input.name, invitees);
      if (!match.ok)
        throw fieldError(
          'body.name',
          match.reason === 'unknown' ? 'event.signIn.unknownName' : 'event.signIn.ambiguousName',
          { name: input.name },
        );
      const attendee = match.invitee;
      if (attendee.signedInAt)
        return { doctorName: attendee.doctorName, signedInAt: attendee.signedInAt, alreadySignedIn: true };
      return db.transaction(async (tx) => {
        const fresh = await repo.signIn(tx, attendee.id);
        await repo.markHeld(tx, row.id);
        const after = (await repo.findAttendees(tx, row.id)).find((a) => a.id === attendee.id)!;
        if (fresh)
          await insertAudit(tx, {
            actorId: null,
            requestId,
            entity: 'eventAttendee',
            entityId: attendee.id,
            action: 'update',
            before: { signedInAt: null },
            after: { signedInAt: after.signedInAt, eventId: row.id, doctorId: attendee.doctorId },
          });
        return { doctorName: after.doctorName, signedInAt: after.signedInAt!, alreadySignedIn: !fresh };
      });
    },
  };
}
export type EventsService = ReturnType<typeof createEventsService>;
