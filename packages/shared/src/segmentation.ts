/**
 * API contract of segmentation 客户评分与定级: grading configs (医院定级, 医生定级矩阵), listing status 进药,
 * compound scores 复式评分, adoption ladder 产品接纳度阶梯, relationship stage 客户关系阶段, high-potential
 * doctors 高潜力医生, key accounts 重点客户 (80/20) and KOL profiles. The rules themselves live in
 * packages/domain (segmentation/*); their labels are re-exported here so the web needs only this package.
 */
import { z } from 'zod';
import { defaultDoctorGradingConfig, defaultKeyAccountShare, defaultPotentialScale } from '@keqing/domain';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';

export {
  adoptionStepDescriptions,
  adoptionStepLabels,
  adoptionSteps,
  contactCadenceLabels,
  defaultDoctorGradingConfig,
  defaultHighPotentialCriteria,
  defaultHospitalGradingConfig,
  defaultKeyAccountShare,
  defaultPotentialScale,
  departmentTierLabels,
  hospitalFactors,
  hospitalGradeFor,
  kolDevelopmentStepLabels,
  kolInfluenceLabels,
  kolLockInRoleLabels,
  kolPolicyRoleLabels,
  kolTypeLabels,
  maxStageReasonLength,
  maxVisitsPerCycle,
  nextDevelopmentStep,
  nextStep,
  potentialValues,
  prescriptionStatusHints,
  prescriptionStatusLabels,
  prescriptionStatuses,
  relationshipStageDescriptions,
  relationshipStageLabels,
  relationshipStages,
} from '@keqing/domain';
export type {
  AdoptionStep,
  ContactCadence,
  DoctorGradingConfig,
  HospitalFactor,
  HospitalGrade,
  HospitalGradingConfig,
  KolDevelopmentStep,
  KolLockInRole,
  KolPolicyRole,
  KolType,
  LocalizedText,
  PotentialScale,
  PrescriptionStatus,
  RegradeSummary,
  RelationshipStage,
} from '@keqing/domain';

// ── Enumerations (values as stored; labels above) ─────────────────────────────

export const kolTypes = ['academicLeader', 'productSpeaker', 'prescribingAuthority'] as const;
/** 定位 → 了解 → 接触 → 定期联系 → 锁定 */
export const kolDevelopmentSteps = ['locate', 'understand', 'contact', 'regularContact', 'lockIn'] as const;
export const kolPolicyRoles = ['drugListing', 'insuranceFormulary'] as const;
export const contactCadences = ['weekly', 'monthly', 'quarterly'] as const;
export const kolLockInRoles = ['speaker', 'prescriber', 'supporter'] as const;
export const keyAccountEntities = ['doctor', 'hospital'] as const;
export type KeyAccountEntity = (typeof keyAccountEntities)[number];

/** Who did something, as lists show it. */
export const actorRefSchema = z.object({ id: z.uuid(), name: z.string() });
export type ActorRef = z.infer<typeof actorRefSchema>;

/** 'YYYY-MM' */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const note = z.string().trim().max(500);

// ── Grading configs ───────────────────────────────────────────────────────────

/** One row of a scoring table: a value at or above `from` earns `points` (0–100). */
export const scoreBandSchema = z.object({ from: z.number(), points: z.number() });
const oneToFivePoints = z.object({
  1: z.number(),
  2: z.number(),
  3: z.number(),
  4: z.number(),
  5: z.number(),
});

/**
 * 医院定级标准. The shape is checked here; ranges, weights summing to 1 and descending thresholds by
 * `validateHospitalGradingConfig` in domain (400 with `details[].path` under `body.`, message = rule key).
 */
export const hospitalGradingConfigSchema = z.object({
  weights: z.object({
    size: z.number(),
    level: z.number(),
    volume: z.number(),
    drugUse: z.number(),
    competition: z.number(),
  }),
  bedBands: z.array(scoreBandSchema).max(30),
  levelPoints: z.object({
    三级甲等: z.number(),
    三级乙等: z.number(),
    二级甲等: z.number(),
    二级乙等: z.number(),
    一级: z.number(),
    社区卫生服务中心: z.number(),
    乡镇卫生院: z.number(),
    诊所: z.number(),
  }),
  outpatientBands: z.array(scoreBandSchema).max(30),
  drugUsePoints: oneToFivePoints,
  competition: z.object({
    countPenaltyBands: z.array(scoreBandSchema).max(30),
    strengthPenalty: oneToFivePoints,
    dominantPenalty: z.number(),
  }),
  thresholds: z.object({ A: z.number(), B: z.number() }),
});
export type HospitalGradingConfigInput = z.infer<typeof hospitalGradingConfigSchema>;

