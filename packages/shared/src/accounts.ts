import { z } from 'zod';
import { personalityTypeOrder } from '@keqing/domain';
import { booleanQuery, isoDate, listQuerySchema, versionSchema } from './common.ts';

// ── Label lists (the values stored are the Chinese terms unless a key is given) ──

// 医院等级 — hospital level as the health authority grades it
export const hospitalLevels = [
  '三级甲等',
  '三级乙等',
  '二级甲等',
  '二级乙等',
  '一级',
  '社区卫生服务中心',
  '乡镇卫生院',
  '诊所',
] as const;
export const hospitalTypes = ['综合', '专科', '中医', '妇幼', '中西医结合'] as const;
/** 医院定级 — computed by the segmentation module, read-only in the accounts API. */
export const hospitalGrades = ['A', 'B', 'C'] as const;

/** 职称 — a doctor's professional title. */
export const doctorTitles = ['主任医师', '副主任医师', '主治医师', '住院医师'] as const;
/** 职务 — suggestions only: a doctor's position is free text (hospitals name posts differently). */
export const doctorPositions = [
  '院长',
  '副院长',
  '科主任',
  '科副主任',
  '药剂科主任',
  '医务处主任',
  '医疗组长',
  '护士长',
] as const;
export const genders = ['男', '女'] as const;

