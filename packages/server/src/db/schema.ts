/**
 * The Drizzle schema: the one description of the tables. Migrations in
 * ./migrations are generated from it (`npm run db:generate`) and committed.
 * Conventions: uuid keys, snake_case columns, created_at/updated_at, `version`
 * for optimistic locking on editable records, money as integer fen (分).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
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
    /**
     * Back-office duties an admin account may carry besides its role: salesClerk 销售文员, finance 财务 — the
     * signers of 客情费 claims after the sales manager's own step.
     */
    duties: text('duties')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
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
    // contains-search (ILIKE '%q%') candidates: search_grams() of migration 0014
    index('hospitals_name_grams_idx').using('gin', sql`search_grams(${t.name})`),
    index('hospitals_initials_grams_idx').using('gin', sql`search_grams(${t.nameInitials})`),
    index('hospitals_alias_grams_idx').using('gin', sql`search_grams(${t.alias})`),
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
    // contains-search (ILIKE '%q%') candidates: search_grams() of migration 0014
    index('doctors_name_grams_idx').using('gin', sql`search_grams(${t.name})`),
    index('doctors_initials_grams_idx').using('gin', sql`search_grams(${t.nameInitials})`),
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

/**
 * Channel customers 渠道客户: 经销商/商业公司 distributors, 药店 pharmacies, 诊所 clinics. Personality type and
 * relationship stage use the same models as doctors.
 */
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
    /** External code (e.g. the distributor's customer number in ERP), used to match imports */
    code: text('code').unique(),
    /** Distributor tier: primary 一级/总经销 | secondary 二级分销 | terminal 终端 */
    distributorTier: text('distributor_tier', { enum: ['primary', 'secondary', 'terminal'] }),
    /** Terminal tier for pharmacies and clinics: key 重点 | secondary 次重点 | other 非重点 (visit interval from settings) */
    terminalTier: text('terminal_tier', { enum: ['key', 'secondary', 'other'] }),
    /** 授权区域: cities the distributor may sell into (empty = only the listed hospitals/customers) */
    authorisedCities: text('authorised_cities')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 授权医院 */
    authorisedHospitalIds: uuid('authorised_hospital_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** 授权下游 pharmacies/clinics/secondary distributors */
    authorisedCustomerIds: uuid('authorised_customer_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** 资信额度 in fen */
    creditLimitFen: bigint('credit_limit_fen', { mode: 'number' }),
    /** 结款方式: cashBeforeDelivery 款到发货 | cashOnDelivery 货到付款 | payOnNextBatch 压批付款 | credit 账期 | floorStock 铺底 | consignment 代销 | monthly 月结 | weekly 周结 */
    paymentTerms: text('payment_terms'),
    /** 账期 in days (the settlement date of a delivery = its date + these days) */
    paymentTermDays: integer('payment_term_days'),
    /** 满意度 1–5 */
    satisfaction: integer('satisfaction'),
    personalityType: text('personality_type'),
    relationshipStage: integer('relationship_stage'),
    /** designated 指定 | suspended 暂停 | lost 流失 (history in channel_customer_status_history) */
    status: text('status', { enum: ['designated', 'suspended', 'lost'] })
      .notNull()
      .default('designated'),
    notes: text('notes'),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('channel_customers_city_idx').on(t.city), index('channel_customers_kind_idx').on(t.kind)],
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
    // who covered a territory on a day: every scope and KPI subquery asks it
    index('territory_assignments_territory_user_start_idx').on(t.territoryId, t.userId, t.startDate),
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
    // INCLUDE (status, type, doctor_id) in migration 0016: the KPI statements read a team's calls from the index alone
    index('calls_owner_date_idx').on(t.ownerId, t.callDate),
    index('calls_doctor_date_idx').on(t.doctorId, t.callDate),
    index('calls_hospital_date_idx').on(t.hospitalId, t.callDate),
    // planned vs done: the plan, the rep's day and the daily report look calls up by their planned call
    index('calls_planned_call_idx').on(t.plannedCallId),
    // the overlap check of every call write reads the owner's calls ending after the new start: a few rows,
    // not the rep's whole history
    index('calls_owner_end_idx').on(t.ownerId, t.endAt),
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

/**
 * 拜访日汇总: a rep's counted, submitted calls of one China day, so dashboards over a year or the whole country
 * sum a few rows per rep-day instead of re-reading millions of calls. Kept exact in the same transaction as every
 * write to calls by a statement trigger (migration 0012); counted types, the objective minimum and the short/burst
 * rules it was built with are in analytics_summary_state. Dashboards read it only when those match the settings.
 */
export const callDaySummaries = pgTable(
  'call_day_summaries',
  {
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    callDate: date('call_date', { mode: 'string' }).notNull(),
    calls: integer('calls').notNull(),
    /** calls with at least the minimum number of objectives */
    minObjectiveCalls: integer('min_objective_calls').notNull(),
    /** calls of a minute or less */
    shortCalls: integer('short_calls').notNull(),
    /** calls in a burst (≥ 3 calls each within 5 minutes of the one before, within the day) */
    burstCalls: integer('burst_calls').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.callDate] })],
);

/**
 * The rules call_day_summaries were built with (one row; none until the first build, and then dashboards read
 * calls directly). A change of counted types or the objective minimum needs `rebuildAnalyticsSummaries`.
 */
