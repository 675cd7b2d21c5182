import { z } from 'zod';
import { personalityTypeOrder, personalityTypes } from '@keqing/domain';
import {
  contactChannelLabels,
  contactChannels,
  doctorTitles,
  genders,
  hospitalLevels,
  hospitalTypes,
  keyContactFunctions,
} from './accounts.ts';
import { listQuerySchema } from './common.ts';

// ── Excel import 批量导入 ────────────────────────────────────────────────────

/** What a file can import; hospitals and products are the admin's, the rest a rep's within scope. */
export const importKinds = ['hospitals', 'departments', 'doctors', 'keyContacts', 'products'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindSchema = z.enum(importKinds);
export const importKindLabels: Record<ImportKind, { 'zh-CN': string; en: string }> = {
  hospitals: { 'zh-CN': '医院', en: 'Hospitals' },
  departments: { 'zh-CN': '科室', en: 'Departments' },
  doctors: { 'zh-CN': '医生', en: 'Doctors' },
  keyContacts: { 'zh-CN': '关键联系人', en: 'Key contacts' },
  products: { 'zh-CN': '产品', en: 'Products' },
};
/** Kinds only an admin may import (organisation-wide master data). */
export const adminOnlyImportKinds: readonly ImportKind[] = ['hospitals', 'products'];

/** One column of an import template: the Chinese header in the file, and what the cell may hold. */
export type ImportColumn = {
  /** The field it fills (the record's property name). */
  key: string;
  /** 表头 as it appears in the template (matched ignoring spaces and full-width forms). */
  header: string;
  required: boolean;
  /** The only values accepted, when the column is a list. */
  allowed?: readonly string[];
  /** A short hint for the template's 说明 sheet. */
  hint?: string;
  /** An example value, written in the template's first data row. */
  example: string;
};

/** 性格类型 as written in a file: the label (内向型) or its short form (内向). */
export const personalityImportLabels: readonly string[] = personalityTypeOrder.map(
  (t) => personalityTypes[t].label['zh-CN'],
);
const channelImportLabels = contactChannels.map((c) => contactChannelLabels[c]['zh-CN']);
const yesNo = ['是', '否'] as const;
const listHint = '多个值用“、”或“，”分隔';

export const importColumns: Record<ImportKind, readonly ImportColumn[]> = {
  hospitals: [
    { key: 'code', header: '外部编码', required: false, hint: '填写后按编码匹配已有医院', example: 'H0001' },
    {
      key: 'name',
      header: '医院名称',
      required: true,
      hint: '无编码时按“名称 + 城市”匹配',
      example: '上海市第一人民医院',
    },
    { key: 'alias', header: '别名', required: false, example: '市一医院' },
    { key: 'level', header: '等级', required: true, allowed: hospitalLevels, example: '三级甲等' },
    { key: 'type', header: '类型', required: true, allowed: hospitalTypes, example: '综合' },
    { key: 'province', header: '省份', required: true, example: '上海' },
    { key: 'city', header: '城市', required: true, example: '上海' },
    { key: 'district', header: '区县', required: false, example: '虹口区' },
    { key: 'address', header: '地址', required: false, example: '海宁路100号' },
    { key: 'beds', header: '床位数', required: false, hint: '整数', example: '2000' },
    { key: 'outpatientsPerDay', header: '日门诊量', required: false, hint: '整数', example: '8000' },
    { key: 'drugUseLevel', header: '用药水平', required: false, hint: '1–5 的整数', example: '4' },
    { key: 'competitorCount', header: '竞争对手数量', required: false, hint: '整数', example: '3' },
    { key: 'competitionStrength', header: '竞争强度', required: false, hint: '1–5 的整数', example: '3' },
    {
      key: 'hasDominantCompetitor',
      header: '竞争对手占绝对优势',
      required: false,
      allowed: yesNo,
      example: '否',
    },
    { key: 'notes', header: '备注', required: false, example: '' },
  ],
  departments: [
    { key: 'hospitalCode', header: '医院编码', required: false, hint: '医院重名时必填', example: 'H0001' },
    {
      key: 'hospitalName',
      header: '医院名称',
      required: true,
      hint: '须是已有医院',
      example: '上海市第一人民医院',
    },
    { key: 'name', header: '科室名称', required: true, hint: '按“医院 + 科室名称”匹配', example: '心内科' },
    { key: 'headcount', header: '人数', required: false, hint: '整数', example: '30' },
    { key: 'structure', header: '人员结构', required: false, example: '主任2 副主任3 主治5' },
    { key: 'beds', header: '床位数', required: false, hint: '整数', example: '60' },
    { key: 'specialty', header: '专科设置', required: false, example: '冠心病、心衰' },
  ],
  doctors: [
    { key: 'code', header: '外部编码', required: false, hint: '填写后按编码匹配已有医生', example: 'D0001' },
    {
      key: 'name',
      header: '姓名',
      required: true,
      hint: '无编码时按“姓名 + 医院 + 科室”匹配',
      example: '张三',
    },
    { key: 'gender', header: '性别', required: false, allowed: genders, example: '男' },
    { key: 'hospitalCode', header: '医院编码', required: false, hint: '医院重名时必填', example: 'H0001' },
    {
      key: 'hospitalName',
      header: '医院名称',
      required: true,
      hint: '须是您负责范围内的已有医院（填写医院编码时可留空）',
      example: '上海市第一人民医院',
    },
    {
      key: 'departmentName',
      header: '科室',
      required: false,
      hint: '科室不存在时自动创建',
      example: '心内科',
    },
    { key: 'title', header: '职称', required: false, allowed: doctorTitles, example: '主任医师' },
    { key: 'position', header: '职务', required: false, example: '科主任' },
    {
      key: 'phone',
      header: '电话',
      required: false,
      hint: '手机号或座机（如 021-63240090）',
      example: '13812345678',
    },
    { key: 'bestVisitTime', header: '最佳拜访时间', required: false, example: '周二下午门诊后' },
    {
      key: 'clinicSchedule',
      header: '门诊时间',
      required: false,
      hint: '星期 + 上午/下午，逗号分隔，如“周一上午,周三下午”',
      example: '周一上午,周三下午',
    },
    {
      key: 'preferredChannel',
      header: '偏好联系方式',
      required: false,
      allowed: channelImportLabels,
      example: '面访',
    },
    {
      key: 'personalityType',
      header: '性格类型',
      required: false,
      allowed: personalityImportLabels,
      example: '随和型',
    },
    { key: 'notes', header: '备注', required: false, example: '' },
  ],
  keyContacts: [
    { key: 'name', header: '姓名', required: true, hint: '按“姓名 + 医院”匹配', example: '李四' },
    { key: 'hospitalCode', header: '医院编码', required: false, hint: '医院重名时必填', example: 'H0001' },
    {
      key: 'hospitalName',
      header: '医院名称',
      required: true,
      hint: '须是您负责范围内的已有医院（填写医院编码时可留空）',
      example: '上海市第一人民医院',
    },
    {
      key: 'departmentName',
      header: '科室',
      required: false,
      hint: '科室不存在时自动创建',
      example: '药剂科',
    },
    { key: 'function', header: '职能', required: true, allowed: keyContactFunctions, example: '药剂科' },
    { key: 'position', header: '职务', required: false, example: '药剂科主任' },
    { key: 'phone', header: '电话', required: false, hint: '手机号或座机', example: '021-63240090' },
    {
      key: 'personalityType',
      header: '性格类型',
      required: false,
      allowed: personalityImportLabels,
      example: '怀疑型',
    },
    { key: 'notes', header: '备注', required: false, example: '' },
  ],
  products: [
    { key: 'name', header: '产品名称', required: true, hint: '按名称匹配已有产品', example: '瑞心' },
    { key: 'genericName', header: '通用名', required: true, example: '瑞舒伐他汀钙片' },
    { key: 'specification', header: '规格', required: false, example: '10mg×7片' },
    { key: 'therapeuticArea', header: '治疗领域', required: true, example: '心血管' },
    {
      key: 'indications',
      header: '适应症',
      required: false,
      hint: listHint,
      example: '高胆固醇血症、混合型血脂异常',
    },
    {
      key: 'targetDepartments',
      header: '目标科室',
      required: false,
      hint: listHint,
      example: '心内科、内分泌科',
    },
    { key: 'competitorProducts', header: '竞争产品', required: false, hint: listHint, example: '立普妥' },
  ],
};

export const importKindParamsSchema = z.object({ kind: importKindSchema });
export const importBatchParamsSchema = z.object({ batchId: z.uuid() });
/** `POST /api/imports/:kind?fileName=医生.xlsx` — the body is the file itself (xlsx or csv). */
export const importUploadQuerySchema = z.object({ fileName: z.string().trim().min(1).max(200).optional() });
/** Content types the upload accepts as the raw body. */
export const importContentTypes = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  // what Windows browsers send for a .csv
  'application/vnd.ms-excel',
  'application/octet-stream',
] as const;
/** Largest upload accepted (bytes). */
export const importMaxFileBytes = 20 * 1024 * 1024;

