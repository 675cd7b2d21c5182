/**
 * Complaints 客户抱怨/投诉 (seed 002): received → acknowledged → actionTaken → closed, with the recovery steps
 * (渠道, 授权范围, 紧急行动与道歉, 补偿) recorded on the way. Due times come from the severity; a complaint whose
 * step in progress is past its due time is overdue (computed in SQL against now()).
 */
import { or } from 'drizzle-orm';
import type { z } from 'zod';
import { complaintDueTimes, nextComplaintStatus, type ComplaintStatus } from '@keqing/domain';
import {
  ruleMessage,
  type advanceComplaintSchema,
  type Complaint,
  type complaintListQuerySchema,
  type createComplaintSchema,
  type ListResponse,
  type Locale,
  type updateComplaintSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import * as repo from './complaints.repository.ts';
import { isRepOfManager } from '../users/team-lead.repository.ts';

/** A complaint is entered within this many days of when it was received. */
export const complaintEntryDays = 30;
/** Clock skew allowed on a receivedAt "now" sent by the client. */
const futureToleranceMs = 5 * 60_000;

const toComplaint = (r: repo.ComplaintRow): Complaint => {
  const { hospitalId: _hospitalId, ...rest } = r;
  return {
    ...rest,
    issueType: r.issueType as Complaint['issueType'],
    channel: r.channel as Complaint['channel'],
  };
};

const statusLabel = (locale: Locale, status: ComplaintStatus) =>
  ruleMessage(locale, `complaints.status.${status}`) ?? status;

export function createComplaintsService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  /** Visible: the doctor's hospital or the channel customer is in the caller's territories, or the owner is theirs. */
  function visibility(ctx: RequestContext) {
    const scope = scopeOf(ctx.actor);
    if (scope.all) return undefined;
    return or(
      scope.hospitals(repo.complaints.hospitalId),
      scope.channelCustomers(repo.complaints.channelCustomerId),
      scope.users(repo.complaints.ownerId),
    );
  }

  async function visibleComplaint(ctx: RequestContext, id: string) {
    const row = await repo.getComplaint(db, id, visibility(ctx));
    if (!row) throw notFound();
    return row;
  }

  /** Changes are the owner's or the manager of the owner's team's. */
  async function assertMayChange(ctx: RequestContext, row: repo.ComplaintRow) {
    assertMayWrite(ctx.actor);
    const allowed =
      row.ownerId === ctx.actor.id ||
      (ctx.actor.role === 'manager' && (await isRepOfManager(db, row.ownerId, ctx.actor.id)));
    if (!allowed) throw forbidden('complaints.notOwner');
  }

  const load = (id: string) => async (tx: Db) => {
    const row = await repo.getComplaint(tx, id);
    return row && toComplaint(row);
  };

  return {
    async findComplaints(
      ctx: RequestContext,
      q: z.infer<typeof complaintListQuerySchema>,
    ): Promise<ListResponse<Complaint>> {
      const { rows, total } = await repo.findComplaints(db, { ...q, scope: visibility(ctx) }, q);
      return listOf(rows.map(toComplaint), total, q);
    },

    async getComplaint(ctx: RequestContext, id: string): Promise<Complaint> {
      return toComplaint(await visibleComplaint(ctx, id));
    },

    /** Records a complaint on one doctor or one channel customer in the caller's scope; the caller owns it. */
    async createComplaint(
      ctx: RequestContext,
      input: z.infer<typeof createComplaintSchema>,
    ): Promise<Complaint> {
      assertMayWrite(ctx.actor);
      if (ctx.actor.role !== 'rep' && ctx.actor.role !== 'manager')
        throw forbidden('complaints.roleCannotCreate');
      const doctorId = input.doctorId ?? null;
      const channelCustomerId = input.channelCustomerId ?? null;
      if ((doctorId === null) === (channelCustomerId === null))
        throw fieldError(
          doctorId ? 'body.channelCustomerId' : 'body.doctorId',
          'complaints.customer.exactlyOne',
        );
      const scope = scopeOf(ctx.actor);
      let hospitalId: string | null = null;
      if (doctorId) {
        const doctor = await repo.findDoctor(db, doctorId, scope.doctors(repo.doctors.id));
        if (!doctor) throw fieldError('body.doctorId', 'complaints.doctor.outOfScope');
        if (doctor.mergedInto) throw fieldError('body.doctorId', 'complaints.doctor.merged');
        hospitalId = doctor.hospitalId;
      } else {
        const customer = await repo.findChannelCustomer(
          db,
          channelCustomerId!,
          scope.channelCustomers(repo.channelCustomers.id),
        );
        if (!customer) throw fieldError('body.channelCustomerId', 'complaints.channelCustomer.outOfScope');
      }
      if (input.productId && !(await repo.productExists(db, input.productId)))
        throw fieldError('body.productId', 'complaints.product.unknown');

      const at = now();
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : at;
      if (receivedAt.getTime() > at.getTime() + futureToleranceMs)
        throw fieldError('body.receivedAt', 'complaints.receivedAt.future');
      if (receivedAt.getTime() < at.getTime() - complaintEntryDays * 86_400_000)
        throw fieldError('body.receivedAt', 'complaints.receivedAt.tooOld', { days: complaintEntryDays });
      const receivedIso = receivedAt.toISOString();
      const due = complaintDueTimes(receivedIso, input.severity);

      return auditedCreate(db, ctx, {
        entity: 'complaint',
        create: (tx) =>
          repo.insertComplaint(tx, {
            ownerId: ctx.actor.id,
            doctorId,
            hospitalId,
            channelCustomerId,
            productId: input.productId ?? null,
            issueType: input.issueType,
            severity: input.severity,
            description: input.description,
            receivedAt: receivedIso,
            channel: input.channel,
            acknowledgeDueAt: due.acknowledgeDueAt,
            closeDueAt: due.closeDueAt,
          }),
        load: (tx, id) => load(id)(tx),
      });
    },

    /** The recovery fields, while the complaint is open (the owner or the manager of the owner's team). */
    async updateComplaint(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateComplaintSchema>,
    ): Promise<Complaint> {
      await assertMayChange(ctx, await visibleComplaint(ctx, id));
      const { version, ...rest } = input;
      return auditedChange(db, ctx, {
        entity: 'complaint',
        id,
        load: load(id),
        write: async (tx, before) => {
          if (before.status === 'closed') throw new AppError('CONFLICT', { messageKey: 'complaints.closed' });
          await updateVersioned(tx, repo.complaints, id, version, definedOnly(rest));
        },
      });
    },

    /**
     * Moves the complaint to its next status only. actionTaken needs the urgent action and the apology
     * recorded; closed needs a resolution and whether the customer was satisfied (sent now or stored).
     */
    async advanceComplaint(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof advanceComplaintSchema>,
    ): Promise<Complaint> {
      await assertMayChange(ctx, await visibleComplaint(ctx, id));
      return auditedChange(db, ctx, {
        entity: 'complaint',
        id,
        load: load(id),
        write: async (tx, before) => {
          if (before.version !== input.version) throw versionConflict(before.version);
          const next = nextComplaintStatus[before.status];
          if (next === null) throw new AppError('CONFLICT', { messageKey: 'complaints.closed' });
          if (input.to !== next)
            throw new AppError('CONFLICT', {
              messageKey: 'complaints.advance.notNext',
              params: {
                from: statusLabel(ctx.locale, before.status),
                to: statusLabel(ctx.locale, input.to),
                next: statusLabel(ctx.locale, next),
              },
            });
          const at = now().toISOString();
          const values: Partial<repo.ComplaintValues> = { status: next };
          if (next === 'acknowledged') values.acknowledgedAt = at;
          if (next === 'actionTaken') {
            if (!before.urgentAction?.trim())
              throw fieldError('body.urgentAction', 'complaints.advance.urgentActionMissing');
            if (!before.apologized) throw fieldError('body.apologized', 'complaints.advance.apologyMissing');
            values.actionTakenAt = at;
          }
          if (next === 'closed') {
            const resolution = input.resolution?.trim() || before.resolution?.trim();
            if (!resolution) throw fieldError('body.resolution', 'complaints.advance.resolutionMissing');
            const satisfied = input.customerSatisfied ?? before.customerSatisfied;
            if (typeof satisfied !== 'boolean')
              throw fieldError('body.customerSatisfied', 'complaints.advance.satisfactionMissing');
            Object.assign(values, { resolution, customerSatisfied: satisfied, closedAt: at });
          }
          await updateVersioned(tx, repo.complaints, id, input.version, values);
        },
      });
    },
  };
}
export type ComplaintsService = ReturnType<typeof createComplaintsService>;