export const potentialScaleSchema = z.object({ min: z.number().int(), max: z.number().int() });

/** 高潜力医生 criteria: potential at least `minPotential`, status at most `maxStatus` (both inclusive). */
export const highPotentialCriteriaSchema = z.object({
  minPotential: z.number().int(),
  maxStatus: z.number().int(),
});

/**
 * 医生定级标准: grades best first, matrix[potential][status] → grade (keys are numbers as strings, "-4"…"4"),
 * calls per 4-week cycle per grade, the 处方潜力 scale (default 1–5) and the 高潜力 criteria
 * (default: potential ≥ scale max − 1, status ≤ 1).
 */
export const doctorGradingConfigSchema = z.object({
  grades: z.array(z.string().trim().min(1).max(10)).min(1).max(10),
  // keys are numbers as text and grades (≤ 10 characters, as `grades`)
  matrix: z.record(z.string().max(10), z.record(z.string().max(10), z.string().max(10))),
  visitFrequency: z.record(z.string().max(10), z.number()),
  potentialScale: potentialScaleSchema.default(defaultPotentialScale),
  highPotential: highPotentialCriteriaSchema.optional(),
});
export type DoctorGradingSettings = z.output<typeof doctorGradingConfigSchema>;
export type DoctorGradingSettingsInput = z.input<typeof doctorGradingConfigSchema>;

/** Default doctor grading settings as the API answers them (domain default + scale). */
export const defaultDoctorGradingSettings: DoctorGradingSettings = {
  ...defaultDoctorGradingConfig,
  potentialScale: defaultPotentialScale,
};

/** 重点客户 settings: the share of accounts that are key (80/20 → 0.2). */
export const keyAccountConfigSchema = z.object({ share: z.number() });
export type KeyAccountConfig = z.infer<typeof keyAccountConfigSchema>;
export const defaultKeyAccountConfig: KeyAccountConfig = { share: defaultKeyAccountShare };

const gradeCounts = z.record(z.string(), z.number().int());

/** Before/after counts per grade and the movements (domain `regradeSummary`). */
export const regradeSummarySchema = z.object({
  before: gradeCounts,
  after: gradeCounts,
  moved: z.number().int(),
  upgraded: z.number().int(),
  downgraded: z.number().int(),
  /** Graded only after (e.g. hospitals never graded before) / only before. */
  added: z.number().int(),
  removed: z.number().int(),
  movements: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })),
});
export type RegradeSummaryBody = z.infer<typeof regradeSummarySchema>;

/**
 * The config in force. `version` counts the saved versions (0 = the built-in default, never saved);
 * send it back with PUT: a stale one answers 409.
 */
function configResponse<T extends z.ZodType>(config: T) {
  return z.object({
    config,
    version: z.number().int().min(0),
    isDefault: z.boolean(),
    savedAt: z.string().nullable(),
    savedBy: actorRefSchema.nullable(),
  });
}
export const hospitalGradingResponseSchema = configResponse(hospitalGradingConfigSchema);
export type HospitalGradingResponse = z.infer<typeof hospitalGradingResponseSchema>;
export const doctorGradingResponseSchema = configResponse(
  doctorGradingConfigSchema.extend({ potentialScale: potentialScaleSchema }),
);
export type DoctorGradingResponse = z.infer<typeof doctorGradingResponseSchema>;
export const keyAccountConfigResponseSchema = configResponse(keyAccountConfigSchema);
export type KeyAccountConfigResponse = z.infer<typeof keyAccountConfigResponseSchema>;

const configVersion = z.number().int().min(0);
/** PUT bodies: the new config and the version it was based on. */
export const saveHospitalGradingSchema = z.object({
  config: hospitalGradingConfigSchema,
  version: configVersion,
});
export const saveDoctorGradingSchema = z.object({
  config: doctorGradingConfigSchema,
  version: configVersion,
});
export const saveKeyAccountConfigSchema = z.object({
  config: keyAccountConfigSchema,
  version: configVersion,
});

/** POST …/preview bodies: just a draft config. */
export const previewHospitalGradingSchema = z.object({ config: hospitalGradingConfigSchema });
export const previewDoctorGradingSchema = z.object({ config: doctorGradingConfigSchema });