export const analyticsSummaryState = pgTable('analytics_summary_state', {
  id: integer('id').primaryKey().default(1),
  countedTypes: text('counted_types').array().notNull(),
  minObjectives: integer('min_objectives').notNull(),
  shortCallSeconds: integer('short_call_seconds').notNull(),
  burstGapMinutes: integer('burst_gap_minutes').notNull(),
  burstMinCalls: integer('burst_min_calls').notNull(),
  rebuiltAt: timestamp('rebuilt_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * 区域报表快照: the KPI counts of every rep under the organisation for one dashboard basis (period, today,
 * product, counting settings: all in `key`), kept when computing them live took longer than a user should wait
 * (a national roll-up takes seconds to tens of seconds). The region report reads it while younger than
 * KEQING_KPI_SNAPSHOT_MINUTES and says how old it is; a background job refreshes the views read in the last two hours.
 */
export const kpiSnapshots = pgTable('kpi_snapshots', {
  /** sha-256 of the basis the counts were computed with */
  key: text('key').primaryKey(),
  /** The dashboard query (period, date or range, product) the warmer recomputes for a new day */
  view: jsonb('view').notNull(),
  /** { [repId]: KpiCounts } */
  counts: jsonb('counts').notNull(),
  repCount: integer('rep_count').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** How long the live computation took (ms) */
  computeMs: integer('compute_ms').notNull(),
  lastReadAt: timestamp('last_read_at', { withTimezone: true, mode: 'date' }).notNull(),
});

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

// ── Channel 渠道 ─────────────────────────────────────────────────────────────

const money = (name: string) => bigint(name, { mode: 'number' });
const createdBy = () =>
  uuid('created_by')
    .notNull()
    .references(() => users.id);
const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

/** Channel thresholds and intervals (warning rules, terminal visit intervals); the newest row is in force. */
export const channelSettings = pgTable('channel_settings', {
  id: id(),
  config: jsonb('config').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});

/** Status history 指定/暂停/流失 with the reason (attrition per year counts the 'lost' rows). */
export const channelCustomerStatusHistory = pgTable(
  'channel_customer_status_history',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    status: text('status', { enum: ['designated', 'suspended', 'lost'] }).notNull(),
    reason: text('reason').notNull(),
    changedOn: date('changed_on', { mode: 'string' }).notNull(),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [index('channel_status_history_customer_idx').on(t.channelCustomerId, t.changedOn)],
);

/** 证照: 药品经营许可证, GSP证书, 营业执照, 税务登记, 法人委托书, 被委托人身份证 — with expiry (warned 60 days ahead). */
export const channelLicences = pgTable(
  'channel_licences',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    /** drugTrading | gsp | businessLicence | taxRegistration | powerOfAttorney | agentIdCard */
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    notes: text('notes'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('channel_licences_customer_idx').on(t.channelCustomerId),
    index('channel_licences_valid_until_idx').on(t.validUntil),
  ],
);

/** Contacts at a channel customer, incl. finance (采购主管, 会计, 出纳); replacing key finance staff is a risk signal. */
export const channelContacts = pgTable(
  'channel_contacts',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    name: text('name').notNull(),
    /** owner 负责人 | purchasing 采购主管 | accountant 会计 | cashier 出纳 | warehouse 库管 | sales 业务员 | other */
    role: text('role').notNull(),
    phone: text('phone'),
    notes: text('notes'),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('channel_contacts_customer_idx').on(t.channelCustomerId)],
);

/** 供货合同 (seed 000 第三篇: the fields a supply contract must carry). */
export const supplyContracts = pgTable(
  'supply_contracts',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    contractNo: text('contract_no').notNull().unique(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** 结款方式 (same keys as channel_customers.payment_terms) */
    paymentMethod: text('payment_method').notNull(),
    paymentTermDays: integer('payment_term_days'),
    /** 运输方式 */
    transport: text('transport'),
    /** 运费承担: supplier | buyer */
    freightPaidBy: text('freight_paid_by'),
    deliveryPlace: text('delivery_place'),
    /** 交货时间 (e.g. 收到订单后3个工作日) */
    deliveryTime: text('delivery_time'),
    /** 奖励/返利 */
    rewards: text('rewards'),
    qualityTerms: text('quality_terms'),
    /** 免责条款 */
    exemptions: text('exemptions'),
    /** 争议解决 */
    disputes: text('disputes'),
    status: text('status', { enum: ['draft', 'active', 'expired', 'terminated'] })
      .notNull()
      .default('draft'),
    createdBy: createdBy(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('supply_contracts_customer_idx').on(t.channelCustomerId)],
);

export const supplyContractLines = pgTable(
  'supply_contract_lines',
  {
    id: id(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => supplyContracts.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    specification: text('specification'),
    quantity: integer('quantity').notNull(),
    unitPriceFen: money('unit_price_fen').notNull(),
    amountFen: money('amount_fen').notNull(),
  },
  (t) => [index('supply_contract_lines_contract_idx').on(t.contractId)],
);

/**
 * A product in the channel: 层次营销 tier role, lifecycle stage, our price levels and the main competitor's at
 * the same levels (channel margin vs the competitor's), and whether it is still supplied (portfolio gap).
 */
export const channelProducts = pgTable('channel_products', {
  productId: uuid('product_id')
    .primaryKey()
    .references(() => products.id),
  /** lead 主打 | profit 获利 | image 形象 */
  tierRole: text('tier_role', { enum: ['lead', 'profit', 'image'] }).notNull(),
  /** introduction 导入 | growth 成长 | maturity 成熟 | decline 衰退 */
  lifecycleStage: text('lifecycle_stage', {
    enum: ['introduction', 'growth', 'maturity', 'decline'],
  }).notNull(),
  /** 出厂价 */
  factoryPriceFen: money('factory_price_fen').notNull(),
  /** 订货价 (the distributor buys at) */
  orderPriceFen: money('order_price_fen').notNull(),
  /** 经销价 (the distributor sells to terminals at) */
  distributorPriceFen: money('distributor_price_fen').notNull(),
  /** 进价 (the terminal buys at) */
  purchasePriceFen: money('purchase_price_fen').notNull(),
  /** 零售价 */
  retailPriceFen: money('retail_price_fen').notNull(),
  /** 限价: the minimum resale price (乱价 below it) */
  minResalePriceFen: money('min_resale_price_fen').notNull(),
  competitorName: text('competitor_name'),
  /** The competitor's prices at the same levels: { factory, order, distributor, purchase, retail } in fen */
  competitorPrices: jsonb('competitor_prices'),
  /** Supplied to the channel; false = delisted (停供) */
  supplied: boolean('supplied').notNull().default(true),
  delistedOn: date('delisted_on', { mode: 'string' }),
  /** The product meant to take a delisted one's place */
  replacementProductId: uuid('replacement_product_id').references(() => products.id),
  version: version(),
  ...timestamps(),
});

/** 供货价 and 限价 per product per distributor tier. */
export const channelTierPrices = pgTable(
  'channel_tier_prices',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    distributorTier: text('distributor_tier', { enum: ['primary', 'secondary', 'terminal'] }).notNull(),
    supplyPriceFen: money('supply_price_fen').notNull(),
    minResalePriceFen: money('min_resale_price_fen').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.distributorTier] })],
);

/** 返利政策 */
export const rebatePolicies = pgTable('rebate_policies', {
  id: id(),
  name: text('name').notNull(),
  productId: uuid('product_id').references(() => products.id),
  distributorTier: text('distributor_tier', { enum: ['primary', 'secondary', 'terminal'] }),
  /** volume 销量返利 | payment 回款返利 | display 陈列 | other */
  kind: text('kind').notNull(),
  /** Steps: [{ fromQuantity | fromAmountFen, ratePct }] */
  steps: jsonb('steps').notNull().default([]),
  rule: text('rule'),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validUntil: date('valid_until', { mode: 'string' }),
  version: version(),
  ...timestamps(),
});

/** A visit, call or message to a channel customer (neglect 冷落 warning; terminals' visit intervals). */
export const channelVisits = pgTable(
  'channel_visits',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    visitDate: date('visit_date', { mode: 'string' }).notNull(),
    /** visit | phone | wechat */
    type: text('type').notNull(),
    purpose: text('purpose').notNull(),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [index('channel_visits_customer_date_idx').on(t.channelCustomerId, t.visitDate)],
);

