/**
 * The pure half of an import: which file column is which field (by Chinese header), and what
 * each cell means. Nothing here reads the database; matching against existing records is in
 * import-plan.ts.
 */
import { looksLikeFormula, personalityTypeOrder, personalityTypes } from '@keqing/domain';
import {
  contactChannelLabels,
  contactChannels,
  doctorTitles,
  genders,
  hospitalLevels,
  hospitalTypes,
  importColumns,
  keyContactFunctions,
  type ClinicSlot,
  type ImportColumn,
  type ImportKind,
} from '@keqing/shared';

export type Params = Record<string, string | number>;
/** One problem of one cell (`key` is the field; '' for the whole row). */
export type Problem = { key: string; messageKey: string; params?: Params };
export type Values = Record<string, unknown>;

// ── Headers ─────────────────────────────────────────────────────────────────

/** Full-width forms, spaces (also the ideographic space) and required-markers (*, （必填）) do not matter in a header. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\(必填\)|\*/g, '');
}

/** Other names people give the columns. */
const headerAliases: Partial<Record<ImportKind, Record<string, string>>> = {
  hospitals: {
    编码: 'code',
    医院编码: 'code',
    名称: 'name',
    医院: 'name',
    医院等级: 'level',
    医院类型: 'type',
    省: 'province',
    市: 'city',
    区: 'district',
    床位: 'beds',
    门诊量: 'outpatientsPerDay',
  },
  departments: { 医院: 'hospitalName', 科室: 'name', 床位: 'beds' },
  doctors: {
    编码: 'code',
    医生编码: 'code',
    医生姓名: 'name',
    医院: 'hospitalName',
    科室名称: 'departmentName',
    联系电话: 'phone',
    手机: 'phone',
    门诊: 'clinicSchedule',
    性格: 'personalityType',
  },
  keyContacts: {
    医院: 'hospitalName',
    科室名称: 'departmentName',
    联系电话: 'phone',
    手机: 'phone',
    性格: 'personalityType',
  },
  products: { 名称: 'name', 产品: 'name' },
};

export type HeaderMap = {
  /** Per file column: the field it fills, or undefined when the header is unknown. */
  keys: (string | undefined)[];
  /** Required columns the file lacks. */
  missing: ImportColumn[];
};

export function mapHeaders(kind: ImportKind, headerCells: string[]): HeaderMap {
  const byHeader = new Map<string, string>();
  for (const c of importColumns[kind]) byHeader.set(normalizeHeader(c.header), c.key);
  for (const [alias, key] of Object.entries(headerAliases[kind] ?? {})) {
    if (!byHeader.has(alias)) byHeader.set(alias, key);
  }
  const seen = new Set<string>();
  const keys = headerCells.map((h) => {
    const key = byHeader.get(normalizeHeader(h));
    // a second column with the same field is ignored: the first one wins
    if (!key || seen.has(key)) return undefined;
    seen.add(key);
    return key;
  });
  const missing = importColumns[kind].filter((c) => c.required && !seen.has(c.key));
  return { keys, missing };
}

// ── Cells ───────────────────────────────────────────────────────────────────

type Rule =
  | { type: 'text'; max: number }
  | { type: 'int'; min: number; max: number }
  | { type: 'choice'; choices: Record<string, string>; shown: readonly string[] }
  | { type: 'bool' }
  | { type: 'phone' }
  | { type: 'schedule' }
  | { type: 'list'; maxItems: number; maxLength: number };

const text = (max: number): Rule => ({ type: 'text', max });
const int = (min: number, max: number): Rule => ({ type: 'int', min, max });
/** A list of labels stored as themselves, plus synonyms people write. */
function choice(values: readonly string[], synonyms: Record<string, string> = {}): Rule {
  return {
    type: 'choice',
    choices: { ...Object.fromEntries(values.map((v) => [v, v])), ...synonyms },
    shown: values,
  };
}

