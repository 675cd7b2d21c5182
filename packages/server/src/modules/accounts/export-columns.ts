/**
 * The columns of each account export, with the Chinese headers users see in Excel. A column that can be
 * imported carries the import template's header and format, so an exported file can be edited and
 * imported again (it then updates the same records); the other columns are for reading only.
 */
import {
  isPersonalityType,
  isRelationshipStage,
  personalityTypes,
  relationshipStageLabels,
} from '@keqing/domain';
import {
  contactChannelLabels,
  halfDayLabels,
  importColumns,
  weekdayLabels,
  type ClinicSlot,
  type ContactChannel,
  type Department,
  type Doctor,
  type DoctorProductStatus,
  type Hospital,
  type ImportKind,
  type KeyContact,
  type Product,
} from '@keqing/shared';
import type { ExportColumn } from './export-file.ts';
import type { PersonalColumns } from './doctors.repository.ts';

/** The import template's header of a field (fails at start-up if the template no longer has it). */
function importHeader(kind: ImportKind, key: string): string {
  const column = importColumns[kind].find((c) => c.key === key);
  if (!column) throw new Error(`import template ${kind} has no column ${key}`);
  return column.header;
}

const personalityLabel = (type: string | null) =>
  type && isPersonalityType(type) ? personalityTypes[type].label['zh-CN'] : null;
const channelLabel = (channel: string | null) =>
  channel ? (contactChannelLabels[channel as ContactChannel]?.['zh-CN'] ?? channel) : null;
const stageLabel = (stage: number | null) =>
  stage !== null && isRelationshipStage(stage) ? `${stage} ${relationshipStageLabels[stage]['zh-CN']}` : null;
/** 周一上午、周三下午 */
export const clinicScheduleText = (slots: ClinicSlot[]) =>
  [...slots]
    .sort((a, b) => a.weekday - b.weekday || a.halfDay.localeCompare(b.halfDay))
    .map((s) => `${weekdayLabels[s.weekday - 1]}${halfDayLabels[s.halfDay]}`)
    .join('、');
const list = (items: string[]) => items.join('、');

const h = (key: string) => importHeader('hospitals', key);
export const hospitalColumns: ExportColumn<Hospital>[] = [
  { header: h('code'), value: (r) => r.code },
  { header: h('name'), width: 30, value: (r) => r.name },
  { header: h('alias'), value: (r) => r.alias },
  { header: h('level'), value: (r) => r.level },
  { header: h('type'), value: (r) => r.type },
  { header: h('province'), value: (r) => r.province },
  { header: h('city'), value: (r) => r.city },
  { header: h('district'), value: (r) => r.district },
  { header: h('address'), width: 30, value: (r) => r.address },
  { header: h('beds'), value: (r) => r.beds },
  { header: h('outpatientsPerDay'), value: (r) => r.outpatientsPerDay },
  { header: h('drugUseLevel'), value: (r) => r.drugUseLevel },
  { header: h('competitorCount'), value: (r) => r.competitorCount },
  { header: h('competitionStrength'), value: (r) => r.competitionStrength },
  { header: h('hasDominantCompetitor'), value: (r) => r.hasDominantCompetitor },
  { header: h('notes'), width: 30, value: (r) => r.notes },
  { header: '医院定级', value: (r) => r.grade },
  { header: '定级得分', value: (r) => r.gradeScore },
];

const dp = (key: string) => importHeader('departments', key);
export const departmentColumns: ExportColumn<Department>[] = [
  { header: dp('hospitalCode'), value: (d) => d.hospitalCode },
  { header: dp('hospitalName'), width: 30, value: (d) => d.hospitalName },
  { header: dp('name'), value: (d) => d.name },
  { header: dp('headcount'), value: (d) => d.headcount },
  { header: dp('structure'), width: 24, value: (d) => d.structure },
  { header: dp('beds'), value: (d) => d.beds },
  { header: dp('specialty'), width: 24, value: (d) => d.specialty },
  { header: '医生数', value: (d) => d.doctorCount },
];

export type DoctorExportRow = Doctor & { notes: string | null; personal?: PersonalColumns };