/** Preview of a hospital grading draft over ALL hospitals: counts per grade, and against today's grades. */
export const hospitalGradingPreviewSchema = z.object({
  total: z.number().int(),
  counts: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() }),
  /** Hospitals graded with some factor missing (it scored 0). */
  incomplete: z.number().int(),
  summary: regradeSummarySchema,
});
export type HospitalGradingPreview = z.infer<typeof hospitalGradingPreviewSchema>;

/** Preview of a doctor matrix draft over every doctor × product status: before/after and movements. */
export const doctorGradingPreviewSchema = z.object({
  total: z.number().int(),
  summary: regradeSummarySchema,
});
export type DoctorGradingPreview = z.infer<typeof doctorGradingPreviewSchema>;

/** PUT answers: the saved config and what the re-grading did. */
export const hospitalGradingSavedSchema = hospitalGradingResponseSchema.extend({
  summary: regradeSummarySchema,
});
export const doctorGradingSavedSchema = doctorGradingResponseSchema.extend({ summary: regradeSummarySchema });
export type GradingSaved = { summary: RegradeSummaryBody };

/** One saved version of a config, newest first. */
export const configVersionSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: actorRefSchema.nullable(),
  config: z.record(z.string(), z.unknown()),
  summary: regradeSummarySchema.nullable(),
});
export type ConfigVersion = z.infer<typeof configVersionSchema>;
export const configHistoryQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

// ── Listing status 进药 ────────────────────────────────────────────────────────

/** A product's listing at a hospital; products never recorded there are `listed: false`, no dates. */
export const hospitalListingSchema = z.object({
  productId: z.uuid(),
  productName: z.string(),
  genericName: z.string(),
  listed: z.boolean(),
  /** 进药日期 */
  listedAt: isoDate.nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: actorRefSchema.nullable(),
});
export type HospitalListing = z.infer<typeof hospitalListingSchema>;
export const hospitalListingsSchema = z.object({ items: z.array(hospitalListingSchema) });
export const listingParamsSchema = z.object({ id: z.uuid(), productId: z.uuid() });

/**
 * Set a product listed (with its date, default today) or not listed. Unlisting while doctors there have a
 * status of 0 or more for it answers 409 (`segmentation.listing.doctorsPrescribing`, `details.count`): a
 * listed product's statuses cannot go negative, so those doctors cannot be re-scored first. When the hospital
 * really dropped the product (停药), send `force: true`: it is unlisted and those doctors keep their last
 * status as history until the rep re-scores them on the −4…−1 half.
 */
export const setListingSchema = z.object({
  listed: z.boolean(),
  listedAt: isoDate.nullable().optional(),
  force: z.boolean().optional(),
});

// ── Compound scores 复式评分 ────────────────────────────────────────────────────

/**
 * A new assessment of a doctor for a product. Status −4…+4 must match the listing at the doctor's
 * hospital (negative only while not listed); potential must lie on the configured scale. Ranges are checked by
 * the domain rules so the answer carries their message keys.
 */
export const recordScoreSchema = z.object({
  productId: z.uuid(),
  prescriptionStatus: z.number().int(),
  prescriptionPotential: z.number().int(),
  adoptionStep: z.number().int().nullable().optional(),
  /** Default today (China); not in the future, not before the latest assessment. */
  assessedOn: isoDate.optional(),
  note: note.nullable().optional(),
});
export type RecordScore = z.infer<typeof recordScoreSchema>;

/** The current status of a doctor × product (the latest assessment) with its grade and visit frequency. */
export const currentScoreSchema = z.object({
  productId: z.uuid(),
  prescriptionStatus: z.number().int(),
  prescriptionPotential: z.number().int(),
  grade: z.string(),
  /** 拜访频率: calls per 4-week cycle */
  visitsPerCycle: z.number().int(),
  adoptionStep: z.number().int().nullable(),
  assessedOn: isoDate,
  version: z.number().int(),
});
export type CurrentScore = z.infer<typeof currentScoreSchema>;

export const doctorScoreSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  productName: z.string(),
  prescriptionStatus: z.number().int(),
  prescriptionPotential: z.number().int(),
  grade: z.string(),
  adoptionStep: z.number().int().nullable(),
  assessedOn: isoDate,
  assessedBy: actorRefSchema.nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type DoctorScore = z.infer<typeof doctorScoreSchema>;