export const importStatuses = ['preview', 'committed', 'cancelled'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** One problem in one cell (or row, when `column` is empty), in the request's language. */
export const importRowErrorSchema = z.object({
  /** The spreadsheet row number (the header is row 1). */
  row: z.number().int(),
  /** The Chinese header of the column, '' for a problem of the whole row. */
  column: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importCountsSchema = z.object({
  /** Data rows in the file (blank rows are skipped). */
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Valid rows that will create a record … */
  toCreate: z.number().int(),
  /** … and those that will update one (matched by code or name). */
  toUpdate: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** What a commit did. Rows that turned invalid since the preview (a hospital merged …) are skipped. */
export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  /** Departments created on the way (doctors and key contacts name their 科室). */
  departmentsCreated: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importRowActions = ['create', 'update', 'invalid'] as const;
/** A row as the preview table shows it: its cells by Chinese header. */
export const importPreviewRowSchema = z.object({
  row: z.number().int(),
  action: z.enum(importRowActions),
  values: z.record(z.string(), z.string()),
});
export type ImportPreviewRow = z.infer<typeof importPreviewRowSchema>;
/** How many rows the preview carries (all errors are always listed). */
export const importPreviewRowLimit = 100;

export const importBatchSchema = z.object({
  id: z.uuid(),
  kind: importKindSchema,
  fileName: z.string(),
  status: z.enum(importStatuses),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The template's headers in order, for the preview table. */
  columns: z.array(z.string()),
  /** Headers of the file that match no column: their cells were not read. */
  ignoredColumns: z.array(z.string()),
  counts: importCountsSchema,
  /** Every problem of every row, ordered by row. */
  errors: z.array(importRowErrorSchema),
  /** The first rows (at most importPreviewRowLimit). */
  rows: z.array(importPreviewRowSchema),
  /** Present once committed. */
  result: importResultSchema.nullable(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

// ── Duplicates 查重合并 ───────────────────────────────────────────────────────

export const duplicateReasons = ['sameNameHospitalDepartment', 'samePhone', 'sameNameInCity'] as const;
export type DuplicateReason = (typeof duplicateReasons)[number];
export const duplicateReasonLabels: Record<DuplicateReason, { 'zh-CN': string; en: string }> = {
  sameNameHospitalDepartment: { 'zh-CN': '同名、同医院、同科室', en: 'Same name, hospital and department' },
  samePhone: { 'zh-CN': '电话相同', en: 'Same phone' },
  sameNameInCity: { 'zh-CN': '同城市名称或别名相同', en: 'Same name or alias in one city' },
};

export const duplicateDoctorSchema = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  name: z.string(),
  gender: z.string().nullable(),
  hospitalId: z.uuid(),
  hospitalName: z.string(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  title: z.string().nullable(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  /** 复式评分 records, to help choose the record to keep */
  scoreCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DuplicateDoctor = z.infer<typeof duplicateDoctorSchema>;

/** Doctors that are likely one person. `id` is the suggested record to keep (the oldest). */
export const duplicateDoctorGroupSchema = z.object({
  id: z.uuid(),
  reasons: z.array(z.enum(duplicateReasons)),
  doctors: z.array(duplicateDoctorSchema),
});
export type DuplicateDoctorGroup = z.infer<typeof duplicateDoctorGroupSchema>;

export const duplicateHospitalSchema = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  name: z.string(),
  alias: z.string().nullable(),
  level: z.string(),
  type: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  address: z.string().nullable(),
  doctorCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DuplicateHospital = z.infer<typeof duplicateHospitalSchema>;

/** Hospitals of one city sharing a name or alias. `id` is the suggested record to keep (the oldest). */
export const duplicateHospitalGroupSchema = z.object({
  id: z.uuid(),
  reasons: z.array(z.enum(duplicateReasons)),
  city: z.string(),
  hospitals: z.array(duplicateHospitalSchema),
});
export type DuplicateHospitalGroup = z.infer<typeof duplicateHospitalGroupSchema>;

/** `q` finds groups with a member whose name contains it. */
export const doctorDuplicatesQuerySchema = listQuerySchema.extend({ hospitalId: z.uuid().optional() });
export const hospitalDuplicatesQuerySchema = listQuerySchema.extend({
  city: z.string().trim().max(30).optional(),
});

/** Keeps `keepId`; the records in `mergeIds` are folded into it and hidden (never deleted). */
export const mergeBodySchema = z
  .object({
    keepId: z.uuid(),
    mergeIds: z.array(z.uuid()).min(1).max(20),
  })
  .refine((b) => !b.mergeIds.includes(b.keepId) && new Set(b.mergeIds).size === b.mergeIds.length, {
    path: ['mergeIds'],
    params: { i18n: 'duplicates.mergeIdsInvalid' },
  });
export type MergeBody = z.infer<typeof mergeBodySchema>;

export const mergeResultSchema = z.object({
  keptId: z.uuid(),
  mergedIds: z.array(z.uuid()),
  /** Related rows moved to the kept record, by table (doctorScores, departments, doctors …). */
  moved: z.record(z.string(), z.number().int()),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;
