/** The KPI columns every dashboard export shares (Chinese headers), so a team sheet and a region sheet read alike. */
import type { KpiFigures } from '@keqing/domain';
import type { ExportColumn, ExportSheet } from '../accounts/export-file.ts';

/** A row of a KPI sheet: a rep, a team, an area or a region (or 合计) with its figures. */
export type KpiLine = KpiFigures & { name: string };

/** Figures by unit: `unit` names the first column (代表, 团队, 地区, 大区). */
export function kpiColumns<T extends KpiLine>(unit: string): ExportColumn<T>[] {
  return [
    { header: unit, width: 18, value: (r) => r.name },
    { header: '代表数', value: (r) => r.reps },
    { header: '工作日', value: (r) => r.workingDays },
    { header: '拜访数', value: (r) => r.calls },
    { header: '日均拜访', value: (r) => r.callsPerWorkingDay },
    { header: '≥最少目标拜访数', value: (r) => r.callsWithMinObjectives },
    { header: '多目标占比%', value: (r) => r.objectiveSharePct },
    { header: '1分钟内拜访', value: (r) => r.shortCalls },
    { header: '集中录入拜访', value: (r) => r.burstCalls },
    { header: '目标医生', value: (r) => r.targetDoctors },
    { header: '已覆盖医生', value: (r) => r.coveredDoctors },
    { header: '覆盖率%', value: (r) => r.coveragePct },
    { header: '应拜访次数', value: (r) => r.requiredCalls },
    { header: '达成拜访次数', value: (r) => r.doneCalls },
    { header: '频率达成%', value: (r) => r.frequencyPct },
    { header: '阶梯上升', value: (r) => r.ladderUp },
    { header: '阶梯下降', value: (r) => r.ladderDown },
    { header: '关系阶段上升', value: (r) => r.stageUp },
    { header: '关系阶段下降', value: (r) => r.stageDown },
    { header: '指标', value: (r) => r.quota },
    { header: '实际', value: (r) => r.actual },
    { header: '指标达成%', value: (r) => r.attainmentPct },
    { header: '协访', value: (r) => r.coVisits },
    { header: '逾期跟进', value: (r) => r.overdueFollowUps },
    { header: '渠道预警', value: (r) => r.channelWarnings },
  ];
}

type GradeLine = KpiFigures['byGrade'][number] & { name: string };

/** Coverage and frequency by doctor grade, one row per unit × grade. */
export function gradeSheet(
  name: string,
  unit: string,
  lines: KpiLine[],
): ExportSheet<GradeLine> & { rows: GradeLine[] } {
  return {
    name,
    columns: [
      { header: unit, width: 18, value: (r) => r.name },
      { header: '医生级别', value: (r) => r.grade },
      { header: '目标医生', value: (r) => r.targetDoctors },
      { header: '已覆盖医生', value: (r) => r.coveredDoctors },
      { header: '覆盖率%', value: (r) => r.coveragePct },
      { header: '应拜访次数', value: (r) => r.requiredCalls },
      { header: '达成拜访次数', value: (r) => r.doneCalls },
      { header: '频率达成%', value: (r) => r.frequencyPct },
      { header: '未达频率医生', value: (r) => r.belowFrequencyDoctors },
    ],
    rows: lines.flatMap((l) => l.byGrade.map((g) => ({ ...g, name: l.name }))),
  };
}
