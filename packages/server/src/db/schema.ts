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
  doublePrecision,
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
  /** 目标科室 by indication (department names as hospitals use them) */
  targetDepartments: text('target_departments')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** 竞争产品 */
  competitorProducts: text('competitor_products')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** 关键信息: [{ feature, benefit, objection?, answer? }] */
  keyMessages: jsonb('key_messages').notNull().default([]),
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
    /** 用药水平 1–5 (the rep's judgement) */
    drugUseLevel: integer('drug_use_level'),
    /** 竞争对手数量 */
    competitorCount: integer('competitor_count'),
    /** 竞争强度 1–5 */
    competitionStrength: integer('competition_strength'),
    /** 是否有竞争对手占绝对优势 */
    hasDominantCompetitor: boolean('has_dominant_competitor'),
    notes: text('notes'),
    /** WGS-84 position of the main gate, for the near/far check of a call's optional location stamp */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** 医院定级 A/B/C from the grading config; null until graded */
    grade: text('grade'),
    gradeScore: integer('grade_score'),
    gradedAt: timestamp('graded_at', { withTimezone: true, mode: 'string' }),
    /** Set when merged into another record (duplicates); merged rows are hidden from lists. */
    mergedInto: uuid('merged_into'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('hospitals_city_idx').on(t.city),
    index('hospitals_name_idx').on(t.name),
    index('hospitals_grade_idx').on(t.grade),
  ],
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
    /** 人数 */
    headcount: integer('headcount'),
    /** 人员结构 (e.g. 主任2 副主任3 主治5) */
    structure: text('structure'),
    beds: integer('beds'),
    /** 专科设置 */
    specialty: text('specialty'),
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
    /** External code used to match imports */
    code: text('code').unique(),
    /** 门诊时间: [{ weekday: 1–7, halfDay: 'am' | 'pm' }] */
    clinicSchedule: jsonb('clinic_schedule').notNull().default([]),
    /** 最佳拜访时间 (free text, e.g. 周二下午门诊后) */
    bestVisitTime: text('best_visit_time'),
    /** Work phone (personal phone and WeChat are in doctor_profiles) */
    phone: text('phone'),
    /** 偏好联系方式: visit | phone | wechat | email */
    preferredChannel: text('preferred_channel'),
    /** 性格类型 (one of the nine in packages/domain personality.ts) */
    personalityType: text('personality_type'),
    /** 客户关系阶段 1–4 (current; history in doctor_stage_history) */
    relationshipStage: integer('relationship_stage'),
    notes: text('notes'),
    mergedInto: uuid('merged_into'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('doctors_hospital_idx').on(t.hospitalId),
    index('doctors_department_idx').on(t.departmentId),
    index('doctors_name_idx').on(t.name),
    index('doctors_initials_idx').on(t.nameInitials),
  ],
);

/**
 * Sensitive personal information (PIPL): only the owning rep's line and
 * compliance may read it. Kept apart so no list query can select it by accident.
 */
export const doctorProfiles = pgTable('doctor_profiles', {
  doctorId: uuid('doctor_id')
    .primaryKey()
    .references(() => doctors.id),
  birthday: date('birthday', { mode: 'string' }),
  /** Keeps a lunar birthday (农历生日) */
  birthdayIsLunar: boolean('birthday_is_lunar').notNull().default(false),
  mobile: text('mobile'),
  wechat: text('wechat'),
  /** 家庭 */
  family: text('family'),
  /** 爱好 */
  hobbies: text('hobbies'),
  /** 喜好: tea, food … */
  preferences: text('preferences'),
  /** 家庭大事 and other notes for care */
  familyEvents: text('family_events'),
  version: version(),
  ...timestamps(),
});

/** 关键联系人 beyond doctors: 药剂科, 采购, 财务 … */
export const keyContacts = pgTable(
  'key_contacts',
  {
    id: id(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    departmentId: uuid('department_id').references(() => departments.id),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull().default(''),
    /** 药剂科 / 采购 / 财务 / 医务处 / 院办 … */
    function: text('function').notNull(),
    position: text('position'),
    phone: text('phone'),
    personalityType: text('personality_type'),
    notes: text('notes'),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('key_contacts_hospital_idx').on(t.hospitalId)],
);

/** 进药 status of a product at a hospital: the negative prescription range ends once listed. */
export const hospitalProductListings = pgTable(
  'hospital_product_listings',
  {
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    listed: boolean('listed').notNull().default(false),
    listedAt: date('listed_at', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.hospitalId, t.productId] })],
);

