/**
 * `tsx src/db/seed/cli.ts [--scale N] [--seed N]` — migrates the configured
 * database (DATABASE_URL, else PGlite in KEQING_DATA_DIR) and fills it with
 * demo data if it is empty.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { describeDatabaseUrl, migrateDatabase, openDatabase } from '../client.ts';
import { DEFAULT_SEED, DEMO_PASSWORD, seedDemoData, type SeedCounts, type SeedSummary } from './demo-data.ts';

const countLabels: Record<keyof SeedCounts, string> = {
  regions: '大区 regions',
  areas: '地区 areas',
  teams: '团队 teams',
  users: '用户 users',
  products: '产品 products',
  hospitals: '医院 hospitals',
  departments: '科室 departments',
  doctors: '医生 doctors',
  channelCustomers: '渠道客户 channel customers',
  territories: '辖区 territories',
  territoryHospitals: '辖区医院 territory hospitals',
  territoryChannelCustomers: '辖区渠道客户 territory channel customers',
  territoryAssignments: '辖区分配 territory assignments',
  hospitalProductListings: '进药状态 product listings',
  segmentationConfigs: '定级标准 grading configs',
  doctorScores: '复式评分 score history',
  doctorProductStatus: '当前评分 current scores',
  doctorLadderHistory: '接纳度阶梯 ladder history',
  doctorStageHistory: '关系阶段 stage history',
  kolProfiles: 'KOL 档案 KOL profiles',
  keyAccountSnapshots: '重点客户月表 key-account lists',
  cyclePlans: '周期计划 cycle plans',
  plannedCalls: '计划拜访 planned calls',
  calls: '拜访记录 calls',
  followUps: '跟进任务 follow-ups',
  coVisits: '协访 co-visits',
  doctorProfiles: '个人信息(生日) doctor profiles',
  doctorCareTiers: '关怀等级 care tiers chosen',
  careDates: '重要日期 care dates',
  lifeEvents: '喜事/不幸 life events',
  carePlans: '关怀计划 care plans',
  carePlanItems: '计划明细 care plan items',
  carePlanApprovals: '计划审批 care plan approvals',
  careActions: '关怀行动 care actions',
  surveyTemplates: '调查模板 survey templates',
  surveyInvitations: '满意度调查 survey invitations',
  academicEvents: '学术会议 academic events',
  eventSpeakers: '讲者 event speakers',
  eventAttendees: '参会医生 event attendees',
  eventApprovals: '会议审批 event approvals',
  complaints: '客户抱怨 complaints',
  channelCustomerStatusHistory: '渠道状态记录 channel status history',
  channelLicences: '证照 licences',
  channelContacts: '渠道联系人 channel contacts',
  supplyContracts: '供货合同 supply contracts',
  supplyContractLines: '合同明细 contract lines',
  channelProducts: '渠道产品 channel products',
  channelTierPrices: '分级价格 tier prices',
  rebatePolicies: '返利政策 rebate policies',
  channelVisits: '渠道拜访 channel visits',
  channelOrders: '订单 orders',
  channelOrderLines: '订单明细 order lines',
  channelShipments: '送货/退货 shipments',
  channelStockReports: '库存 stock reports',
  channelPriceReports: '价格报告 price reports',
  flowColumnMappings: '流向列映射 flow column mappings',
  flowImports: '流向文件 flow imports',
  flowRows: '流向明细 flow rows',
  channelBills: '票据 bills',
  ledgerEntries: '业务帐 ledger entries',
  ledgerReconciliations: '对账 reconciliations',
  channelRiskEvents: '风险事件 risk events',
  channelIncidents: '冲货事件 incidents',
  channelPromises: '承诺 promises',
  channelPromotions: '渠道促销 promotions',
  channelPromotionPayouts: '促销兑付 promotion payouts',
  careFeeAccounts: '客情费科目 care-fee accounts',
  careFeeClaims: '客情费申报 care-fee claims',
  careFeeClaimLines: '申报明细 care-fee claim lines',
  careFeeSignatures: '客情费签字 care-fee signatures',
  careFeeSpecialApplications: '特殊费用申请 special-fee applications',
  careFeeSpotChecks: '抽查 spot checks',
  teamQuotas: '团队指标 team quotas',
  repQuotas: '个人指标 rep quotas',
  salesForecasts: '销售预测 sales forecasts',
  manualSales: '手工销量 manual sales',
  tasks: '任务 tasks',
  timeEntries: '时间记录 time entries',
  listingPipelines: '进药项目 listing pipelines',
  listingPipelineEvents: '进药阶段记录 pipeline stage moves',
  channelProspects: '开发中客户 channel prospects',
  competitorProducts: '竞品 competitor products',
  competitorUsages: '竞品使用判断 competitor usage',
  competitorActivities: '竞品活动 competitor activities',
  dailyReports: '日报 daily reports',
  dailyReportAmendments: '日报修改 report amendments',
  reportComments: '日报批注 report comments',
  notifications: '通知 notifications',
  notificationSettings: '通知设置 notification settings',
  notificationChannels: '通知渠道 notification channels',
  notificationDeliveries: '通知发送 deliveries',
  handovers: '交接 hand-overs',
  handoverItems: '交接记录 hand-over items',
};

function positiveNumber(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} 需为正数 / must be a positive number: ${raw}`);
  return n;
}

/** Terminal columns: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function formatSummary(summary: SeedSummary, password: string): string {
  if (!summary.seeded) {
    return '数据库已有用户，未写入演示数据。/ The database already has users; no demo data written.';
  }
  const width = Math.max(...Object.values(countLabels).map(displayWidth));
  const lines = [
    `演示数据已生成，用时 ${summary.elapsedMs} ms。/ Demo data seeded in ${summary.elapsedMs} ms.`,
    '',
    ...(Object.keys(countLabels) as (keyof SeedCounts)[]).map(
      (k) =>
        `  ${padDisplay(countLabels[k], width)}  ${summary.counts[k].toLocaleString('en-US').padStart(9)}`,
    ),
    '',
    `演示账号（密码 ${password}）/ Demo sign-ins (password ${password}):`,
    ...summary.signIns.map((s) => `  ${s.role.padEnd(10)} ${s.username}`),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  const scale = positiveNumber(values.scale, '--scale', 1);
  const seed = Math.floor(positiveNumber(values.seed, '--seed', DEFAULT_SEED));

  const config = loadConfig();
  const database = config.databaseUrl
    ? await openDatabase({ databaseUrl: config.databaseUrl })
    : await openDatabase({ dataDir: config.dataDir });
  const target = config.databaseUrl ? describeDatabaseUrl(config.databaseUrl) : `PGlite ${config.dataDir}`;
  try {
    console.log(`数据库 / database: ${target}`);
    await migrateDatabase(database);
    const summary = await seedDemoData(database.db, { scale, seed });
    console.log(formatSummary(summary, DEMO_PASSWORD));
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