/** 偏好联系方式 */
export const contactChannels = ['visit', 'phone', 'wechat', 'email'] as const;
export type ContactChannel = (typeof contactChannels)[number];
export const contactChannelLabels: Record<ContactChannel, { 'zh-CN': string; en: string }> = {
  visit: { 'zh-CN': '面访', en: 'Visit' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
  wechat: { 'zh-CN': '微信', en: 'WeChat' },
  email: { 'zh-CN': '邮件', en: 'Email' },
};

/** 关键联系人职能 — who besides doctors decides or helps: pharmacy, purchasing, finance … */
export const keyContactFunctions = [
  '药剂科',
  '采购',
  '财务',
  '医务处',
  '院办',
  '设备科',
  '医保办',
  '信息科',
  '其他',
] as const;

/** 性格类型 keys; labels, traits and coping tips are in @keqing/domain `personalityTypes`. */
export const personalityTypeSchema = z.enum(personalityTypeOrder);

/** 门诊时间 half-days */
export const halfDays = ['am', 'pm'] as const;
export const weekdayLabels = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;
export const halfDayLabels = { am: '上午', pm: '下午' } as const;

// ── Small building blocks ────────────────────────────────────────────────────

/** Optional free text in a body: trimmed, '' stored as null. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));
const requiredName = (max: number) => z.string().trim().min(1).max(max);
const count = (max: number) => z.number().int().min(0).max(max).nullable().optional();
const oneToFive = z.number().int().min(1).max(5).nullable().optional();
/** A work or office phone: digits with optional +, -, spaces and an extension. */
const workPhone = z
  .string()
  .trim()
  .max(30)
  .regex(/^[0-9+\-() ]*$/)
  .nullable()
  .optional()
  .transform((v) => (v === '' ? null : v));
const textList = (maxItems: number, maxLength: number) =>
  z.array(z.string().trim().min(1).max(maxLength)).max(maxItems);

/** One clinic half-day 门诊: weekday 1 (Monday) … 7 (Sunday), morning or afternoon. */
export const clinicSlotSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  halfDay: z.enum(halfDays),
});
export type ClinicSlot = z.infer<typeof clinicSlotSchema>;
/** 门诊时间: each half-day at most once. */
export const clinicScheduleSchema = z
  .array(clinicSlotSchema)
  .max(14)
  .superRefine((slots, ctx) => {
    const seen = new Set<string>();
    slots.forEach((s, i) => {
      const key = `${s.weekday}${s.halfDay}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: 'duplicate clinic half-day',
          params: { i18n: 'accounts.clinicSchedule.duplicate' },
        });
      }
      seen.add(key);
    });
  });

/** Export file formats of every list. */
export const exportFormats = ['xlsx', 'csv'] as const;
/** An export's query is its list's filters and sort without paging, plus the file format. */
const noPaging = { page: true, pageSize: true } as const;
const exportFormat = { format: z.enum(exportFormats).default('xlsx') };

// ── Hospitals 医院 ───────────────────────────────────────────────────────────

export const hospitalSchema = z.object({
  id: z.uuid(),
  /** External code, matched by imports */
  code: z.string().nullable(),
  name: z.string(),
  alias: z.string().nullable(),
  level: z.enum(hospitalLevels),
  type: z.enum(hospitalTypes),
  province: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  address: z.string().nullable(),
  /** 床位 */
  beds: z.number().int().nullable(),
  /** 门诊量/日 */
  outpatientsPerDay: z.number().int().nullable(),
  /** 用药水平 1–5 */
  drugUseLevel: z.number().int().nullable(),
  /** 竞争对手数量 */
  competitorCount: z.number().int().nullable(),
  /** 竞争强度 1–5 */
  competitionStrength: z.number().int().nullable(),
  /** 是否有竞争对手占绝对优势 */
  hasDominantCompetitor: z.boolean().nullable(),
  notes: z.string().nullable(),
  /** WGS-84 position of the main gate (a call's location stamp is compared with it); both or neither */
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  /** 医院定级 A/B/C — set by the segmentation module, read-only here */
  grade: z.string().nullable(),
  gradeScore: z.number().int().nullable(),
  gradedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Hospital = z.infer<typeof hospitalSchema>;

export const hospitalDetailSchema = hospitalSchema.extend({
  departments: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      headcount: z.number().int().nullable(),
      doctorCount: z.number().int(),
    }),
  ),
  doctorCount: z.number().int(),
  keyContactCount: z.number().int(),
});
export type HospitalDetail = z.infer<typeof hospitalDetailSchema>;

export const hospitalListQuerySchema = listQuerySchema.extend({
  level: z.enum(hospitalLevels).optional(),
  type: z.enum(hospitalTypes).optional(),
  grade: z.enum(hospitalGrades).optional(),
  city: z.string().max(30).optional(),
  province: z.string().max(30).optional(),
});
/** Sort fields of GET /api/hospitals (`-` prefix for descending). */
export const hospitalSortFields = [
  'name',
  'level',
  'type',
  'city',
  'beds',
  'outpatientsPerDay',
  'grade',
  'gradeScore',
  'createdAt',
  'updatedAt',
] as const;
export const hospitalExportQuerySchema = hospitalListQuerySchema.omit(noPaging).extend(exportFormat);

const hospitalFields = {
  code: text(40),
  name: requiredName(80),
  alias: text(80),
  level: z.enum(hospitalLevels),
  type: z.enum(hospitalTypes),
  province: requiredName(30),
  city: requiredName(30),
  district: text(30),
  address: text(200),
  beds: count(100_000),
  outpatientsPerDay: count(1_000_000),
  drugUseLevel: oneToFive,
  competitorCount: count(500),
  competitionStrength: oneToFive,
  hasDominantCompetitor: z.boolean().nullable().optional(),
  notes: text(2000),
  /** 纬度 / 经度 (WGS-84) */
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
};
type Coordinates = { latitude?: number | null; longitude?: number | null };
/** A position is a pair: both sent or neither, both set or both cleared (null). */
const coordinatesPaired = (h: Coordinates) =>
  (h.latitude === undefined) === (h.longitude === undefined) &&
  (h.latitude === null) === (h.longitude === null);
const pairedCoordinates = {
  // the issue lands on the field the caller left out (or set differently)
  path: ['longitude'],
  params: { i18n: 'accounts.hospital.coordinatesPaired' },
};
/** Admin only. Grade and grade score are the segmentation module's. */
export const createHospitalSchema = z.object(hospitalFields).refine(coordinatesPaired, pairedCoordinates);
export const updateHospitalSchema = z
  .object({
    ...z.object(hospitalFields).partial().shape,
    version: versionSchema,
  })
  .refine(coordinatesPaired, pairedCoordinates);

// ── Departments 科室 ─────────────────────────────────────────────────────────

export const departmentSchema = z.object({
  id: z.uuid(),
  hospitalId: z.uuid(),
  /** The hospital's external code (imports match on it) */
  hospitalCode: z.string().nullable(),
  hospitalName: z.string(),
  name: z.string(),
  /** 人数 */
  headcount: z.number().int().nullable(),
  /** 人员结构 (主任2 副主任3 主治5 …) */
  structure: z.string().nullable(),
  beds: z.number().int().nullable(),
  /** 专科设置 */
  specialty: z.string().nullable(),
  doctorCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Department = z.infer<typeof departmentSchema>;
export const departmentListQuerySchema = listQuerySchema.extend({
  hospitalId: z.uuid().optional(),
  city: z.string().max(30).optional(),
});
export const departmentSortFields = ['name', 'hospitalName', 'headcount', 'beds', 'createdAt'] as const;
export const departmentExportQuerySchema = departmentListQuerySchema.omit(noPaging).extend(exportFormat);
const departmentFields = {
  name: requiredName(40),
  headcount: count(10_000),
  structure: text(200),
  beds: count(10_000),
  specialty: text(500),
};
export const createDepartmentSchema = z.object({ hospitalId: z.uuid(), ...departmentFields });
export const updateDepartmentSchema = z.object({
  ...z.object(departmentFields).partial().shape,
  version: versionSchema,
});

// ── Doctors 医生 ─────────────────────────────────────────────────────────────

/** The latest 复式评分 of a doctor for one product (kept up to date by the segmentation module). */
export const doctorProductStatusSchema = z.object({
  productId: z.uuid(),
  productName: z.string(),
  /** 处方现状 −4…+4 */
  prescriptionStatus: z.number().int(),
  /** 处方潜力 */
  prescriptionPotential: z.number().int(),
  /** 医生级别 */
  grade: z.string(),
  /** 拜访频率 per 4-week cycle */
  visitsPerCycle: z.number().int(),
  /** 产品接纳度阶梯 0–5 */
  adoptionStep: z.number().int().nullable(),
  assessedOn: z.string(),
});
export type DoctorProductStatus = z.infer<typeof doctorProductStatusSchema>;

/** A personality type 性格类型 with its traits and coping tip, in the request's language. */
export const personalitySchema = z.object({
  type: personalityTypeSchema,
  label: z.string(),
  traits: z.string(),
  tip: z.string(),
});

/** A doctor as lists show it. Never carries personal data (see doctorProfileSchema). */
export const doctorSchema = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  name: z.string(),
  gender: z.enum(genders).nullable(),
  hospitalId: z.uuid(),
  hospitalName: z.string(),
  city: z.string(),
  /** The hospital's external code (imports match on it) */
  hospitalCode: z.string().nullable(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  title: z.string().nullable(),
  position: z.string().nullable(),
  clinicSchedule: z.array(clinicSlotSchema),
  bestVisitTime: z.string().nullable(),
  /** Work phone (a personal mobile is personal data) */
  phone: z.string().nullable(),
  preferredChannel: z.enum(contactChannels).nullable(),
  personalityType: personalityTypeSchema.nullable(),
  /** 客户关系阶段 1–4 — changed through the segmentation module (with history), read-only here */
  relationshipStage: z.number().int().nullable(),
  /** Present when the list is filtered by `productId`: the doctor's status for that product (null if unscored). */
  productStatus: doctorProductStatusSchema.nullable().optional(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Doctor = z.infer<typeof doctorSchema>;

export const doctorDetailSchema = doctorSchema.extend({
  notes: z.string().nullable(),
  hospital: z.object({
    id: z.uuid(),
    name: z.string(),
    city: z.string(),
    level: z.string(),
    grade: z.string().nullable(),
  }),
  /** The personality type with its coping tip, in the request's language. */
  personality: personalitySchema.nullable(),
  /** Latest scores for every product the doctor was scored on. */
  productStatuses: z.array(doctorProductStatusSchema),
  /** Whether the caller may edit the doctor. */
  mayEdit: z.boolean(),
  /** Whether the caller may read the personal profile (PIPL: the covering rep's line and compliance). */
  mayReadProfile: z.boolean(),
});
export type DoctorDetail = z.infer<typeof doctorDetailSchema>;

export const doctorListQuerySchema = listQuerySchema.extend({
  hospitalId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  /** 科室 by name across hospitals (心内科 …) */
  departmentName: z.string().trim().max(40).optional(),
  title: z.enum(doctorTitles).optional(),
  position: z.string().trim().max(30).optional(),
  gender: z.enum(genders).optional(),
  city: z.string().trim().max(30).optional(),
  personalityType: personalityTypeSchema.optional(),
  relationshipStage: z.coerce.number().int().min(1).max(4).optional(),
  /** With a product the items carry `productStatus`; `grade` then filters on the doctor's grade for it. */
  productId: z.uuid().optional(),
  /** 医生级别 for `productId` (needs productId) */
  grade: z.string().trim().min(1).max(10).optional(),
});
export type DoctorListQuery = z.infer<typeof doctorListQuerySchema>;
/** Sort fields of GET /api/doctors; the last four need `productId`. */
export const doctorSortFields = [
  'name',
  'hospitalName',
  'departmentName',
  'title',
  'relationshipStage',
  'createdAt',
  'updatedAt',
  'grade',
  'prescriptionStatus',
  'prescriptionPotential',
  'visitsPerCycle',
] as const;
export const doctorExportQuerySchema = doctorListQuerySchema.omit(noPaging).extend(exportFormat).extend({
  /** Personal (PIPL) columns: only an admin may ask for them, and that export is audited. */
  includePersonal: booleanQuery.optional(),
});

const doctorFields = {
  code: text(40),
  name: requiredName(30),
  gender: z.enum(genders).nullable().optional(),
  departmentId: z.uuid().nullable().optional(),
  title: z.enum(doctorTitles).nullable().optional(),
  position: text(30),
  clinicSchedule: clinicScheduleSchema.optional(),
  bestVisitTime: text(100),
  phone: workPhone,
  preferredChannel: z.enum(contactChannels).nullable().optional(),
  personalityType: personalityTypeSchema.nullable().optional(),
  notes: text(2000),
};
/** A rep for hospitals in their territories, a manager for the team's, an admin for all. */
export const createDoctorSchema = z.object({ hospitalId: z.uuid(), ...doctorFields });
export const updateDoctorSchema = z.object({
  hospitalId: z.uuid().optional(),
  ...z.object(doctorFields).partial().shape,
  version: versionSchema,
});

/**
 * 客户信息 (personal): sensitive personal information under PIPL. Read only by the reps covering the
 * doctor's hospital, their manager line and compliance; written by the reps and their managers.
 * `version` is 0 while no profile was saved yet.
 */
export const doctorProfileSchema = z.object({
  doctorId: z.uuid(),
  birthday: z.string().nullable(),
  /** The birthday is kept in the lunar calendar (农历生日) */
  birthdayIsLunar: z.boolean(),
  mobile: z.string().nullable(),
  wechat: z.string().nullable(),
  /** 家庭 */
  family: z.string().nullable(),
  /** 爱好 */
  hobbies: z.string().nullable(),
  /** 喜好 (tea, food …) */
  preferences: z.string().nullable(),
  /** 家庭大事 */
  familyEvents: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type DoctorProfile = z.infer<typeof doctorProfileSchema>;
/** PUT replaces the whole profile; send the version read (0 to create the first one). */
export const putDoctorProfileSchema = z.object({
  birthday: isoDate
    .refine((d) => d >= '1900-01-01', { params: { i18n: 'accounts.profile.birthdayInvalid' } })
    .nullable()
    .optional(),
  birthdayIsLunar: z.boolean().optional(),
  /** 手机: a mainland mobile number */
  mobile: text(20).refine((v) => v == null || /^1\d{10}$/.test(v), {
    params: { i18n: 'accounts.profile.mobileInvalid' },
  }),
  wechat: text(50),
  family: text(1000),
  hobbies: text(1000),
  preferences: text(1000),
  familyEvents: text(1000),
  version: z.number().int().min(0),
});

// ── Key contacts 关键联系人 ───────────────────────────────────────────────────

export const keyContactSchema = z.object({
  id: z.uuid(),
  hospitalId: z.uuid(),
  /** The hospital's external code (imports match on it) */
  hospitalCode: z.string().nullable(),
  hospitalName: z.string(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  name: z.string(),
  /** 职能: 药剂科 / 采购 / 财务 … */
  function: z.enum(keyContactFunctions),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  personalityType: personalityTypeSchema.nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KeyContact = z.infer<typeof keyContactSchema>;
export const keyContactListQuerySchema = listQuerySchema.extend({
  hospitalId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  function: z.enum(keyContactFunctions).optional(),
  city: z.string().trim().max(30).optional(),
});
export const keyContactSortFields = ['name', 'hospitalName', 'function', 'createdAt'] as const;
export const keyContactExportQuerySchema = keyContactListQuerySchema.omit(noPaging).extend(exportFormat);
const keyContactFields = {
  departmentId: z.uuid().nullable().optional(),
  name: requiredName(30),
  function: z.enum(keyContactFunctions),
  position: text(30),
  phone: workPhone,
  personalityType: personalityTypeSchema.nullable().optional(),
  notes: text(2000),
};
export const createKeyContactSchema = z.object({ hospitalId: z.uuid(), ...keyContactFields });
export const updateKeyContactSchema = z.object({
  ...z.object(keyContactFields).partial().shape,
  version: versionSchema,
});

// ── Products 产品 ────────────────────────────────────────────────────────────

/** 关键信息: a feature, its benefit for the doctor, and an objection with its answer. */
export const keyMessageSchema = z.object({
  feature: z.string(),
  benefit: z.string(),
  objection: z.string().nullable(),
  answer: z.string().nullable(),
});
export type KeyMessage = z.infer<typeof keyMessageSchema>;
export const keyMessageInputSchema = z
  .object({
    feature: requiredName(200),
    benefit: requiredName(500),
    objection: text(500),
    answer: text(1000),
  })
  .refine((m) => !m.answer || !!m.objection, {
    path: ['objection'],
    params: { i18n: 'accounts.product.answerNeedsObjection' },
  });

export const productSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** 通用名 */
  genericName: z.string(),
  specification: z.string().nullable(),
  /** 治疗领域 */
  therapeuticArea: z.string(),
  /** 适应症 */
  indications: z.array(z.string()),
  /** 目标科室 */
  targetDepartments: z.array(z.string()),
  /** 竞争产品 */
  competitorProducts: z.array(z.string()),
  keyMessages: z.array(keyMessageSchema),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;
export const productListQuerySchema = listQuerySchema.extend({
  therapeuticArea: z.string().trim().max(40).optional(),
  active: booleanQuery.optional(),
});
export const productSortFields = ['name', 'genericName', 'therapeuticArea', 'createdAt'] as const;
export const productExportQuerySchema = productListQuerySchema.omit(noPaging).extend(exportFormat);
const productFields = {
  name: requiredName(40),
  genericName: requiredName(80),
  specification: text(80),
  therapeuticArea: requiredName(40),
  indications: textList(50, 100).optional(),
  targetDepartments: textList(50, 40).optional(),
  competitorProducts: textList(50, 80).optional(),
  keyMessages: z.array(keyMessageInputSchema).max(50).optional(),
};
/** Admin only. */
export const createProductSchema = z.object(productFields);
/** Admin only; products are retired with `active: false`, never deleted. */
export const updateProductSchema = z.object({
  ...z.object(productFields).partial().shape,
  active: z.boolean().optional(),
  version: versionSchema,
});

// ── Saved views 保存的视图 ───────────────────────────────────────────────────

/** The lists of this module; other modules may save views of their lists under their own kind. */
export const savedViewListKinds = ['hospitals', 'departments', 'doctors', 'keyContacts', 'products'] as const;
const listKind = z.string().regex(/^[a-z][a-zA-Z]{0,39}$/);
/** A view: the list's query (filters, sort, page size) and the columns shown, as the web app keeps them. */
const viewParams = z
  .record(z.string().max(60), z.unknown())
  .refine((p) => JSON.stringify(p).length <= 20_000, { params: { i18n: 'accounts.savedView.tooLarge' } });
export const savedViewSchema = z.object({
  id: z.uuid(),
  listKind: z.string(),
  name: z.string(),
  params: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;
export const savedViewListQuerySchema = listQuerySchema.extend({ listKind: listKind.optional() });
export const createSavedViewSchema = z.object({ listKind, name: requiredName(40), params: viewParams });
export const updateSavedViewSchema = z.object({
  name: requiredName(40).optional(),
  params: viewParams.optional(),
  version: versionSchema,
});

// Channel customers: see channel-parties.ts
