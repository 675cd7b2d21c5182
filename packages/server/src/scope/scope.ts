/**
 * Data scope — the core rule of the system, decided here and nowhere else.
 *
 *   rep        → the territories currently assigned to them (and what those hold), their own records
 *   manager    → the territories and members of the teams they lead
 *   admin      → everything
 *   compliance → everything, read-only
 *
 * Each function returns an SQL condition on a column, to be put in the WHERE of
 * the query itself (lists are filtered in SQL, never after loading), or
 * `undefined` when the actor sees everything.
 */
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Actor } from '../http/context.ts';
import { AppError } from '../errors/app-error.ts';

type Column = AnyColumn | SQL;

/** An assignment row (by alias) that covers today's date in China. */
export const coversToday = (alias: string) =>
  sql.raw(
    `${alias}.start_date <= (now() at time zone 'Asia/Shanghai')::date and (${alias}.end_date is null or ${alias}.end_date >= (now() at time zone 'Asia/Shanghai')::date)`,
  );

export type Scope = {
  actor: Actor;
  /** Sees every record (admin, compliance). */
  all: boolean;
  /** Territory ids the actor may see. */
  territories(column: Column): SQL | undefined;
  /** Hospitals in the actor's territories. */
  hospitals(column: Column): SQL | undefined;
  /** Distributors, pharmacies and clinics in the actor's territories. */
  channelCustomers(column: Column): SQL | undefined;
  /** Users the actor may see: self; a manager's team members; all. */
  users(column: Column): SQL | undefined;
  /** Teams the actor belongs to or leads. */
  teams(column: Column): SQL | undefined;
  /** Doctors whose hospital is in the actor's territories. */
  doctors(column: Column): SQL | undefined;
  /** Departments of hospitals in the actor's territories. */
  departments(column: Column): SQL | undefined;
  /** Key contacts of hospitals in the actor's territories. */
  keyContacts(column: Column): SQL | undefined;
  /**
   * Calls 拜访: the actor's own and their team's (by owner), and every call on a doctor in their scope, so a
   * rep who takes over a territory sees the doctors' call history.
   */
  calls(ownerColumn: Column, doctorColumn: Column): SQL | undefined;
  /** Co-visits 协访: a rep's on themself; a manager's own and those on their teams' reps. */
  coVisits(managerColumn: Column, repColumn: Column): SQL | undefined;
};

/** Teams led by the manager (a manager may lead more than one). */
const ledTeams = (managerId: string) => sql`(select t.id from teams t where t.manager_id = ${managerId})`;

function visibleTerritoryIds(actor: Actor): SQL {
  if (actor.role === 'manager') {
    return sql`(select tr.id from territories tr where tr.team_id in ${ledTeams(actor.id)})`;
  }
  // rep: the territories assigned to them today (a scheduled hand-over takes effect on its date)
  return sql`(select ta.territory_id from territory_assignments ta where ta.user_id = ${actor.id} and ${coversToday('ta')})`;
}

export function scopeOf(actor: Actor): Scope {
  const all = actor.role === 'admin' || actor.role === 'compliance';
  if (all) {
    const none = () => undefined;
    return {
      actor,
      all,
      territories: none,
      hospitals: none,
      channelCustomers: none,
      users: none,
      teams: none,
      doctors: none,
      departments: none,
      keyContacts: none,
      calls: none,
      coVisits: none,
    };
  }
  const territoryIds = visibleTerritoryIds(actor);
  const hospitalIds = sql`(select th.hospital_id from territory_hospitals th where th.territory_id in ${territoryIds})`;
  return {
    actor,
    all,
    territories: (column) => sql`${column} in ${territoryIds}`,
    hospitals: (column) =>
      sql`${column} in (select th.hospital_id from territory_hospitals th where th.territory_id in ${territoryIds})`,
    channelCustomers: (column) =>
      sql`${column} in (select tc.channel_customer_id from territory_channel_customers tc where tc.territory_id in ${territoryIds})`,
    users: (column) =>
      actor.role === 'manager'
        ? sql`(${column} = ${actor.id} or ${column} in (select u.id from users u where u.team_id in ${ledTeams(actor.id)}))`
        : sql`${column} = ${actor.id}`,
    teams: (column) =>
      actor.role === 'manager'
        ? sql`${column} in ${ledTeams(actor.id)}`
        : sql`${column} = ${actor.teamId ?? '00000000-0000-0000-0000-000000000000'}`,
    doctors: (column) => sql`${column} in (select d.id from doctors d where d.hospital_id in ${hospitalIds})`,
    departments: (column) =>
      sql`${column} in (select dp.id from departments dp where dp.hospital_id in ${hospitalIds})`,
    keyContacts: (column) =>
      sql`${column} in (select kc.id from key_contacts kc where kc.hospital_id in ${hospitalIds})`,
    calls: (ownerColumn, doctorColumn) => {
      const scope = scopeOf(actor);
      return sql`(${scope.users(ownerColumn)} or ${scope.doctors(doctorColumn)})`;
    },
    coVisits: (managerColumn, repColumn) =>
      sql`(${managerColumn} = ${actor.id} or ${scopeOf(actor).users(repColumn)})`,
  };
}

/** Writes to organisation data (users, teams, territories) are the admin's. */
export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
}

/** The compliance auditor reads everything and changes nothing (but for the writes a route allows). */
export function assertMayWrite(actor: Actor): void {
  if (actor.role === 'compliance') throw new AppError('FORBIDDEN', { messageKey: 'readOnly.compliance' });
}

/**
 * PIPL: a doctor's personal data (doctor_profiles) is the owning line's. The reps covering the doctor's
 * hospital today and the managers of their teams read and write it; compliance reads it; an admin does
 * neither (an admin runs the system, they are not the owning line). `hospitals` narrows to the hospitals
 * whose doctors' data the actor may touch (undefined: all).
 */
export type PersonalDataAccess = {
  read: boolean;
  write: boolean;
  hospitals(column: Column): SQL | undefined;
};

export function personalDataAccessOf(actor: Actor): PersonalDataAccess {
  const scope = scopeOf(actor);
  switch (actor.role) {
    case 'rep':
    case 'manager':
      return { read: true, write: true, hospitals: scope.hospitals };
    case 'compliance':
      return { read: true, write: false, hospitals: () => undefined };
    case 'admin':
      return { read: false, write: false, hospitals: () => undefined };
  }
}