/** Oldest first, for the 360° page's chart. */
export const doctorScoresSchema = z.object({ items: z.array(doctorScoreSchema) });
export const doctorScoresQuerySchema = z.object({ productId: z.uuid().optional() });

export const ladderChangeSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  fromStep: z.number().int().nullable(),
  toStep: z.number().int(),
  changedOn: isoDate,
  changedBy: actorRefSchema.nullable(),
  reason: z.string().nullable(),
});
export type LadderChange = z.infer<typeof ladderChangeSchema>;

/** 产品接纳度阶梯 change without a new score. */
export const changeLadderSchema = z.object({
  productId: z.uuid(),
  step: z.number().int(),
  reason: note.nullable().optional(),
  changedOn: isoDate.optional(),
});

export const stageChangeSchema = z.object({
  id: z.uuid(),
  fromStage: z.number().int().nullable(),
  toStage: z.number().int(),
  changedOn: isoDate,
  changedBy: actorRefSchema.nullable(),
  reason: z.string(),
});
export type StageHistoryEntry = z.infer<typeof stageChangeSchema>;

/** 客户关系阶段 change; the reason (evidence) is required — checked by domain `validateStageChange`. */
export const changeStageSchema = z.object({
  stage: z.number().int(),
  reason: z.string().max(2000).nullable().optional(),
  changedOn: isoDate.optional(),
});

export const doctorStageSchema = z.object({
  /** 1–4, null while never assessed */
  current: z.number().int().nullable(),
  /** Newest first. */
  history: z.array(stageChangeSchema),
});
export type DoctorStage = z.infer<typeof doctorStageSchema>;

// ── KOL ────────────────────────────────────────────────────────────────────────