const personality: Rule = {
  type: 'choice',
  // 内向型 or 内向
  choices: Object.fromEntries(
    personalityTypeOrder.flatMap((t) => {
      const label = personalityTypes[t].label['zh-CN'];
      return [
        [label, t],
        [label.replace(/型$/, ''), t],
      ];
    }),
  ),
  shown: personalityTypeOrder.map((t) => personalityTypes[t].label['zh-CN']),
};
const channel: Rule = {
  type: 'choice',
  choices: Object.fromEntries(contactChannels.map((c) => [contactChannelLabels[c]['zh-CN'], c])),
  shown: contactChannels.map((c) => contactChannelLabels[c]['zh-CN']),
};
const levelSynonyms = {
  三甲: '三级甲等',
  三乙: '三级乙等',
  二甲: '二级甲等',
  二乙: '二级乙等',
  社区: '社区卫生服务中心',
};

const rules: Record<ImportKind, Record<string, Rule>> = {
  hospitals: {
    code: text(40),
    name: text(80),
    alias: text(80),
    level: choice(hospitalLevels, levelSynonyms),
    type: choice(hospitalTypes),
    province: text(30),
    city: text(30),
    district: text(30),
    address: text(200),
    beds: int(0, 100_000),
    outpatientsPerDay: int(0, 1_000_000),
    drugUseLevel: int(1, 5),
    competitorCount: int(0, 500),
    competitionStrength: int(1, 5),
    hasDominantCompetitor: { type: 'bool' },
    notes: text(2000),
  },
  departments: {
    hospitalCode: text(40),
    hospitalName: text(80),
    name: text(40),
    headcount: int(0, 10_000),
    structure: text(200),
    beds: int(0, 10_000),
    specialty: text(500),
  },
  doctors: {
    code: text(40),
    name: text(30),
    gender: choice(genders),
    hospitalCode: text(40),
    hospitalName: text(80),
    departmentName: text(40),
    title: choice(doctorTitles),
    position: text(30),
    phone: { type: 'phone' },
    bestVisitTime: text(100),
    clinicSchedule: { type: 'schedule' },
    preferredChannel: channel,
    personalityType: personality,
    notes: text(2000),
  },
  keyContacts: {
    name: text(30),
    hospitalCode: text(40),
    hospitalName: text(80),
    departmentName: text(40),
    function: choice(keyContactFunctions),
    position: text(30),
    phone: { type: 'phone' },
    personalityType: personality,
    notes: text(2000),
  },
  products: {
    name: text(40),
    genericName: text(80),
    specification: text(80),
    therapeuticArea: text(40),
    indications: { type: 'list', maxItems: 50, maxLength: 100 },
    targetDepartments: { type: 'list', maxItems: 50, maxLength: 40 },
    competitorProducts: { type: 'list', maxItems: 50, maxLength: 80 },
  },
};

const weekdays: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const slotPattern = /^(?:周|星期|礼拜)([一二三四五六日天1-7])(上午|下午|全天)$/;

/** 门诊时间 "周一上午,周三下午" → slots, sorted; undefined when a part is not understood. */
export function parseClinicSchedule(value: string): ClinicSlot[] | undefined {
  const slots = new Map<string, ClinicSlot>();
  for (const part of value.split(/[,，、;；\s]+/).filter(Boolean)) {
    const m = slotPattern.exec(part);
    if (!m) return undefined;
    const day = m[1]!;
    const weekday = weekdays[day] ?? Number(day);
    const halfDays =
      m[2] === '全天' ? (['am', 'pm'] as const) : m[2] === '上午' ? (['am'] as const) : (['pm'] as const);
    for (const halfDay of halfDays) slots.set(`${weekday}${halfDay}`, { weekday, halfDay });
  }
  return [...slots.values()].sort((a, b) => a.weekday - b.weekday || a.halfDay.localeCompare(b.halfDay));
}

const phonePatterns = [
  /^1[3-9]\d{9}$/, // mobile
  /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/, // landline with area code, optional extension
  /^\(0\d{2,3}\)\d{7,8}(-\d{1,6})?$/,
  /^\d{7,8}(-\d{1,6})?$/, // local landline
  /^[48]00-?\d{3}-?\d{4}$/, // 400/800 service numbers
];

