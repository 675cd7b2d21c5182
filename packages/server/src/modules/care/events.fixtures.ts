import { eq } from 'drizzle-orm';
import { addDays, chinaDate } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import { academicEvents, eventAttendees, eventSpeakers } from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

type Owner = 'rep1a' | 'rep1b' | 'rep2a' | 'm1';
type Status = 'draft' | 'submitted' | 'managerApproved' | 'approved';
/** Each organiser's own doctor (speaker and invitee of their fixture events) and host hospital. */
const ownDoctor = { rep1a: 'd1a', rep1b: 'd1b', m1: 'd1b', rep2a: 'd2a' } as const;
const specs = {
  draft1a: ['rep1a', 'draft'],
  draftM1: ['m1', 'draft'],
  draft2a: ['rep2a', 'draft'],
  sub1a: ['rep1a', 'submitted'],
  sub1b: ['rep1b', 'submitted'],
  sub2a: ['rep2a', 'submitted'],
  mApp1a: ['rep1a', 'managerApproved'],
  mApp2a: ['rep2a', 'managerApproved'],
  app1a: ['rep1a', 'approved'],
  appM1: ['m1', 'approved'],
  app2a: ['rep2a', 'approved'],
} as const satisfies Record<string, readonly [Owner, Status]>;
export type EventFixture = keyof typeof specs;

/**
 * Test records of academic events: one per state and organiser, each held today at the organiser's doctor's hospital
 * with that doctor as an unpaid speaker (so other areas' care totals stay as they were) and invitee. Drafts are dated in 10 days.
 */
export async function eventsFixtures(db: Db, w: BaseWorld) {
  const ids = {} as Record<EventFixture, string>;
  for (const [name, [owner, status]] of Object.entries(specs) as [EventFixture, readonly [Owner, Status]][]) {
    const doctor = w.doctors[ownDoctor[owner]];
    const [row] = await db
      .insert(academicEvents)
      .values({
        ownerId: w.users[owner].id,
        topic: `科室会 ${name}`,
        purpose: '新版指南解读',
        format: 'departmentMeeting',
        eventDate: status === 'draft' ? addDays(chinaDate(), 10) : chinaDate(),
        startTime: '12:00',
        place: '心内科示教室',
        hospitalId: doctor.hospitalId,
        budgetFen: 300_000,
        mealCostFen: 0,
        status,
        needsCompliance: status === 'managerApproved',
      })
      .returning({ id: academicEvents.id });
    ids[name] = row!.id;
    await db
      .insert(eventSpeakers)
      .values({ eventId: row!.id, doctorId: doctor.id, role: 'speaker', feeFen: 0 });
    await db.insert(eventAttendees).values({ eventId: row!.id, doctorId: doctor.id });
  }
  return ids;
}

/** A fresh copy of a fixture event (same organiser, state, speakers and invitees), for routes that move it on. */
export async function copyEvent(db: Db, id: string): Promise<string> {
  const [event] = await db.select().from(academicEvents).where(eq(academicEvents.id, id));
  const { id: _id, createdAt: _c, updatedAt: _u, version: _v, signInTokenHash: _t, ...values } = event!;
  const [copy] = await db.insert(academicEvents).values(values).returning({ id: academicEvents.id });
  const speakers = await db.select().from(eventSpeakers).where(eq(eventSpeakers.eventId, id));
  const attendees = await db.select().from(eventAttendees).where(eq(eventAttendees.eventId, id));
  if (speakers.length)
    await db
      .insert(eventSpeakers)
      .values(speakers.map(({ id: _s, ...sp }) => ({ ...sp, eventId: copy!.id })));
  if (attendees.length)
    await db.insert(eventAttendees).values(
      attendees.map(({ id: _a, ...a }) => ({
        ...a,
        signedInAt: null,
        followUpId: null,
        eventId: copy!.id,
      })),
    );
  return copy!.id;
}