export const kolProfileSchema = z.object({
  doctorId: z.uuid(),
  types: z.array(z.enum(kolTypes)),
  policyRoles: z.array(z.enum(kolPolicyRoles)),
  developmentStep: z.enum(kolDevelopmentSteps),
  contactCadence: z.enum(contactCadences).nullable(),
  lockInRoles: z.array(z.enum(kolLockInRoles)),
  lastContactOn: isoDate.nullable(),
  notes: z.string().nullable(),
  /** The last day the next contact is on time (null without cadence or contact). */
  nextContactDue: isoDate.nullable(),
  /** Past the due day (never contacted counts as overdue once a cadence is set). */
  overdue: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type KolProfileBody = z.infer<typeof kolProfileSchema>;
export const kolProfileResponseSchema = z.object({ profile: kolProfileSchema.nullable() });

/**
 * Create (no `version`) or replace (with the `version` read) a doctor's KOL profile. Values are checked by
 * domain `validateKolProfile` (cadence from 定期联系 on, lock-in roles only at 锁定 …).
 */
export const saveKolProfileSchema = z.object({
  // codes, not text (the longest is 20 characters): the bound only stops a huge string reaching the domain
  types: z.array(z.string().max(40)).max(3),
  policyRoles: z.array(z.string().max(40)).max(2).default([]),
  developmentStep: z.string().max(40),
  contactCadence: z.string().max(40).nullable().default(null),
  lockInRoles: z.array(z.string().max(40)).max(3).default([]),
  lastContactOn: isoDate.nullable().optional(),
  notes: note.nullable().optional(),
  version: versionSchema.optional(),
});

export const kolListQuerySchema = listQuerySchema.extend({
  type: z.enum(kolTypes).optional(),
  developmentStep: z.enum(kolDevelopmentSteps).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
/** A KOL in the list: `id` is the doctor's id. */
export const kolListItemSchema = kolProfileSchema.omit({ doctorId: true }).extend({
  id: z.uuid(),
  doctorName: z.string(),
  hospitalId: z.uuid(),
  hospitalName: z.string(),
  departmentName: z.string().nullable(),
  title: z.string().nullable(),
});
export type KolListItem = z.infer<typeof kolListItemSchema>;

// ── Doctor segmentation (360° page) ───────────────────────────────────────────

/**
 * One product for a doctor: the products of the territories covering the doctor's hospital, plus any the
 * doctor was scored for. `current` is null until the first assessment.
 */
export const doctorProductSegmentationSchema = z.object({
  productId: z.uuid(),
  productName: z.string(),
  listed: z.boolean(),
  listedAt: isoDate.nullable(),
  current: currentScoreSchema.nullable(),
  /** 产品接纳度阶梯 now (latest change, or the latest score's step). */
  adoptionStep: z.number().int().nullable(),
  /** Newest first. */
  ladderHistory: z.array(ladderChangeSchema),
});
export type DoctorProductSegmentation = z.infer<typeof doctorProductSegmentationSchema>;

export const doctorSegmentationSchema = z.object({
  doctorId: z.uuid(),
  hospitalId: z.uuid(),
  products: z.array(doctorProductSegmentationSchema),
  stage: doctorStageSchema,
  kol: kolProfileSchema.nullable(),
  /** The scale potentials are entered on (from the doctor grading config). */
  potentialScale: potentialScaleSchema,
});
export type DoctorSegmentation = z.infer<typeof doctorSegmentationSchema>;

// ── High-potential doctors 高潜力医生 ──────────────────────────────────────────

export const highPotentialQuerySchema = z.object({
  productId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
/** One doctor × product, `id` is the doctor's id (a doctor may appear once per product). */
export const highPotentialItemSchema = z.object({
  id: z.uuid(),
  doctorName: z.string(),
  hospitalId: z.uuid(),
  hospitalName: z.string(),
  departmentName: z.string().nullable(),
  title: z.string().nullable(),
  productId: z.uuid(),
  productName: z.string(),
  prescriptionStatus: z.number().int(),
  prescriptionPotential: z.number().int(),
  grade: z.string(),
  visitsPerCycle: z.number().int(),
  /** Potential share minus status share of their scales, 0–100: the ground a call could gain. */
  gap: z.number(),
});
export type HighPotentialItem = z.infer<typeof highPotentialItemSchema>;

// ── Key accounts 重点客户 ──────────────────────────────────────────────────────

export const keyAccountQuerySchema = z.object({
  entity: z.enum(keyAccountEntities).default('doctor'),
  productId: z.uuid().optional(),
  /** Only the key ones (top share). */
  keyOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
/**
 * A doctor or hospital ranked by value: doctors potential × (status + 5) summed over products (or for the
 * chosen product); hospitals the sum of their doctors' values.
 */
export const keyAccountItemSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** For doctors: their hospital. */
  hospitalName: z.string().nullable(),
  value: z.number(),
  rank: z.number().int(),
  isKey: z.boolean(),
});
export type KeyAccountItem = z.infer<typeof keyAccountItemSchema>;
export const keyAccountListSchema = z.object({
  items: z.array(keyAccountItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  share: z.number(),
  keyCount: z.number().int(),
  /** Share of the total value the key accounts hold (0–1). */
  keyValueShare: z.number(),
});
export type KeyAccountList = z.infer<typeof keyAccountListSchema>;

/** Saves this month's key-account lists (doctors and hospitals) for the caller; repeating it replaces them. */
export const keyAccountSnapshotResultSchema = z.object({
  month: monthSchema,
  doctors: z.number().int(),
  hospitals: z.number().int(),
});

export const keyAccountChangesQuerySchema = z.object({
  month: monthSchema.optional(),
  entity: z.enum(keyAccountEntities).default('doctor'),
});
const keyAccountRef = z.object({ id: z.uuid(), name: z.string(), value: z.number() });
/** 动态管理: 月变更 — entered/left vs the caller's latest earlier snapshot. */
export const keyAccountChangesSchema = z.object({
  month: monthSchema,
  /** The month compared with; null when there is no earlier snapshot. */
  previousMonth: monthSchema.nullable(),
  /** Whether `month` comes from a saved snapshot (else today's ranking, for the current month). */
  snapshotSaved: z.boolean(),
  entity: z.enum(keyAccountEntities),
  entered: z.array(keyAccountRef),
  left: z.array(keyAccountRef),
  stayed: z.array(keyAccountRef),
});
export type KeyAccountMonthlyChanges = z.infer<typeof keyAccountChangesSchema>;

// ── 重点管理: 周讨论 — weekly key-account review ──
export const keyAccountReviewSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  weekStart: z.string(),
  note: z.string(),
  reviewedById: z.uuid(),
  reviewedByName: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type KeyAccountReview = z.infer<typeof keyAccountReviewSchema>;
export const recordKeyAccountReviewSchema = z.object({
  /** The rep whose list was reviewed; defaults to the caller */
  ownerId: z.uuid().optional(),
  /** Any day of the reviewed week; defaults to this week */
  week: z.iso.date().optional(),
  /** What was discussed and agreed */
  note: z.string().trim().min(1).max(2000),
});
export const keyAccountReviewListQuerySchema = z.object({
  ownerId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