/** 订单 from a distributor. */
export const channelOrders = pgTable(
  'channel_orders',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    orderNo: text('order_no').notNull().unique(),
    orderDate: date('order_date', { mode: 'string' }).notNull(),
    contractId: uuid('contract_id').references(() => supplyContracts.id),
    status: text('status', { enum: ['open', 'shipped', 'cancelled'] })
      .notNull()
      .default('open'),
    notes: text('notes'),
    createdBy: createdBy(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('channel_orders_customer_date_idx').on(t.channelCustomerId, t.orderDate)],
);

export const channelOrderLines = pgTable(
  'channel_order_lines',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => channelOrders.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    unitPriceFen: money('unit_price_fen').notNull(),
  },
  (t) => [index('channel_order_lines_order_idx').on(t.orderId)],
);

/** 送货 delivery or 退货 return of one product to/from a distributor; each writes a receivables ledger entry. */
export const channelShipments = pgTable(
  'channel_shipments',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    orderId: uuid('order_id').references(() => channelOrders.id),
    kind: text('kind', { enum: ['delivery', 'return'] }).notNull(),
    shippedOn: date('shipped_on', { mode: 'string' }).notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    batchNo: text('batch_no'),
    quantity: integer('quantity').notNull(),
    unitPriceFen: money('unit_price_fen').notNull(),
    amountFen: money('amount_fen').notNull(),
    /** Why goods came back (returns) */
    reason: text('reason'),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [
    index('channel_shipments_customer_date_idx').on(t.channelCustomerId, t.shippedOn),
    index('channel_shipments_product_idx').on(t.productId, t.shippedOn),
  ],
);

/** 库存: a distributor's stock of a product on a date (entered by the rep or imported). */
export const channelStockReports = pgTable(
  'channel_stock_reports',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    quantity: integer('quantity').notNull(),
    /** entered | imported */
    source: text('source').notNull().default('entered'),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('channel_stock_reports_uq').on(t.channelCustomerId, t.productId, t.reportedOn)],
);

/** A resale price seen in the market (乱价 below 限价; 经销价 over 订货价 = scarcity markup). */
export const channelPriceReports = pgTable(
  'channel_price_reports',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    /** distributor 经销价 | retail 零售价 */
    level: text('level', { enum: ['distributor', 'retail'] }).notNull(),
    priceFen: money('price_fen').notNull(),
    notes: text('notes'),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [index('channel_price_reports_customer_idx').on(t.channelCustomerId, t.productId, t.reportedOn)],
);

