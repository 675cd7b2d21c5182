/**
 * The Drizzle schema: the one description of the tables. Migrations in
 * ./migrations are generated from it (`npm run db:generate`) and committed.
 * Conventions: uuid keys, snake_case columns, created_at/updated_at, `version`
 * for optimistic locking on editable records, money as integer fen (分).
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`);
const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
const version = () => integer('version').notNull().default(1);

// ── Organisation ────────────────────────────────────────────────────────────

/** 大区 */
export const regions = pgTable('regions', {
  id: id(),
  name: text('name').notNull().unique(),
  active: boolean('active').notNull().default(true),
  version: version(),
  ...timestamps(),
});

/** 地区 */
export const areas = pgTable(
  'areas',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('areas_region_name_uq').on(t.regionId, t.name)],
);

/** A first-line manager's team of reps. */
export const teams = pgTable(
  'teams',
  {
    id: id(),
    areaId: uuid('area_id')
      .notNull()
      .references(() => areas.id),
    name: text('name').notNull(),
    /** 地区经理 leading the team */
    managerId: uuid('manager_id'),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('teams_area_name_uq').on(t.areaId, t.name), index('teams_manager_idx').on(t.managerId)],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    name: text('name').notNull(),
    /** rep 医药代表 | manager 地区经理 | admin 管理员 | compliance 合规审计 */
    role: text('role', { enum: ['rep', 'manager', 'admin', 'compliance'] }).notNull(),
    /** A rep's team; a manager's own team (the one they lead). */
    teamId: uuid('team_id').references(() => teams.id),
    phone: text('phone'),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'string' }),
    active: boolean('active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    index('users_team_idx').on(t.teamId),
  ],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins per username (also for unknown names), for the temporary lock. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('login_failures_username_at_idx').on(t.username, t.at)],
);

// ── Accounts (extended by the accounts issue) ───────────────────────────────

/** 产品 */
export const products = pgTable('products', {
  id: id(),
  name: text('name').notNull().unique(),
  /** 通用名 */
  genericName: text('generic_name').notNull(),
  specification: text('specification'),
  /** 治疗领域 */
  therapeuticArea: text('therapeutic_area').notNull(),
  /** 适应症 */
  indications: text('indications')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  version: version(),
  ...timestamps(),
});

/** 医院 */
export const hospitals = pgTable(
  'hospitals',
  {
    id: id(),
    /** External code used to match imports */
    code: text('code').unique(),
    name: text('name').notNull(),
    alias: text('alias'),
    /** pinyin initials of name and alias, for `zs`-style search */
    nameInitials: text('name_initials').notNull().default(''),
    level: text('level').notNull(),
    type: text('type').notNull(),
    province: text('province').notNull(),
    city: text('city').notNull(),
    district: text('district'),
    address: text('address'),
    /** 床位 */
    beds: integer('beds'),
    /** 门诊量/日 */
    outpatientsPerDay: integer('outpatients_per_day'),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('hospitals_city_idx').on(t.city), index('hospitals_name_idx').on(t.name)],
);

/** 科室 */
export const departments = pgTable(
  'departments',
  {
    id: id(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    name: text('name').notNull(),
    headcount: integer('headcount'),
    beds: integer('beds'),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('departments_hospital_name_uq').on(t.hospitalId, t.name)],
);

/** 医生 (HCP) */
export const doctors = pgTable(
  'doctors',
  {
    id: id(),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull().default(''),
    gender: text('gender', { enum: ['男', '女'] }),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    departmentId: uuid('department_id').references(() => departments.id),
    /** 职称: 主任医师/副主任医师/主治医师/住院医师 */
    title: text('title'),
    /** 职务: 科主任, 院长 … */
    position: text('position'),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('doctors_hospital_idx').on(t.hospitalId), index('doctors_department_idx').on(t.departmentId)],
);

/** Channel customers: 经销商 distributors, 药店 pharmacies, 诊所 clinics (extended by the channel issue). */
export const channelCustomers = pgTable(
  'channel_customers',
  {
    id: id(),
    kind: text('kind', { enum: ['distributor', 'pharmacy', 'clinic'] }).notNull(),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull().default(''),
    province: text('province').notNull(),
    city: text('city').notNull(),
    address: text('address'),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('channel_customers_city_idx').on(t.city)],
);

// ── Territories 辖区 ─────────────────────────────────────────────────────────

export const territories = pgTable(
  'territories',
  {
    id: id(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    /** Products carried in this territory; one hospital may sit in several territories with different products. */
    productIds: uuid('product_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('territories_team_idx').on(t.teamId)],
);

export const territoryHospitals = pgTable(
  'territory_hospitals',
  {
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
  },
  (t) => [
    primaryKey({ columns: [t.territoryId, t.hospitalId] }),
    index('territory_hospitals_hospital_idx').on(t.hospitalId),
  ],
);

export const territoryChannelCustomers = pgTable(
  'territory_channel_customers',
  {
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
  },
  (t) => [
    primaryKey({ columns: [t.territoryId, t.channelCustomerId] }),
    index('territory_channel_customers_cc_idx').on(t.channelCustomerId),
  ],
);

/** Who covered which territory, when. The open row (end_date null) is the current rep. */
export const territoryAssignments = pgTable(
  'territory_assignments',
  {
    id: id(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** Last day covered, inclusive; null while current. */
    endDate: date('end_date', { mode: 'string' }),
    note: text('note'),
    assignedBy: uuid('assigned_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('territory_assignments_user_idx').on(t.userId),
    uniqueIndex('territory_assignments_current_uq')
      .on(t.territoryId)
      .where(sql`${t.endDate} is null`),
  ],
);

// ── Audit ───────────────────────────────────────────────────────────────────

/** Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    /** { field: { before, after } } */
    changes: jsonb('changes').notNull().default({}),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_at_idx').on(t.at),
  ],
);