/**
 * 复式评分 history per doctor × product: the rep's judgement of prescription status
 * (−4…+4) and potential, the grade it gave, and the adoption ladder step.
 * Never prescription counts (统方 is prohibited).
 */
export const doctorScores = pgTable(
  'doctor_scores',
  {
    id: id(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** 处方现状 −4…+4 */
    prescriptionStatus: integer('prescription_status').notNull(),
    /** 处方潜力 on the configured scale */
    prescriptionPotential: integer('prescription_potential').notNull(),
    /** 医生级别 from the grading matrix at the time */
    grade: text('grade').notNull(),
    /** 产品接纳度阶梯 0–5 */
    adoptionStep: integer('adoption_step'),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    assessedBy: uuid('assessed_by').references(() => users.id),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('doctor_scores_doctor_product_idx').on(t.doctorId, t.productId, t.assessedOn)],
);

/** The latest score per doctor × product with its grade and visit frequency, for fast list filters. */
export const doctorProductStatus = pgTable(
  'doctor_product_status',
  {
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    prescriptionStatus: integer('prescription_status').notNull(),
    prescriptionPotential: integer('prescription_potential').notNull(),
    grade: text('grade').notNull(),
    /** 拜访频率: calls per 4-week cycle for the grade */
    visitsPerCycle: integer('visits_per_cycle').notNull(),
    adoptionStep: integer('adoption_step'),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    version: version(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.doctorId, t.productId] }),
    index('doctor_product_status_product_grade_idx').on(t.productId, t.grade),
  ],
);

