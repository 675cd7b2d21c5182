import { eq } from 'drizzle-orm';
import { chinaDate } from '@keqing/domain';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { academicEvents, eventSpeakers } from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';
import { copyEvent, type EventFixture } from './events.fixtures.ts';

/**
 * 学术会议/科室会: one case per signed-in route (the two /api/public/events/:token routes are public and need none).
 * A rep sees their own events, a manager the team's; routes that move an event on act on a fresh copy.
 */
type Records = Record<Role, { in: string; out?: string }>;

const ownerWrites: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};
const eventRecords =
  (rep: EventFixture, manager: EventFixture, out: EventFixture) =>
  (w: World): Records => {
    const e = w.events;
    return {
      rep: { in: e[rep], out: e[out] },
      manager: { in: e[manager], out: e[out] },
      admin: { in: e[rep], out: e[out] },
      compliance: { in: e[rep], out: e[out] },
    };
  };
const versionOf = async (db: Db, id: string) =>
  (
    await db.select({ version: academicEvents.version }).from(academicEvents).where(eq(academicEvents.id, id))
  )[0]?.version ?? 1;

export const eventsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/academic-events',
    kind: 'list',
    access: byTerritory,
    records: eventRecords('draft1a', 'sub1b', 'draft2a'),
    request: () => ({ method: 'GET', url: '/api/academic-events?pageSize=200' }),
  },
  {
    route: 'GET /api/academic-events/:id',
    kind: 'item',
    access: byTerritory,
    records: eventRecords('draft1a', 'sub1b', 'draft2a'),
    request: (_w, id) => ({ method: 'GET', url: `/api/academic-events/${id}` }),
  },
  {
    // an out-of-scope host hospital is a field error (events.test.ts), so only in-scope hospitals here
    route: 'POST /api/academic-events',
    kind: 'write',
    access: ownerWrites,
    okStatus: 201,
    records: (w) => ({
      rep: { in: w.hospitals.h1a.id },
      manager: { in: w.hospitals.h1b.id },
      admin: { in: w.hospitals.h1a.id },
      compliance: { in: w.hospitals.h1a.id },
    }),
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/academic-events',
      payload: {
        topic: uniqueName('科室会'),
        purpose: '指南解读',
        format: 'departmentMeeting',
        eventDate: chinaDate(),
        place: '示教室',
        hospitalId: id,
        budgetFen: 100_000,
      },
    }),
  },
  {
    route: 'PATCH /api/academic-events/:id',
    kind: 'write',
    access: ownerWrites,
    records: eventRecords('draft1a', 'draftM1', 'draft2a'),
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/academic-events/${id}`,
      payload: { topic: uniqueName('改题'), version: await versionOf(db, id) },
    }),
  },
  {
    route: 'PUT /api/academic-events/:id/speakers',
    kind: 'write',
    access: ownerWrites,
    records: eventRecords('draft1a', 'draftM1', 'draft2a'),
    request: async (_w, id, db) => {
      const speakers = await db
        .select({ doctorId: eventSpeakers.doctorId })
        .from(eventSpeakers)
        .where(eq(eventSpeakers.eventId, id));
      return {
        method: 'PUT',
        url: `/api/academic-events/${id}/speakers`,
        payload: {
          version: await versionOf(db, id),
          speakers: speakers.map((sp) => ({ doctorId: sp.doctorId, role: 'speaker', feeFen: 120_000 })),
        },
      };
    },
  },
  {
    route: 'PATCH /api/academic-events/:id/speakers',
    kind: 'write',
    access: ownerWrites,
    records: eventRecords('app1a', 'appM1', 'app2a'),
    request: async (_w, id, db) => {
      const speakers = await db
        .select({ doctorId: eventSpeakers.doctorId })
        .from(eventSpeakers)
        .where(eq(eventSpeakers.eventId, id));
      return {
        method: 'PATCH',
        url: `/api/academic-events/${id}/speakers`,
        payload: {
          version: await versionOf(db, id),
          payments: speakers.map((sp) => ({ doctorId: sp.doctorId, paidOn: chinaDate(), paidBy: '财务部' })),
        },
      };
    },
  },
  {
    route: 'PUT /api/academic-events/:id/attendees',
    kind: 'write',
    access: ownerWrites,
    records: eventRecords('draft1a', 'draftM1', 'draft2a'),
    request: async (w, id, db) => {
      const [event] = await db
        .select({ ownerId: academicEvents.ownerId })
        .from(academicEvents)
        .where(eq(academicEvents.id, id));
      const doctor = event?.ownerId === w.users.m1.id ? w.doctors.d1b : w.doctors.d1a;
      return {
        method: 'PUT',
        url: `/api/academic-events/${id}/attendees`,
        payload: { version: await versionOf(db, id), doctorIds: [doctor.id] },
      };
    },
  },
  {
    route: 'POST /api/academic-events/:id/submit',
    kind: 'write',
    access: ownerWrites,
    records: eventRecords('draft1a', 'draftM1', 'draft2a'),
    request: async (_w, id, db) => {
      const copy = await copyEvent(db, id);
      return { method: 'POST', url: `/api/academic-events/${copy}/submit`, payload: { version: 1 } };
    },
  },
  {
    // a rep and an admin never decide; the manager decides the team's submitted events; compliance any event the
    // manager approved over a cap (see-all, so the out record is decidable too)
    route: 'POST /api/academic-events/:id/decision',
    kind: 'write',
    access: { rep: 'forbidden', manager: 'scoped', admin: 'forbidden', compliance: 'all' },
    records: (w) => {
      const e = w.events;
      return {
        rep: { in: e.sub1a },
        manager: { in: e.sub1b, out: e.sub2a },
        admin: { in: e.sub1b },
        compliance: { in: e.mApp1a, out: e.mApp2a },
      };
    },
    request: async (_w, id, db) => {
      const copy = await copyEvent(db, id);
      return {
        method: 'POST',
        url: `/api/academic-events/${copy}/decision`,
        payload: { version: 1, decision: 'approved', comment: '同意' },
      };
    },
  },
  {
    route: 'POST /api/academic-events/:id/sign-in-code',
    kind: 'write',
    access: ownerWrites,
    records: eventRecords('app1a', 'appM1', 'app2a'),
    request: (_w, id) => ({ method: 'POST', url: `/api/academic-events/${id}/sign-in-code` }),
  },
  {
    route: 'POST /api/academic-events/:id/close',
    kind: 'write',
    access: ownerWrites,
    records: eventRecords('app1a', 'appM1', 'app2a'),
    request: async (_w, id, db) => {
      const copy = await copyEvent(db, id);
      return { method: 'POST', url: `/api/academic-events/${copy}/close`, payload: { version: 1 } };
    },
  },
];