/** Column mapping of a distributor's flow file, remembered per distributor. */
export const flowColumnMappings = pgTable('flow_column_mappings', {
  channelCustomerId: uuid('channel_customer_id')
    .primaryKey()
    .references(() => channelCustomers.id),
  /** { saleDate: '销售日期', buyer: '客户名称', product: '品名', quantity: '数量', … } field → header */
  mapping: jsonb('mapping').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** A flow-of-goods 流向 file from a distributor: preview → committed | cancelled; one period per distributor counts once. */
export const flowImports = pgTable(
  'flow_imports',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    fileName: text('file_name').notNull(),
    /** sha256 of the file: the same file twice is refused */
    fileHash: text('file_hash').notNull(),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    status: text('status', { enum: ['preview', 'committed', 'cancelled'] })
      .notNull()
      .default('preview'),
    mapping: jsonb('mapping'),
    /** Counts and row problems: { rows, matched, uncertain, unmatched, invalid, problems: [{ row, column, message }] } */
    summary: jsonb('summary').notNull().default({}),
    createdBy: createdBy(),
    createdAt: createdAt(),
    committedAt: timestamp('committed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('flow_imports_customer_idx').on(t.channelCustomerId, t.status)],
);

/**
 * One row of a flow file: the distributor sold a product to a hospital (and department) or a pharmacy/clinic.
 * Never per doctor (统方 is prohibited): there is no doctor column. Unmatched rows are kept.
 */
export const flowRows = pgTable(
  'flow_rows',
  {
    id: id(),
    importId: uuid('import_id')
      .notNull()
      .references(() => flowImports.id),
    /** The distributor who sold */
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    rowNo: integer('row_no').notNull(),
    saleDate: date('sale_date', { mode: 'string' }).notNull(),
    productId: uuid('product_id').references(() => products.id),
    productName: text('product_name').notNull(),
    /** The buyer's name as written in the file */
    buyerName: text('buyer_name').notNull(),
    departmentName: text('department_name'),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    departmentId: uuid('department_id').references(() => departments.id),
    buyerCustomerId: uuid('buyer_customer_id').references(() => channelCustomers.id),
    /** matched (sure or remembered) | uncertain (needs confirming) | unmatched | confirmed (by a person) */
    matchStatus: text('match_status', { enum: ['matched', 'uncertain', 'unmatched', 'confirmed'] }).notNull(),
    /** Similarity of the best candidate 0–1 */
    matchScore: doublePrecision('match_score'),
    quantity: integer('quantity').notNull(),
    unitPriceFen: money('unit_price_fen'),
    amountFen: money('amount_fen'),
    batchNo: text('batch_no'),
    /** The original cells, for tracing a warning back to the file */
    raw: jsonb('raw').notNull(),
  },
  (t) => [
    index('flow_rows_import_idx').on(t.importId, t.rowNo),
    index('flow_rows_customer_date_idx').on(t.channelCustomerId, t.saleDate),
    // INCLUDE (product_id, quantity, import_id, id) in migration 0016: the sales figures read from the index alone
    index('flow_rows_hospital_idx').on(t.hospitalId, t.saleDate),
    index('flow_rows_buyer_idx').on(t.buyerCustomerId, t.saleDate),
  ],
);

/** Remembered buyer-name matches (normalised name → hospital or channel customer), confirmed by a person. */
export const flowNameMatches = pgTable('flow_name_matches', {
  normalizedName: text('normalized_name').primaryKey(),
  hospitalId: uuid('hospital_id').references(() => hospitals.id),
  buyerCustomerId: uuid('buyer_customer_id').references(() => channelCustomers.id),
  confirmedBy: uuid('confirmed_by')
    .notNull()
    .references(() => users.id),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * 业务帐: the receivables ledger of a distributor. delivery (+), return (−), payment (−), adjustment (±);
 * the balance is always the sum of the entries. Deliveries carry their settlement (due) date.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    entryDate: date('entry_date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['delivery', 'return', 'payment', 'adjustment'] }).notNull(),
    /** Signed amount in fen: what the distributor owes more (+) or less (−) */
    amountFen: money('amount_fen').notNull(),
    /** 结算日期 of a delivery */
    dueDate: date('due_date', { mode: 'string' }),
    shipmentId: uuid('shipment_id').references(() => channelShipments.id),
    billId: uuid('bill_id'),
    /** Idempotency key of a payment entered by hand */
    clientId: uuid('client_id').unique(),
    note: text('note'),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [index('ledger_entries_customer_date_idx').on(t.channelCustomerId, t.entryDate)],
);

/** 对账: a monthly (at the latest quarterly) confirmation of the balance with the distributor. */
export const ledgerReconciliations = pgTable(
  'ledger_reconciliations',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** Our ledger balance at period end */
    ourBalanceFen: money('our_balance_fen').notNull(),
    /** The balance the distributor confirmed */
    theirBalanceFen: money('their_balance_fen').notNull(),
    /** Who confirmed on the distributor's side (their 会计) */
    confirmedByName: text('confirmed_by_name').notNull(),
    note: text('note'),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ledger_reconciliations_uq').on(t.channelCustomerId, t.periodEnd)],
);

/** 票据 received: bank acceptance 银行承兑, commercial acceptance 商业承兑 (needs approval), cheque 支票. */
export const channelBills = pgTable(
  'channel_bills',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    kind: text('kind', { enum: ['bankAcceptance', 'commercialAcceptance', 'cheque'] }).notNull(),
    billNo: text('bill_no').notNull(),
    issuer: text('issuer').notNull(),
    amountFen: money('amount_fen').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    /** pendingApproval (commercial acceptance) → accepted | rejected; accepted → honoured | bounced 退票 */
    status: text('status', {
      enum: ['pendingApproval', 'accepted', 'rejected', 'honoured', 'bounced'],
    }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    decisionNote: text('decision_note'),
    createdBy: createdBy(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('channel_bills_customer_idx').on(t.channelCustomerId),
    uniqueIndex('channel_bills_no_uq').on(t.kind, t.billNo),
  ],
);

/** Seed 000's receivables warning signals recorded as events (sudden order jump, bounced bill, finance staff replaced …). */
export const channelRiskEvents = pgTable(
  'channel_risk_events',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    /** 1 low … 3 high */
    severity: integer('severity').notNull(),
    note: text('note'),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [index('channel_risk_events_customer_idx').on(t.channelCustomerId, t.occurredOn)],
);

/**
 * 渠道预警: one row per (rule, distributor, product, subject key); re-evaluation updates the figure instead of
 * raising duplicates. Assigned to the responsible rep; acknowledged with a note.
 */
export const channelWarnings = pgTable(
  'channel_warnings',
  {
    id: id(),
    kind: text('kind').notNull(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    productId: uuid('product_id').references(() => products.id),
    /** What else the warning is about, e.g. a hospital for 窜货, a licence id, a month */
    subjectKey: text('subject_key').notNull().default(''),
    assigneeId: uuid('assignee_id').references(() => users.id),
    figure: doublePrecision('figure'),
    threshold: doublePrecision('threshold'),
    /** Links to the rows behind it: { flowRowIds?, stockReportId?, hospitalId?, licenceId?, ledgerEntryIds? … } */
    detail: jsonb('detail').notNull().default({}),
    status: text('status', { enum: ['open', 'acknowledged', 'resolved'] })
      .notNull()
      .default('open'),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    lastSeenOn: date('last_seen_on', { mode: 'string' }).notNull(),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'string' }),
    acknowledgeNote: text('acknowledge_note'),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('channel_warnings_uq').on(t.kind, t.channelCustomerId, t.productId, t.subjectKey),
    index('channel_warnings_status_idx').on(t.status, t.raisedOn),
    index('channel_warnings_assignee_idx').on(t.assigneeId, t.status),
  ],
);

/** 冲货/低价倾销 incident register. */
export const channelIncidents = pgTable(
  'channel_incidents',
  {
    id: id(),
    /** The distributor the goods came from, when known */
    sourceCustomerId: uuid('source_customer_id').references(() => channelCustomers.id),
    sourceRegion: text('source_region').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    priceFen: money('price_fen'),
    /** The territory and distributor hurt by it */
    affectedTerritoryId: uuid('affected_territory_id').references(() => territories.id),
    affectedCustomerId: uuid('affected_customer_id').references(() => channelCustomers.id),
    description: text('description').notNull(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    lossClaimedFen: money('loss_claimed_fen'),
    compensatedFen: money('compensated_fen'),
    createdBy: createdBy(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('channel_incidents_opened_idx').on(t.openedOn)],
);

/** Promises made to a distributor (GN lost a third of its distributors to promises never kept). */
export const channelPromises = pgTable(
  'channel_promises',
  {
    id: id(),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    promise: text('promise').notNull(),
    madeOn: date('made_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['open', 'kept', 'broken'] })
      .notNull()
      .default('open'),
    closedOn: date('closed_on', { mode: 'string' }),
    note: text('note'),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('channel_promises_customer_idx').on(t.channelCustomerId, t.status)],
);

/** Distributor health score per month, with its components (a trend that shows a GN-style decline early). */
export const channelHealthSnapshots = pgTable(
  'channel_health_snapshots',
  {
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    /** YYYY-MM */
    month: text('month').notNull(),
    score: integer('score').notNull(),
    components: jsonb('components').notNull(),
    computedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.channelCustomerId, t.month] })],
);

/** 渠道促销: 买赠, 返利, 折扣, 陈列奖励, 销售竞赛 — for channel customers only, never individual doctors. */
export const channelPromotions = pgTable(
  'channel_promotions',
  {
    id: id(),
    name: text('name').notNull(),
    /** buyGift 买赠 | rebate 返利 | discount 折扣 | display 陈列奖励 | salesContest 销售竞赛 */
    kind: text('kind').notNull(),
    /** distributor | pharmacy | clinic */
    targetKinds: text('target_kinds').array().notNull(),
    /** Limit to these channel customers (empty = every customer of the target kinds in the owner's scope) */
    targetCustomerIds: uuid('target_customer_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    productIds: uuid('product_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    rules: text('rules').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    budgetFen: money('budget_fen').notNull(),
    /** draft → submitted → approved | rejected; payouts over budget need another approval */
    status: text('status', { enum: ['draft', 'submitted', 'approved', 'rejected', 'closed'] })
      .notNull()
      .default('draft'),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('channel_promotions_owner_idx').on(t.ownerId, t.status)],
);

/** 兑付: a payout of a promotion to one channel customer. */
export const channelPromotionPayouts = pgTable(
  'channel_promotion_payouts',
  {
    id: id(),
    promotionId: uuid('promotion_id')
      .notNull()
      .references(() => channelPromotions.id),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    amountFen: money('amount_fen').notNull(),
    /** 货 goods | 票折 invoice discount | 转账 transfer */
    form: text('form').notNull(),
    note: text('note'),
    /** Set when this payout took the promotion over budget: who approved it */
    overBudgetApprovedBy: uuid('over_budget_approved_by').references(() => users.id),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [index('channel_promotion_payouts_promotion_idx').on(t.promotionId)],
);

// ── Satisfaction surveys 满意度调查 and academic events 学术会议 (care) ──────────

/** A survey template per audience with the three dimensions of seed 002 (价格, 疗效, 服务) plus custom questions. */
export const surveyTemplates = pgTable('survey_templates', {
  id: id(),
  name: text('name').notNull(),
  /** doctor | pharmacy | distributor */
  audience: text('audience', { enum: ['doctor', 'pharmacy', 'distributor'] }).notNull(),
  /** Custom questions after the three dimensions: [{ key, text, type: 'score' | 'text' | 'choice', options? }] */
  questions: jsonb('questions').notNull().default([]),
  active: boolean('active').notNull().default(true),
  createdBy: createdBy(),
  version: version(),
  ...timestamps(),
});

/**
 * One survey sent to one recipient: a one-time link (only the token's sha256 is stored), answered without
 * signing in. The answers and the three dimension scores are kept per customer for trends.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: id(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => surveyTemplates.id),
    doctorId: uuid('doctor_id').references(() => doctors.id),
    /** The doctor's hospital (scope) */
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    channelCustomerId: uuid('channel_customer_id').references(() => channelCustomers.id),
    sentBy: uuid('sent_by')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'string' }),
    /** 1–5 */
    priceScore: integer('price_score'),
    efficacyScore: integer('efficacy_score'),
    serviceScore: integer('service_score'),
    /** Custom answers { key: value } and the free comment */
    answers: jsonb('answers'),
    comment: text('comment'),
  },
  (t) => [
    index('survey_invitations_doctor_idx').on(t.doctorId, t.answeredAt),
    index('survey_invitations_channel_customer_idx').on(t.channelCustomerId, t.answeredAt),
    index('survey_invitations_sent_by_idx').on(t.sentBy),
  ],
);

/** 学术会议/科室会: planned by a rep, approved by the manager (and compliance when a speaker fee is over the cap). */
export const academicEvents = pgTable(
  'academic_events',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    topic: text('topic').notNull(),
    purpose: text('purpose').notNull(),
    /** departmentMeeting 科室会 | cityMeeting 城市会 | symposium 研讨会 | online 线上 */
    format: text('format').notNull(),
    eventDate: date('event_date', { mode: 'string' }).notNull(),
    startTime: text('start_time'),
    place: text('place').notNull(),
    /** The host hospital (scope) */
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    /** 会场布置: classroom | theatre | roundTable | uShape … */
    layout: text('layout'),
    budgetFen: money('budget_fen').notNull(),
    /** 工作餐 total; shared equally among attendees into each doctor's annual care total */
    mealCostFen: money('meal_cost_fen').notNull().default(0),
    /** 议程: [{ time, title, speakerDoctorId? }] */
    agenda: jsonb('agenda').notNull().default([]),
    /** 资料: titles of materials handed out */
    materials: text('materials')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** draft → submitted → (managerApproved → compliance) → approved | rejected → held → closed */
    status: text('status', {
      enum: ['draft', 'submitted', 'managerApproved', 'approved', 'rejected', 'held', 'closed'],
    })
      .notNull()
      .default('draft'),
    needsCompliance: boolean('needs_compliance').notNull().default(false),
    /** sha256 of the sign-in QR token (valid on the event day) */
    signInTokenHash: text('sign_in_token_hash').unique(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('academic_events_owner_idx').on(t.ownerId, t.eventDate)],
);

/** Chair and speakers with fee and travel cost (counted into the doctor's annual care total) and who paid when. */
export const eventSpeakers = pgTable(
  'event_speakers',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => academicEvents.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    /** chair 主持 | speaker 讲者 */
    role: text('role', { enum: ['chair', 'speaker'] }).notNull(),
    talkTitle: text('talk_title'),
    feeFen: money('fee_fen').notNull().default(0),
    travelFen: money('travel_fen').notNull().default(0),
    paidOn: date('paid_on', { mode: 'string' }),
    paidBy: text('paid_by'),
  },
  (t) => [
    uniqueIndex('event_speakers_uq').on(t.eventId, t.doctorId),
    index('event_speakers_doctor_idx').on(t.doctorId),
  ],
);

/** Invited and attended doctors; sign-in by QR code on the attendee's phone. */
export const eventAttendees = pgTable(
  'event_attendees',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => academicEvents.id),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id),
    invitedAt: timestamp('invited_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    signedInAt: timestamp('signed_in_at', { withTimezone: true, mode: 'string' }),
    /** The follow-up created for the rep after the event */
    followUpId: uuid('follow_up_id').references(() => followUps.id),
  },
  (t) => [
    uniqueIndex('event_attendees_uq').on(t.eventId, t.doctorId),
    index('event_attendees_doctor_idx').on(t.doctorId),
  ],
);