const dr = (key: string) => importHeader('doctors', key);
export const doctorColumns: ExportColumn<DoctorExportRow>[] = [
  { header: dr('code'), value: (d) => d.code },
  { header: dr('name'), value: (d) => d.name },
  { header: dr('gender'), value: (d) => d.gender },
  { header: dr('hospitalCode'), value: (d) => d.hospitalCode },
  { header: dr('hospitalName'), width: 30, value: (d) => d.hospitalName },
  { header: dr('departmentName'), value: (d) => d.departmentName },
  { header: dr('title'), value: (d) => d.title },
  { header: dr('position'), value: (d) => d.position },
  { header: dr('phone'), value: (d) => d.phone },
  { header: dr('bestVisitTime'), width: 20, value: (d) => d.bestVisitTime },
  { header: dr('clinicSchedule'), width: 24, value: (d) => clinicScheduleText(d.clinicSchedule) },
  { header: dr('preferredChannel'), value: (d) => channelLabel(d.preferredChannel) },
  { header: dr('personalityType'), value: (d) => personalityLabel(d.personalityType) },
  { header: dr('notes'), width: 30, value: (d) => d.notes },
  { header: '城市', value: (d) => d.city },
  { header: '客户关系阶段', value: (d) => stageLabel(d.relationshipStage) },
];
/** With a product filter: the doctor's latest 复式评分 for it. */
export const doctorProductColumns = (productName: string): ExportColumn<DoctorExportRow>[] => {
  const s = (d: DoctorExportRow): DoctorProductStatus | null | undefined => d.productStatus;
  return [
    { header: '产品', value: () => productName },
    { header: '处方现状', value: (d) => s(d)?.prescriptionStatus },
    { header: '处方潜力', value: (d) => s(d)?.prescriptionPotential },
    { header: '医生级别', value: (d) => s(d)?.grade },
    { header: '拜访频率(次/周期)', value: (d) => s(d)?.visitsPerCycle },
    { header: '产品接纳度', value: (d) => s(d)?.adoptionStep },
    { header: '评估日期', value: (d) => s(d)?.assessedOn },
  ];
};

/** PIPL columns: only in an admin's explicit, audited export. */
export const doctorPersonalColumns: ExportColumn<DoctorExportRow>[] = [
  { header: '生日', value: (d) => d.personal?.birthday },
  { header: '农历生日', value: (d) => (d.personal?.birthday ? (d.personal.birthdayIsLunar ?? false) : null) },
  { header: '手机', value: (d) => d.personal?.mobile },
  { header: '微信', value: (d) => d.personal?.wechat },
  { header: '家庭', width: 24, value: (d) => d.personal?.family },
  { header: '爱好', width: 24, value: (d) => d.personal?.hobbies },
  { header: '喜好', width: 24, value: (d) => d.personal?.preferences },
  { header: '家庭大事', width: 24, value: (d) => d.personal?.familyEvents },
];

const kc = (key: string) => importHeader('keyContacts', key);
export const keyContactColumns: ExportColumn<KeyContact>[] = [
  { header: kc('name'), value: (k) => k.name },
  { header: kc('hospitalCode'), value: (k) => k.hospitalCode },
  { header: kc('hospitalName'), width: 30, value: (k) => k.hospitalName },
  { header: kc('departmentName'), value: (k) => k.departmentName },
  { header: kc('function'), value: (k) => k.function },
  { header: kc('position'), value: (k) => k.position },
  { header: kc('phone'), value: (k) => k.phone },
  { header: kc('personalityType'), value: (k) => personalityLabel(k.personalityType) },
  { header: kc('notes'), width: 30, value: (k) => k.notes },
];

const pr = (key: string) => importHeader('products', key);
export const productColumns: ExportColumn<Product>[] = [
  { header: pr('name'), value: (p) => p.name },
  { header: pr('genericName'), width: 20, value: (p) => p.genericName },
  { header: pr('specification'), value: (p) => p.specification },
  { header: pr('therapeuticArea'), value: (p) => p.therapeuticArea },
  { header: pr('indications'), width: 24, value: (p) => list(p.indications) },
  { header: pr('targetDepartments'), width: 24, value: (p) => list(p.targetDepartments) },
  { header: pr('competitorProducts'), width: 24, value: (p) => list(p.competitorProducts) },
  {
    header: '关键信息',
    width: 40,
    value: (p) =>
      p.keyMessages
        .map((m) =>
          [
            `特点：${m.feature}`,
            `利益：${m.benefit}`,
            m.objection ? `异议：${m.objection}` : '',
            m.answer ? `回应：${m.answer}` : '',
          ]
            .filter(Boolean)
            .join('；'),
        )
        .join('\n'),
  },
  { header: '状态', value: (p) => (p.active ? '在用' : '停用') },
];