/** A phone as stored (spaces dropped), or undefined when it is not a phone number. */
export function parsePhone(value: string): string | undefined {
  const compact = value.normalize('NFKC').replace(/\s+/g, '');
  return phonePatterns.some((p) => p.test(compact)) ? compact : undefined;
}

const truthy = new Set(['是', 'Y', 'y', 'TRUE', 'true', '有', '1']);
const falsy = new Set(['否', 'N', 'n', 'FALSE', 'false', '无', '0']);

function parseCell(rule: Rule, raw: string): { value: unknown } | { messageKey: string; params?: Params } {
  switch (rule.type) {
    case 'text':
      return [...raw].length > rule.max
        ? { messageKey: 'import.tooLong', params: { max: rule.max } }
        : { value: raw };
    case 'int': {
      const n = raw.normalize('NFKC').replace(/,/g, '');
      const value = /^\d+(\.0+)?$/.test(n) ? Number.parseInt(n, 10) : Number.NaN;
      return Number.isInteger(value) && value >= rule.min && value <= rule.max
        ? { value }
        : { messageKey: 'import.notInteger', params: { min: rule.min, max: rule.max } };
    }
    case 'choice': {
      const value = rule.choices[raw.normalize('NFKC').replace(/\s+/g, '')] ?? rule.choices[raw];
      return value !== undefined
        ? { value }
        : { messageKey: 'import.notInList', params: { value: raw, allowed: rule.shown.join('、') } };
    }
    case 'bool':
      if (truthy.has(raw)) return { value: true };
      if (falsy.has(raw)) return { value: false };
      return { messageKey: 'import.notInList', params: { value: raw, allowed: '是、否' } };
    case 'phone': {
      const value = [...raw].length <= 30 ? parsePhone(raw) : undefined;
      return value !== undefined ? { value } : { messageKey: 'import.badPhone' };
    }
    case 'schedule': {
      const value = parseClinicSchedule(raw);
      return value !== undefined && value.length <= 14 ? { value } : { messageKey: 'import.badSchedule' };
    }
    case 'list': {
      const items = [
        ...new Set(
          raw
            .split(/[、，,;；\n]+/)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      if (items.length > rule.maxItems)
        return { messageKey: 'import.tooLong', params: { max: rule.maxItems } };
      const tooLong = items.find((i) => [...i].length > rule.maxLength);
      return tooLong ? { messageKey: 'import.tooLong', params: { max: rule.maxLength } } : { value: items };
    }
  }
}

/** Fields that may stay empty when another one is given. */
const requiredUnless: Record<string, string> = { hospitalName: 'hospitalCode' };

/**
 * A row's cells (by field) → typed values and problems. Empty cells give null; a cell that looks
 * like a formula is refused before anything else is read from it.
 */
export function parseRow(
  kind: ImportKind,
  cells: Record<string, string>,
): { values: Values; problems: Problem[] } {
  const values: Values = {};
  const problems: Problem[] = [];
  for (const column of importColumns[kind]) {
    const raw = cells[column.key] ?? '';
    if (looksLikeFormula(raw) || looksLikeFormula(raw.trim())) {
      problems.push({ key: column.key, messageKey: 'import.formula' });
      values[column.key] = null;
      continue;
    }
    const cell = raw.trim();
    if (cell === '') {
      values[column.key] = null;
      const alternative = requiredUnless[column.key];
      if (column.required && !(alternative && cells[alternative]?.trim()))
        problems.push({ key: column.key, messageKey: 'import.required' });
      continue;
    }
    const parsed = parseCell(rules[kind][column.key]!, cell);
    if ('value' in parsed) values[column.key] = parsed.value;
    else {
      values[column.key] = null;
      problems.push({ key: column.key, messageKey: parsed.messageKey, params: parsed.params });
    }
  }
  return { values, problems };
}