/** Each approval decision of an academic event (manager, then compliance when a speaker is over the yearly cap). */
export const eventApprovals = pgTable(
  'event_approvals',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => academicEvents.id),
    step: text('step', { enum: ['manager', 'compliance'] }).notNull(),
    decision: text('decision', { enum: ['approved', 'rejected'] }).notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    comment: text('comment'),
    decidedAt: createdAt(),
  },
  (t) => [index('event_approvals_event_idx').on(t.eventId)],
);

// ── 客情费: relationship-maintenance expenses for channel customers (seed 003's draft policy) ─────────────

/** 客户关系维护费——xx品种: the budget account of a product for a year, and its rate per unit of net sales. */
export const careFeeAccounts = pgTable(
  'care_fee_accounts',
  {
    id: id(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    year: integer('year').notNull(),
    budgetFen: money('budget_fen').notNull(),
    /** 标准: fee per unit of 纯销 (net sales) */
    ratePerUnitFen: integer('rate_per_unit_fen').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('care_fee_accounts_uq').on(t.productId, t.year)],
);

/**
 * 月客户采购及客情费统计表: a rep's claim for a month, signed in sequence by 销售文员 → 销售部经理 → 财务 (a missing
 * signature leaves it invalid), then paid out (借支 within the rep's cash-advance cap) and spot-checked by the manager.
 */
export const careFeeClaims = pgTable(
  'care_fee_claims',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    /** YYYY-MM: the month of the purchases claimed for */
    month: text('month').notNull(),
    /** draft → submitted → clerkSigned → managerSigned → approved (finance) → paid; any signer may reject */
    status: text('status', {
      enum: ['draft', 'submitted', 'clerkSigned', 'managerSigned', 'approved', 'rejected', 'paid'],
    })
      .notNull()
      .default('draft'),
    requestedFen: money('requested_fen').notNull().default(0),
    /** What the rules allow: only for customers whose net sales happened and whose payment was collected */
    payableFen: money('payable_fen').notNull().default(0),
    /** 借支: cash advanced to the rep to pay out (≤ the cap per rep) */
    advanceFen: money('advance_fen'),
    paidOn: date('paid_on', { mode: 'string' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('care_fee_claims_owner_month_uq').on(t.ownerId, t.month)],
);

/** One channel customer × product of a claim, with the statement of its purchases and collection. Never a doctor. */
export const careFeeClaimLines = pgTable(
  'care_fee_claim_lines',
  {
    id: id(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => careFeeClaims.id),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** 纯销 in the month (from committed flow) */
    netSalesQuantity: integer('net_sales_quantity').notNull(),
    netSalesFen: money('net_sales_fen').notNull(),
    /** 回款: collected in the month (distributor ledger payments) and the collection rate 0–1 */
    collectedFen: money('collected_fen').notNull(),
    collectionRate: doublePrecision('collection_rate').notNull(),
    requestedFen: money('requested_fen').notNull(),
    payableFen: money('payable_fen').notNull(),
    /** Who at the customer it is for: purchaser 采购员 | purchasingHead 采购部领导 | executive 主管采购的公司领导 | event 活动 */
    recipientRole: text('recipient_role').notNull(),
    /** A 新客户特殊费用 covered by an approved application */
    specialApplicationId: uuid('special_application_id'),
    note: text('note'),
  },
  (t) => [index('care_fee_claim_lines_claim_idx').on(t.claimId)],
);

/** Each signature (or rejection) of a claim or a special-fee application, in sequence. */
export const careFeeSignatures = pgTable(
  'care_fee_signatures',
  {
    id: id(),
    /** claim | specialApplication */
    subject: text('subject', { enum: ['claim', 'specialApplication'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** clerk 销售文员 | manager 销售部经理 | finance 财务 */
    step: text('step', { enum: ['clerk', 'manager', 'finance'] }).notNull(),
    decision: text('decision', { enum: ['approved', 'rejected'] }).notNull(),
    signedBy: uuid('signed_by')
      .notNull()
      .references(() => users.id),
    comment: text('comment'),
    signedAt: createdAt(),
  },
  (t) => [index('care_fee_signatures_subject_idx').on(t.subject, t.subjectId)],
);

/** 新客户特殊费用申请: valid only if applied for and fully signed before the contract date; paid after collection. */
export const careFeeSpecialApplications = pgTable(
  'care_fee_special_applications',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    channelCustomerId: uuid('channel_customer_id')
      .notNull()
      .references(() => channelCustomers.id),
    productId: uuid('product_id').references(() => products.id),
    amountFen: money('amount_fen').notNull(),
    reason: text('reason').notNull(),
    /** The planned contract date: the application must be signed off before it */
    contractDate: date('contract_date', { mode: 'string' }).notNull(),
    status: text('status', {
      enum: ['submitted', 'clerkSigned', 'managerSigned', 'approved', 'rejected'],
    })
      .notNull()
      .default('submitted'),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('care_fee_special_applications_customer_idx').on(t.channelCustomerId)],
);

/** 抽查: after payout the sales manager confirms with 3 of the paid customers. */
export const careFeeSpotChecks = pgTable('care_fee_spot_checks', {
  id: id(),
  claimId: uuid('claim_id')
    .notNull()
    .unique()
    .references(() => careFeeClaims.id),
  checkedBy: uuid('checked_by')
    .notNull()
    .references(() => users.id),
  checkedOn: date('checked_on', { mode: 'string' }).notNull(),
  /** [{ channelCustomerId, confirmed: boolean, note }] — three paid customers */
  results: jsonb('results').notNull(),
  createdAt: createdAt(),
});

// ── Targets 指标 ──────────────────────────────────────────────────────────────

/** 团队指标: the quota a team receives per month × product (set by an admin), which its manager allocates to reps. */
export const teamQuotas = pgTable(
  'team_quotas',
  {
    id: id(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    /** YYYY-MM */
    month: text('month').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** Units (盒/支) */
    quantity: integer('quantity').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('team_quotas_uq').on(t.teamId, t.month, t.productId)],
);

/** 个人指标: a rep's quota per month × product (指标细分到月, 明确责任者), allocated by the team's manager. */
export const repQuotas = pgTable(
  'rep_quotas',
  {
    id: id(),
    repId: uuid('rep_id')
      .notNull()
      .references(() => users.id),
    /** The rep's team when the quota was set (a later team change keeps the history) */
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    /** YYYY-MM */
    month: text('month').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** Units (盒/支) */
    quantity: integer('quantity').notNull(),
    /** 指标细分到目标客户: [{ hospitalId? | channelCustomerId?, quantity, note? }] — sums to at most `quantity` */
    customers: jsonb('customers').notNull().default([]),
    updatedBy: uuid('updated_by').references(() => users.id),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('rep_quotas_uq').on(t.repId, t.month, t.productId),
    index('rep_quotas_team_month_idx').on(t.teamId, t.month),
  ],
);

/**
 * 销售预测 and the rep's own goal (目标要大于指标) per month × product, with the seed's four steps:
 * forecast → total → where to add (`additions`) → promotion plan.
 */
export const salesForecasts = pgTable(
  'sales_forecasts',
  {
    id: id(),
    repId: uuid('rep_id')
      .notNull()
      .references(() => users.id),
    /** YYYY-MM */
    month: text('month').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** Units the rep expects to sell */
    forecastQuantity: integer('forecast_quantity').notNull(),
    /** The rep's own goal; should be ≥ the quota */
    goalQuantity: integer('goal_quantity'),
    /** Step 3, where to add: [{ hospitalId? | channelCustomerId? | doctorId?, quantity, note? }] */
    additions: jsonb('additions').notNull().default([]),
    /** Step 4: the promotion plan to close the gap */
    promotionPlan: text('promotion_plan'),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('sales_forecasts_uq').on(t.repId, t.month, t.productId)],
);

/** 手工实际销量: a rep's monthly actual entered by hand, used where no flow 流向 data covers the rep and product. */
export const manualSales = pgTable(
  'manual_sales',
  {
    id: id(),
    repId: uuid('rep_id')
      .notNull()
      .references(() => users.id),
    /** YYYY-MM */
    month: text('month').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    quantity: integer('quantity').notNull(),
    note: text('note'),
    enteredBy: uuid('entered_by')
      .notNull()
      .references(() => users.id),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('manual_sales_uq').on(t.repId, t.month, t.productId)],
);

// ── Time management 时间管理 ──────────────────────────────────────────────────

/**
 * A task in the importance × urgency matrix: A 重要紧急, B 重要不紧急, C 紧急不重要, D 都不.
 * Follow-ups and care dates are shown in the matrix beside these, read from their own tables.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    /** Client-generated, so a retried quick entry never duplicates */
    clientId: uuid('client_id').notNull(),
    title: text('title').notNull(),
    notes: text('notes'),
    important: boolean('important').notNull(),
    urgent: boolean('urgent').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    estimatedMinutes: integer('estimated_minutes'),
    /** The five filter questions 五个过滤问题 (optional): { [question]: boolean } */
    filterAnswers: jsonb('filter_answers'),
    /** open → done | dropped */
    status: text('status', { enum: ['open', 'done', 'dropped'] })
      .notNull()
      .default('open'),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('tasks_owner_client_uq').on(t.ownerId, t.clientId),
    index('tasks_owner_status_due_idx').on(t.ownerId, t.status, t.dueDate),
  ],
);

/** 时间记录: planned or actual minutes by activity on a day (Drucker: record → analyse → manage). */
export const timeEntries = pgTable(
  'time_entries',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    clientId: uuid('client_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    /** calls 拜访 | travel 路途 | meetings 会议 | admin 行政 | training 培训 | other 其他 */
    activity: text('activity', {
      enum: ['calls', 'travel', 'meetings', 'admin', 'training', 'other'],
    }).notNull(),
    /** planned 计划 | actual 实际 */
    kind: text('kind', { enum: ['planned', 'actual'] }).notNull(),
    minutes: integer('minutes').notNull(),
    note: text('note'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('time_entries_owner_client_uq').on(t.ownerId, t.clientId),
    index('time_entries_owner_date_idx').on(t.ownerId, t.date),
  ],
);

// ── Collaboration 协作: 进药, 客户开发, 竞品情报, 日报, 通知, 交接 ─────────────────────

/**
 * 进药 pipeline: one per hospital × product, from 目标医院 to 稳定使用. Reaching `listed` sets
 * hospital_product_listings (the segmentation rules' negative status range ends). Stage moves are events.
 */
export const listingPipelines = pgTable(
  'listing_pipelines',
  {
    id: id(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** The rep who drives it (moves to the successor on hand-over) */
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    /** target 目标医院 → applied 科室提出申请 → pharmacyReview 药剂科审核 → committee 药事委员会 → listed 进药 | rejected 未通过 → firstPurchase 首次采购 → stableUse 稳定使用 */
    stage: text('stage', {
      enum: [
        'target',
        'applied',
        'pharmacyReview',
        'committee',
        'listed',
        'rejected',
        'firstPurchase',
        'stableUse',
      ],
    })
      .notNull()
      .default('target'),
    /** The day the current stage was reached */
    stageDate: date('stage_date', { mode: 'string' }).notNull(),
    /** People involved: [{ role: applicant | departmentHead | pharmacyDirector | committeeMember | other, doctorId?, keyContactId?, name?, note? }] */
    people: jsonb('people').notNull().default([]),
    /** Documents: [{ name, kind?, date?, note? }] (申请表, 产品资料, 药学资料 …) */
    documents: jsonb('documents').notNull().default([]),
    nextAction: text('next_action'),
    nextActionDue: date('next_action_due', { mode: 'string' }),
    notes: text('notes'),
    /** Any change or stage move; a stage without activity for N days is stalled */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
    closed: boolean('closed').notNull().default(false),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('listing_pipelines_hospital_product_uq').on(t.hospitalId, t.productId),
    index('listing_pipelines_owner_idx').on(t.ownerId, t.stage),
  ],
);

/** Each stage move of a pipeline: from → to on a date, by whom, via form or board drag; a skip or a move back carries its reason. */
export const listingPipelineEvents = pgTable(
  'listing_pipeline_events',
  {
    id: id(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => listingPipelines.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    reason: text('reason'),
    /** form | board */
    via: text('via', { enum: ['form', 'board'] })
      .notNull()
      .default('form'),
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('listing_pipeline_events_pipeline_idx').on(t.pipelineId, t.date)],
);

/** 客户开发: a prospective channel customer (pharmacy, clinic, distributor) until converted or dropped. */
export const channelProspects = pgTable(
  'channel_prospects',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    clientId: uuid('client_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['distributor', 'pharmacy', 'clinic'] }).notNull(),
    city: text('city'),
    address: text('address'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** referral 转介绍 | meeting 会议 | phone 电话 | mail 信函 | marketInfo 市场信息 */
    source: text('source', { enum: ['referral', 'meeting', 'phone', 'mail', 'marketInfo'] }).notNull(),
    sourceNote: text('source_note'),
    /** preparation 准备 → execution 实施 → revision 修正 → evaluation 评价 */
    phase: text('phase', { enum: ['preparation', 'execution', 'revision', 'evaluation'] })
      .notNull()
      .default('preparation'),
    /** open → converted | dropped */
    status: text('status', { enum: ['open', 'converted', 'dropped'] })
      .notNull()
      .default('open'),
    /** { licences: [{ kind, number, validUntil }], creditCheck: { result: pending | passed | failed, checkedOn?, note? } } */
    qualification: jsonb('qualification').notNull().default({}),
    plan: text('plan'),
    nextAction: text('next_action'),
    nextActionDue: date('next_action_due', { mode: 'string' }),
    convertedCustomerId: uuid('converted_customer_id').references(() => channelCustomers.id),
    convertedAt: timestamp('converted_at', { withTimezone: true, mode: 'string' }),
    droppedReason: text('dropped_reason'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('channel_prospects_owner_client_uq').on(t.ownerId, t.clientId),
    index('channel_prospects_owner_status_idx').on(t.ownerId, t.status),
  ],
);

/** 竞品: a competitor product in a therapeutic area, against one of ours (organisation data, admin writes). */
export const competitorProducts = pgTable(
  'competitor_products',
  {
    id: id(),
    name: text('name').notNull(),
    company: text('company').notNull(),
    therapeuticArea: text('therapeutic_area').notNull(),
    /** Our product it competes with */
    productId: uuid('product_id').references(() => products.id),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('competitor_products_name_company_uq').on(t.name, t.company)],
);

/** How much a doctor (or a hospital) uses a competitor product: the rep's judgement 1–5, never prescription counts. */
export const competitorUsages = pgTable(
  'competitor_usages',
  {
    id: id(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    doctorId: uuid('doctor_id').references(() => doctors.id),
    competitorProductId: uuid('competitor_product_id')
      .notNull()
      .references(() => competitorProducts.id),
    /** 1 很少 … 5 主要使用 */
    judgement: integer('judgement').notNull(),
    observedOn: date('observed_on', { mode: 'string' }).notNull(),
    source: text('source'),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('competitor_usages_hospital_idx').on(t.hospitalId, t.observedOn),
    index('competitor_usages_doctor_idx').on(t.doctorId),
  ],
);

/** A competitor's activity observed at a hospital (or with a doctor): visits and by whom, meetings, research funds, sponsorship, price moves. */
export const competitorActivities = pgTable(
  'competitor_activities',
  {
    id: id(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    doctorId: uuid('doctor_id').references(() => doctors.id),
    competitorProductId: uuid('competitor_product_id').references(() => competitorProducts.id),
    /** The company, when no product is known */
    company: text('company'),
    kind: text('kind', {
      enum: ['visit', 'meeting', 'researchFund', 'sponsorship', 'priceMove', 'other'],
    }).notNull(),
    /** For visits: rep 代表 | manager 经理 | director 总监 */
    byWhom: text('by_whom', { enum: ['rep', 'manager', 'director', 'unknown'] }),
    observedOn: date('observed_on', { mode: 'string' }).notNull(),
    source: text('source'),
    description: text('description').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('competitor_activities_hospital_idx').on(t.hospitalId, t.observedOn)],
);

/**
 * 日报: drafted from the day's calls, care actions, follow-ups done and plan deviations; the rep adds highlights,
 * problems and requests for help. Locked once submitted (amendments in daily_report_amendments).
 */
export const dailyReports = pgTable(
  'daily_reports',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    date: date('date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['draft', 'submitted'] })
      .notNull()
      .default('draft'),
    /** The drafted day: counts and lines (calls, care actions, follow-ups done, planned vs done) */
    summary: jsonb('summary').notNull().default({}),
    /** Planned but not visited: [{ plannedCallId, doctorId, reason: doctorAbsent | surgery | meeting | moved | other, note? }] */
    deviations: jsonb('deviations').notNull().default([]),
    highlights: text('highlights'),
    problems: text('problems'),
    helpRequests: text('help_requests'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    /** The manager marked it read */
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
    readBy: uuid('read_by').references(() => users.id),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('daily_reports_owner_date_uq').on(t.ownerId, t.date),
    index('daily_reports_date_idx').on(t.date),
  ],
);

/** A change to a submitted daily report: the fields before and after, and why. */
export const dailyReportAmendments = pgTable('daily_report_amendments', {
  id: id(),
  reportId: uuid('report_id')
    .notNull()
    .references(() => dailyReports.id),
  changes: jsonb('changes').notNull(),
  reason: text('reason').notNull(),
  actorId: uuid('actor_id')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** A manager's comment or question on a report, or the rep's answer. */
export const reportComments = pgTable(
  'report_comments',
  {
    id: id(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => dailyReports.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['comment', 'question', 'answer'] }).notNull(),
    body: text('body').notNull(),
    clientId: uuid('client_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('report_comments_report_idx').on(t.reportId),
    uniqueIndex('report_comments_author_client_uq').on(t.authorId, t.clientId),
  ],
);

/**
 * 通知: one per user and source (`sourceKey`, e.g. `followUpDue:<id>:<date>`), so a rule run twice never notifies twice.
 * Kinds: `notificationKinds` in @keqing/shared.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
    /** Message key and parameters, rendered in the reader's language */
    params: jsonb('params').notNull().default({}),
    /** Where it leads in the web app, e.g. /reports/daily/<id> */
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_user_source_uq').on(t.userId, t.sourceKey),
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
  ],
);

/** Per-user notification settings: kinds switched off, kinds also sent by e-mail, quiet hours (no outbound delivery). */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  disabledKinds: text('disabled_kinds')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  emailKinds: text('email_kinds')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** 'HH:MM' in Asia/Shanghai; both null = no quiet hours */
  quietStart: text('quiet_start'),
  quietEnd: text('quiet_end'),
  /** Working days before the cycle/month end for the below-frequency reminder */
  frequencyReminderDays: integer('frequency_reminder_days').notNull().default(3),
  version: version(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * Outbound channels (admin): the SMTP server, or a WeCom / DingTalk group robot (企业微信/钉钉机器人) for a team or
 * everyone. The SMTP password and the robot signing secret are stored encrypted and never returned.
 */
export const notificationChannels = pgTable('notification_channels', {
  id: id(),
  kind: text('kind', { enum: ['smtp', 'wecom', 'dingtalk'] }).notNull(),
  name: text('name').notNull(),
  /** A robot posts the notifications of this team's users; null = all teams */
  teamId: uuid('team_id').references(() => teams.id),
  /** smtp: { host, port, secure, username?, from }; robots: { url } */
  config: jsonb('config').notNull().default({}),
  secretEncrypted: text('secret_encrypted'),
  /** Notification kinds this channel carries */
  kinds: text('kinds')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  version: version(),
  ...timestamps(),
});

/**
 * One delivery of a notification over a channel. Claimed (`sending`) before the send and recorded after it; a row
 * left `sending` by a crash is never sent again (→ `uncertain`). Failures retry with back-off until `failed`.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => notificationChannels.id),
    /** e-mail address or the robot's name */
    target: text('target').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'retrying', 'failed', 'uncertain'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'string' }),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }),
    lastError: text('last_error'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_notification_channel_uq').on(t.notificationId, t.channelId),
    index('notification_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/**
 * 交接: a rep leaves or a territory is reassigned. The wizard's plan (territory → successor, per-record overrides),
 * hand-over notes per key account, and on completion the moved records (handover_items).
 */
export const handovers = pgTable('handovers', {
  id: id(),
  fromUserId: uuid('from_user_id')
    .notNull()
    .references(() => users.id),
  status: text('status', { enum: ['draft', 'completed', 'cancelled'] })
    .notNull()
    .default('draft'),
  effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
  /** Deactivate the leaving user on completion */
  deactivate: boolean('deactivate').notNull().default(false),
  /** { territories: [{ territoryId, toUserId }], defaultToUserId, overrides: [{ entity, id, toUserId }] } */
  plan: jsonb('plan').notNull().default({}),
  /** 交接说明 per key account: [{ hospitalId?, doctorId?, channelCustomerId?, note }] */
  notes: jsonb('notes').notNull().default([]),
  reason: text('reason'),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id),
  completedAt: timestamp('completed_at', { withTimezone: true, mode: 'string' }),
  version: version(),
  ...timestamps(),
});

/** What a completed hand-over moved: entity (followUp, plannedCall, cyclePlan, carePlan, pipeline, promise, warning, prospect, task …), id, to whom. */
export const handoverItems = pgTable(
  'handover_items',
  {
    handoverId: uuid('handover_id')
      .notNull()
      .references(() => handovers.id),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.handoverId, t.entity, t.entityId] })],
);
