/**
 * Whose figures a team-level question covers (频率达成, 关怀日历 …): a named rep, a named team, or the caller's own —
 * a rep themself, a manager the reps of the teams they lead. Admin and compliance must name a rep or a team.
 * Visibility itself comes from scope.ts; this only turns the query's `ownerId` / `teamId` into reps.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { teams, users } from '../../db/schema.ts';
import { fieldError, notFound } from '../../errors/app-error.ts';
import type { Actor } from '../../http/context.ts';
import { scopeOf } from '../../scope/scope.ts';

export type Rep = { id: string; username: string; name: string; role: Actor['role']; teamId: string | null };

const repColumns = {
  id: users.id,
  username: users.username,
  name: users.name,
  role: users.role,
  teamId: users.teamId,
};

/** A rep named by the caller: in the caller's user scope (else 404) and a rep (else 400 on `field`). */
export async function repInScope(
  db: Db,
  actor: Actor,
  ownerId: string,
  field = 'query.ownerId',
): Promise<Rep> {
  const [owner] = await db
    .select(repColumns)
    .from(users)
    .where(and(eq(users.id, ownerId), scopeOf(actor).users(users.id)));
  if (!owner) throw notFound();
  if (owner.role !== 'rep') throw fieldError(field, 'planning.frequency.ownerNotRep');
  return owner;
}

/** The active reps of the teams, by name. */
async function activeRepsOf(db: Db, teamIds: string[]): Promise<Rep[]> {
  if (!teamIds.length) return [];
  return db
    .select(repColumns)
    .from(users)
    .where(and(inArray(users.teamId, teamIds), eq(users.role, 'rep'), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.id));
}

/**
 * The reps a question covers. `missingKey` is the message when admin/compliance name neither a rep nor a team.
 * A rep naming a team gets 404: a team's figures belong to its manager.
 */
export async function coveredReps(
  db: Db,
  actor: Actor,
  q: { ownerId?: string; teamId?: string },
  missingKey: string,
): Promise<Rep[]> {
  if (q.ownerId) return [await repInScope(db, actor, q.ownerId)];
  const teamScope = scopeOf(actor).teams(teams.id);
  if (q.teamId) {
    if (actor.role === 'rep') throw notFound();
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, q.teamId), teamScope));
    if (!team) throw notFound();
    return activeRepsOf(db, [team.id]);
  }
  if (actor.role === 'rep') return [actor];
  if (actor.role === 'manager') {
    const led = await db.select({ id: teams.id }).from(teams).where(teamScope);
    return activeRepsOf(
      db,
      led.map((t) => t.id),
    );
  }
  throw fieldError('query.teamId', missingKey);
}