/** 产品接纳度阶梯 changes, dated, with who and why. */
export const doctorLadderHistory = pgTable(
  'doctor_ladder_history',
  {
    id: id(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    fromStep: integer('from_step'),
    toStep: integer('to_step').notNull(),
    changedOn: date('changed_on', { mode: 'string' }).notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('doctor_ladder_history_doctor_idx').on(t.doctorId, t.productId)],
);

/** 客户关系阶段 changes with the evidence behind each move. */
export const doctorStageHistory = pgTable(
  'doctor_stage_history',
  {
    id: id(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    fromStage: integer('from_stage'),
    toStage: integer('to_stage').notNull(),
    changedOn: date('changed_on', { mode: 'string' }).notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('doctor_stage_history_doctor_idx').on(t.doctorId)],
);

/** KOL profile of a doctor (see packages/domain segmentation/kol.ts). */
export const kolProfiles = pgTable('kol_profiles', {
  doctorId: uuid('doctor_id')
    .primaryKey()
    .references(() => doctors.id),
  /** academicLeader 学术领袖 | productSpeaker 产品讲者 | prescribingAuthority 处方权威 */
  types: text('types')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** drugListing 进药 | insuranceFormulary 医保目录 */
  policyRoles: text('policy_roles')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** 定位 → 了解 → 接触 → 定期联系 → 锁定 */
  developmentStep: text('development_step').notNull(),
  contactCadence: text('contact_cadence'),
  lockInRoles: text('lock_in_roles')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  lastContactOn: date('last_contact_on', { mode: 'string' }),
  notes: text('notes'),
  version: version(),
  ...timestamps(),
});

/** The admins' grading rules (hospital grading, doctor matrix), kept as versions. */
export const segmentationConfigs = pgTable(
  'segmentation_configs',
  {
    id: id(),
    /** hospitalGrading | doctorGrading | keyAccounts */
    kind: text('kind').notNull(),
    config: jsonb('config').notNull(),
    /** Grade counts before/after the re-grading this version caused */
    regradeSummary: jsonb('regrade_summary'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('segmentation_configs_kind_idx').on(t.kind, t.createdAt)],
);

/** Monthly key-account lists (重点客户, 动态管理: 月变更) per owner (rep or team). */
export const keyAccountSnapshots = pgTable(
  'key_account_snapshots',
  {
    month: text('month').notNull(),
    /** user id of the rep or manager whose list this is */
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    /** doctor | hospital */
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    value: integer('value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.month, t.ownerId, t.entityType, t.entityId] })],
);

/** A user's saved list views (filters, sort, columns). */
export const savedViews = pgTable(
  'saved_views',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** hospitals | doctors | departments | keyContacts | products … */
    listKind: text('list_kind').notNull(),
    name: text('name').notNull(),
    params: jsonb('params').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('saved_views_user_kind_name_uq').on(t.userId, t.listKind, t.name)],
);

/** An uploaded import file: validated rows are previewed, then committed or cancelled. */
export const importBatches = pgTable('import_batches', {
  id: id(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  /** hospitals | departments | doctors | keyContacts | products */
  kind: text('kind').notNull(),
  fileName: text('file_name').notNull(),
  /** preview | committed | cancelled */
  status: text('status').notNull().default('preview'),
  /** The parsed rows and their problems, kept until commit */
  rows: jsonb('rows').notNull(),
  summary: jsonb('summary').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
});

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

/** 重点管理: 周讨论 — the weekly review of a rep's key-account list, with what was agreed. */
export const keyAccountReviews = pgTable(
  'key_account_reviews',
  {
    id: id(),
    /** The rep whose key accounts were reviewed */
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    /** Monday of the reviewed week */
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    reviewedBy: uuid('reviewed_by')
      .notNull()
      .references(() => users.id),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('key_account_reviews_owner_week_uq').on(t.ownerId, t.weekStart)],
);

// ── Planning 计划 ────────────────────────────────────────────────────────────

/**
 * Planning settings (周期, 每天拜访量, 目标数, 补录期限) as versions, like segmentation_configs; the newest
 * row applies. Shape: `planningSettingsSchema` in @keqing/shared.
 */
export const planningSettings = pgTable('planning_settings', {
  id: id(),
  config: jsonb('config').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** 周期计划 (月计划): one per rep and cycle. */
export const cyclePlans = pgTable(
  'cycle_plans',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    cycleStart: date('cycle_start', { mode: 'string' }).notNull(),
    cycleEnd: date('cycle_end', { mode: 'string' }).notNull(),
    /** draft → accepted (the rep accepted the proposal; calls may still be moved) */
    status: text('status', { enum: ['draft', 'accepted'] })
      .notNull()
      .default('draft'),
    /** 工作日 of the cycle as planned (holidays and 调休 applied), YYYY-MM-DD[] */
    workingDays: jsonb('working_days').notNull().default([]),
    /** 每家医院的天数: [{ hospitalId, days }] */
    hospitalDays: jsonb('hospital_days').notNull().default([]),
    /** 待开发科室 */
    developDepartmentIds: uuid('develop_department_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** 待开发新医生 */
    developDoctorIds: uuid('develop_doctor_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** 推广活动: [{ title, date?, hospitalId?, productId?, note? }] */
    promotionalActivities: jsonb('promotional_activities').notNull().default([]),
    notes: text('notes'),
    /** Figures of the last generation: PlanQuality and UnderServed[] from packages/domain */
    quality: jsonb('quality'),
    underServed: jsonb('under_served').notNull().default([]),
    generatedAt: timestamp('generated_at', { withTimezone: true, mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('cycle_plans_owner_cycle_uq').on(t.ownerId, t.cycleStart)],
);

/** 周计划: the week's goals and the six planning questions, built at the end of the previous week. */
export const weeklyPlans = pgTable(
  'weekly_plans',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    /** Monday of the week */
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    /** 结果 — what the week must achieve */
    goals: text('goals'),
    /** 行动 / 优先级 / 时间预估 / 日程 / 机动时间 — free notes per planning question */
    notes: text('notes'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('weekly_plans_owner_week_uq').on(t.ownerId, t.weekStart)],
);

/** 计划拜访: one call in a rep's plan (日计划 = the calls of a day). */
export const plannedCalls = pgTable(
  'planned_calls',
  {
    id: id(),
    cyclePlanId: uuid('cycle_plan_id')
      .notNull()
      .references(() => cyclePlans.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    date: date('date', { mode: 'string' }).notNull(),
    /** 上午 am / 下午 pm */
    halfDay: text('half_day', { enum: ['am', 'pm'] }).notNull(),
    /** Optional time slot 'HH:MM' within the half-day */
    startTime: text('start_time'),
    endTime: text('end_time'),
    /** 地点, e.g. 门诊 3 楼 */
    place: text('place'),
    /** 锁定: regeneration keeps it where it is */
    locked: boolean('locked').notNull().default(false),
    /** generated by the planner or added by hand */
    source: text('source', { enum: ['generated', 'manual'] })
      .notNull()
      .default('manual'),
    /** SMART 拜访目标: [{ text }] (warn below the configured minimum, default 3) */
    objectives: jsonb('objectives').notNull().default([]),
    productIds: uuid('product_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** 关键信息 to deliver */
    keyMessages: jsonb('key_messages').notNull().default([]),
    /** 预期异议 */
    expectedObjections: jsonb('expected_objections').notNull().default([]),
    /** planned → done (a call was submitted for it) | cancelled */
    status: text('status', { enum: ['planned', 'done', 'cancelled'] })
      .notNull()
      .default('planned'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('planned_calls_owner_date_idx').on(t.ownerId, t.date),
    index('planned_calls_plan_idx').on(t.cyclePlanId),
    index('planned_calls_doctor_idx').on(t.doctorId, t.date),
  ],
);

// ── Calls 拜访 ───────────────────────────────────────────────────────────────

/**
 * 拜访记录. Saved as draft, then submitted and locked; corrections are amendments (call_amendments).
 * `clientId` is generated by the browser so a retried (offline-queued) submission never duplicates.
 */
export const calls = pgTable(
  'calls',
  {
    id: id(),
    clientId: uuid('client_id').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    plannedCallId: uuid('planned_call_id').references(() => plannedCalls.id),
    /** 面访 visit / 电话 phone / 微信 wechat / 科室会 departmentMeeting / 学术会议 conference */
    type: text('type', { enum: ['visit', 'phone', 'wechat', 'departmentMeeting', 'conference'] }).notNull(),
    startAt: timestamp('start_at', { withTimezone: true, mode: 'string' }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** China date of startAt, for day/cycle queries */
    callDate: date('call_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['draft', 'submitted'] })
      .notNull()
      .default('draft'),
    /** Other attendees: [{ doctorId } | { keyContactId } | { name }] */
    attendees: jsonb('attendees').notNull().default([]),
    productIds: uuid('product_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Products discussed with key messages delivered: [{ productId, keyMessages: string[] }] */
    products: jsonb('products').notNull().default([]),
    /** SMART objectives with outcome: [{ text, outcome: 'achieved' | 'partly' | 'notAchieved' }] */
    objectives: jsonb('objectives').notNull().default([]),
    objectiveCount: integer('objective_count').notNull().default(0),
    // The seven steps 拜访七步骤
    /** 访前准备 done */
    preparationDone: boolean('preparation_done'),
    /** 开场 */
    opening: text('opening'),
    /** 探询聆听: needs found */
    needsFound: text('needs_found'),
    /** 利益展现 */
    benefitsPresented: text('benefits_presented'),
    /** 处理异议: [{ objection, answer }] */
    objections: jsonb('objections').notNull().default([]),
    /** 取得承诺 */
    commitment: text('commitment'),
    /** 总结跟进: next step and its due date (becomes a follow-up at submission) */
    nextStep: text('next_step'),
    nextStepDue: date('next_step_due', { mode: 'string' }),
    /** Status / ladder changes the rep judged during the call: [{ productId, prescriptionStatus?, prescriptionPotential?, adoptionStep? }] */
    scoreUpdates: jsonb('score_updates').notNull().default([]),
    notes: text('notes'),
    /** Location stamped at submission with the user's consent (never a track) */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    locationAccuracyM: integer('location_accuracy_m'),
    /** Metres from the hospital's position at submission (null when either is unknown) */
    distanceToHospitalM: integer('distance_to_hospital_m'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    /** Number of audited amendments after submission */
    amendmentCount: integer('amendment_count').notNull().default(0),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('calls_owner_client_uq').on(t.ownerId, t.clientId),
    index('calls_owner_date_idx').on(t.ownerId, t.callDate),
    index('calls_doctor_date_idx').on(t.doctorId, t.callDate),
    index('calls_hospital_date_idx').on(t.hospitalId, t.callDate),
  ],
);

/** An audited correction of a submitted call: reason required, before/after kept. */
export const callAmendments = pgTable(
  'call_amendments',
  {
    id: id(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    amendedBy: uuid('amended_by')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('call_amendments_call_idx').on(t.callId)],
);

/** 跟进任务: the next step of a call, due on a date, done or not done. */
export const followUps = pgTable(
  'follow_ups',
  {
    id: id(),
    callId: uuid('call_id').references(() => calls.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    title: text('title').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** open → done | notDone */
    status: text('status', { enum: ['open', 'done', 'notDone'] })
      .notNull()
      .default('open'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'string' }),
    resolutionNote: text('resolution_note'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('follow_ups_owner_status_due_idx').on(t.ownerId, t.status, t.dueDate),
    index('follow_ups_doctor_idx').on(t.doctorId),
  ],
);

/** 协访: a manager joined a rep's call and coached each step; the rep acknowledges. */
export const coVisits = pgTable(
  'co_visits',
  {
    id: id(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    managerId: uuid('manager_id')
      .notNull()
      .references(() => users.id),
    repId: uuid('rep_id')
      .notNull()
      .references(() => users.id),
    /** Coaching per step: [{ step, score 1–5, comment? }] */
    evaluations: jsonb('evaluations').notNull().default([]),
    strengths: text('strengths'),
    improvements: text('improvements'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'string' }),
    repComment: text('rep_comment'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('co_visits_call_uq').on(t.callId),
    index('co_visits_rep_idx').on(t.repId),
    index('co_visits_manager_idx').on(t.managerId),
  ],
);

// ── Care 客户关怀 ─────────────────────────────────────────────────────────────

/**
 * Care settings as versions (newest applies): reminder days ahead, observed festivals, tiers with their policy
 * (allowed kinds, actions per year, caps per action and per year in fen). Shape: `careSettingsSchema` in @keqing/shared.
 * Compliance and admin edit them.
 */
export const careSettings = pgTable('care_settings', {
  id: id(),
  config: jsonb('config').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** 关怀等级 chosen for a doctor (without a row the tier is suggested from grade and key-account status). */
export const doctorCareTiers = pgTable('doctor_care_tiers', {
  doctorId: uuid('doctor_id')
    .primaryKey()
    .references(() => doctors.id),
  tier: text('tier').notNull(),
  setBy: uuid('set_by').references(() => users.id),
  version: version(),
  ...timestamps(),
});

/** 重要日期 beyond the birthday in doctor_profiles: work anniversary, family events … (personal data, PIPL). */
export const careDates = pgTable(
  'care_dates',
  {
    id: id(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    /** workAnniversary | familyEvent | other (the birthday lives in doctor_profiles) */
    kind: text('kind', { enum: ['workAnniversary', 'familyEvent', 'other'] }).notNull(),
    label: text('label').notNull(),
    month: integer('month').notNull(),
    day: integer('day').notNull(),
    /** 农历: month/day are lunar */
    isLunar: boolean('is_lunar').notNull().default(false),
    /** The year it started (for "10th anniversary"), if known */
    sinceYear: integer('since_year'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('care_dates_doctor_idx').on(t.doctorId)],
);

/** 喜事/不幸: recorded on a doctor, it raises a follow-up task at once (a misfortune: call today). */
export const lifeEvents = pgTable(
  'life_events',
  {
    id: id(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    /** wedding | birth | promotion | anniversary | illness | bereavement | disaster | other */
    kind: text('kind').notNull(),
    /** happy 喜事 | misfortune 不幸 */
    nature: text('nature', { enum: ['happy', 'misfortune'] }).notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    note: text('note'),
    followUpId: uuid('follow_up_id').references(() => followUps.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('life_events_doctor_idx').on(t.doctorId)],
);

/** 关怀计划: per customer or per festival campaign; draft → submitted → approved/rejected → executed. */
export const carePlans = pgTable(
  'care_plans',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    /** customer (one doctor) | campaign (节日活动, many doctors) */
    kind: text('kind', { enum: ['customer', 'campaign'] }).notNull(),
    /** Festival key of a campaign (see careFestivals in @keqing/domain) */
    festival: text('festival'),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    purpose: text('purpose').notNull(),
    /**
     * draft → submitted → (managerApproved → compliance) → approved | rejected; approved → executed when
     * every item has its action
     */
    status: text('status', {
      enum: ['draft', 'submitted', 'managerApproved', 'approved', 'rejected', 'executed'],
    })
      .notNull()
      .default('draft'),
    /** Some item is over a cap: compliance approves after the manager */
    needsCompliance: boolean('needs_compliance').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('care_plans_owner_idx').on(t.ownerId, t.status)],
);

/** One doctor's planned care in a plan, with its value, and the feedback (反馈单) once executed. */
export const carePlanItems = pgTable(
  'care_plan_items',
  {
    id: id(),
    carePlanId: uuid('care_plan_id')
      .notNull()
      .references(() => carePlans.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    kind: text('kind').notNull(),
    /** 金额 in fen (分) */
    valueFen: integer('value_fen').notNull(),
    purpose: text('purpose'),
    feedback: text('feedback'),
    feedbackAt: timestamp('feedback_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('care_plan_items_plan_idx').on(t.carePlanId),
    index('care_plan_items_doctor_idx').on(t.doctorId),
  ],
);

/** Each approval decision of a care plan (manager, then compliance when over a cap). */
export const carePlanApprovals = pgTable(
  'care_plan_approvals',
  {
    id: id(),
    carePlanId: uuid('care_plan_id')
      .notNull()
      .references(() => carePlans.id),
    step: text('step', { enum: ['manager', 'compliance'] }).notNull(),
    decision: text('decision', { enum: ['approved', 'rejected'] }).notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    comment: text('comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('care_plan_approvals_plan_idx').on(t.carePlanId)],
);

/**
 * 关怀行动: what was given or done for a doctor, its value in fen, purpose and evidence. Never linked to
 * prescriptions or sales (no such column exists, by design). Over a cap only with an approved plan item.
 */
export const careActions = pgTable(
  'care_actions',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    /** service 服务 | help 帮助 | information 学术信息 | greeting 问候 | smallGift 小礼品 | meal 工作餐 | eventInvitation 活动邀请 */
    kind: text('kind').notNull(),
    actionDate: date('action_date', { mode: 'string' }).notNull(),
    valueFen: integer('value_fen').notNull(),
    purpose: text('purpose').notNull(),
    /** 证明: a note (photos come with file storage) */
    evidenceNote: text('evidence_note'),
    festival: text('festival'),
    callId: uuid('call_id').references(() => calls.id),
    carePlanItemId: uuid('care_plan_item_id').references(() => carePlanItems.id),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('care_actions_doctor_date_idx').on(t.doctorId, t.actionDate),
    index('care_actions_owner_date_idx').on(t.ownerId, t.actionDate),
    uniqueIndex('care_actions_plan_item_uq').on(t.carePlanItemId),
  ],
);

/**
 * 客户抱怨/投诉: received → acknowledged → actionTaken → closed, with the four recovery steps (seed 002: 渠道 how it
 * came in, 授权范围 what the rep may decide, 紧急行动与道歉, 补偿) and due times for acknowledgement and closing.
 * The customer is a doctor or a channel customer (pharmacy, distributor, clinic).
 */
export const complaints = pgTable(
  'complaints',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    doctorId: uuid('doctor_id').references(() => doctors.id),
    /** The doctor's hospital (scope), null for a channel customer */
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    channelCustomerId: uuid('channel_customer_id').references(() => channelCustomers.id),
    productId: uuid('product_id').references(() => products.id),
    /** 退换 | 数量短缺 | 质量问题 | 包装破损 | 产品知识 | 销售纠纷 | 其他 (seed 000 after-sales types) */
    issueType: text('issue_type').notNull(),
    /** normal | urgent */
    severity: text('severity', { enum: ['normal', 'urgent'] })
      .notNull()
      .default('normal'),
    description: text('description').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** 渠道: visit | phone | wechat | letter | other */
    channel: text('channel').notNull(),
    status: text('status', { enum: ['received', 'acknowledged', 'actionTaken', 'closed'] })
      .notNull()
      .default('received'),
    acknowledgeDueAt: timestamp('acknowledge_due_at', { withTimezone: true, mode: 'string' }).notNull(),
    closeDueAt: timestamp('close_due_at', { withTimezone: true, mode: 'string' }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'string' }),
    /** 授权范围: what the rep may decide on the spot */
    empoweredScope: text('empowered_scope'),
    /** 紧急行动与道歉 */
    urgentAction: text('urgent_action'),
    apologized: boolean('apologized').notNull().default(false),
    /** 补偿: what was offered, and its value in fen (replacement goods, not cash to a doctor) */
    compensation: text('compensation'),
    compensationFen: integer('compensation_fen'),
    actionTakenAt: timestamp('action_taken_at', { withTimezone: true, mode: 'string' }),
    resolution: text('resolution'),
    /** Whether the customer said they were satisfied at closing */
    customerSatisfied: boolean('customer_satisfied'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('complaints_owner_status_idx').on(t.ownerId, t.status),
    index('complaints_hospital_idx').on(t.hospitalId),
    index('complaints_channel_customer_idx').on(t.channelCustomerId),
  ],
);
