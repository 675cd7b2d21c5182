/**
 * Demo 进药 pipelines at every stage: for each rep a handful of target hospitals × products carried in the rep's
 * territories, with a year of stage events (a few skips with their reason), people from the hospital's doctors,
 * documents and next actions, and a few stalled ones (no activity for over 30 days). The final stage follows the
 * listing generated earlier (segmentation's rows): a listed product's pipeline ends at 进药 or beyond and reached
 * 进药 on the listing's date; an unlisted one is on its way or 未通过. rep01 has one pipeline at every stage.
 */
import { addDays, mainPath, type PipelineStage } from '@keqing/domain';
import type { listingPipelines, listingPipelineEvents } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type PipelineRows = {
  listingPipelines: (typeof listingPipelines.$inferInsert)[];
  listingPipelineEvents: (typeof listingPipelineEvents.$inferInsert)[];
};

export const emptyPipelineRows = (): PipelineRows => ({ listingPipelines: [], listingPipelineEvents: [] });

type BaseRows = Omit<DemoRows, keyof PipelineRows>;

const at = (isoDate: string, hour = 10) => `${isoDate}T${String(hour).padStart(2, '0')}:00:00+08:00`;

/** Days spent in each stage before the next one: [min, max] */
const stay: Partial<Record<PipelineStage, readonly [number, number]>> = {
  target: [15, 60],
  applied: [10, 40],
  pharmacyReview: [15, 45],
  committee: [20, 60],
  listed: [10, 40],
  firstPurchase: [60, 120],
};

const listedStageList: PipelineStage[] = ['listed', 'firstPurchase', 'stableUse'];

const documentsByStage: Partial<Record<PipelineStage, { name: string; kind: string }>> = {
  applied: { name: '新药申请表', kind: '申请表' },
  pharmacyReview: { name: '药学资料及说明书', kind: '药学资料' },
  committee: { name: '药事委员会汇报材料', kind: '产品资料' },
  listed: { name: '药事会会议纪要', kind: '会议纪要' },
  firstPurchase: { name: '首次采购订单', kind: '采购单' },
};

const nextActions: Record<PipelineStage, string[]> = {
  target: ['拜访科主任介绍产品，争取提出用药申请', '收集科室用药需求和竞品使用情况'],
  applied: ['跟进申请表签字，递交药剂科', '与药剂科主任沟通申请材料'],
  pharmacyReview: ['补充药物经济学资料', '约药剂科主任面谈，了解审核意见'],
  committee: ['准备药事会汇报材料', '拜访药事委员会委员，介绍产品优势'],
  listed: ['跟进首批采购计划', '与药剂科确认备货量'],
  rejected: ['了解未通过原因，准备下次申请', '与科主任讨论重新申请的时机'],
  firstPurchase: ['跟进医生处方反馈', '安排科室会推动稳定使用'],
  stableUse: ['维护处方医生，关注用量变化'],
};
const pharmacyDirectors = ['周主任（药剂科）', '吴主任（药剂科）', '郑主任（药剂科）', '冯主任（药剂科）'];
const committeeMembers = ['陈委员', '褚委员', '卫委员', '蒋委员', '沈委员'];
const skipReasons = ['科主任直接提交药事委员会，药剂科会上审核', '医院临时采购后补录流程'];

export function generatePipelineData(rows: BaseRows, rng: Random, options: { today: string }): PipelineRows {
  const out = emptyPipelineRows();
  const { today } = options;

  const current = rows.territoryAssignments.filter(
    (a) => a.startDate <= today && (!a.endDate || a.endDate >= today),
  );
  const territoryById = new Map(rows.territories.map((t) => [t.id as string, t]));
  const hospitalsOf = new Map<string, string[]>();
  for (const th of rows.territoryHospitals)
    hospitalsOf.set(th.territoryId, [...(hospitalsOf.get(th.territoryId) ?? []), th.hospitalId]);
  const doctorsAt = new Map<string, { id: string; title: string | null | undefined }[]>();
  for (const d of rows.doctors)
    doctorsAt.set(d.hospitalId, [
      ...(doctorsAt.get(d.hospitalId) ?? []),
      { id: d.id as string, title: d.title },
    ]);
  const listingOf = new Map(rows.hospitalProductListings.map((l) => [`${l.hospitalId}:${l.productId}`, l]));
  const taken = new Set<string>();

  const reps = rows.users
    .filter((u) => u.role === 'rep' && u.active !== false)
    .sort((a, b) => a.username.localeCompare(b.username));

  for (const [repIndex, rep] of reps.entries()) {
    const repId = rep.id as string;
    const pairs: [string, string][] = [];
    for (const a of current.filter((x) => x.userId === repId)) {
      const territory = territoryById.get(a.territoryId);
      for (const hospitalId of hospitalsOf.get(a.territoryId) ?? [])
        for (const productId of territory?.productIds ?? []) pairs.push([hospitalId, productId]);
    }
    const free = rng.shuffle(pairs).filter(([h, p]) => !taken.has(`${h}:${p}`));
    const wanted = repIndex === 0 ? 8 : rng.int(4, 7);
    // listings of the past year first: their pipelines' history fits the demo's year
    const recent = addDays(today, -365);
    const listedPairs = free
      .filter(([h, p]) => listingOf.get(`${h}:${p}`)?.listed)
      .sort(
        (a, b) =>
          Number((listingOf.get(a.join(':'))?.listedAt ?? '') < recent) -
          Number((listingOf.get(b.join(':'))?.listedAt ?? '') < recent),
      );
    const openPairs = free.filter(([h, p]) => !listingOf.get(`${h}:${p}`)?.listed);

    for (let k = 0; k < wanted; k++) {
      // rep01 shows every stage; the others a mix, about a third already listed
      const stageWanted: PipelineStage =
        repIndex === 0
          ? (
              [
                'target',
                'applied',
                'pharmacyReview',
                'committee',
                'listed',
                'rejected',
                'firstPurchase',
                'stableUse',
              ] as const
            )[k]!
          : rng.weighted<PipelineStage>([
              ['target', 1],
              ['applied', 1.2],
              ['pharmacyReview', 1],
              ['committee', 1],
              ['rejected', 0.5],
              ['listed', 0.7],
              ['firstPurchase', 0.6],
              ['stableUse', 0.6],
            ]);
      const wantsListed = listedStageList.includes(stageWanted);
      const pool = wantsListed ? listedPairs : openPairs;
      const pair = pool.shift();
      if (!pair) continue;
      const [hospitalId, productId] = pair;
      taken.add(`${hospitalId}:${productId}`);
      const listing = listingOf.get(`${hospitalId}:${productId}`);
      addPipeline(hospitalId, productId, repId, stageWanted, listing, repIndex === 0 && k < 2);
    }
  }

  function addPipeline(
    hospitalId: string,
    productId: string,
    ownerId: string,
    finalStage: PipelineStage,
    listing: BaseRows['hospitalProductListings'][number] | undefined,
    forceStalled: boolean,
  ) {
    const id = rng.uuid();
    const skipReview = rng.chance(0.1) && finalStage !== 'pharmacyReview';
    const path: PipelineStage[] =
      finalStage === 'rejected'
        ? ['target', 'applied', 'pharmacyReview', 'committee', 'rejected']
        : mainPath.slice(0, mainPath.indexOf(finalStage as (typeof mainPath)[number]) + 1);
    const stages = skipReview ? path.filter((s) => s !== 'pharmacyReview') : path;

    // dates: a listed product reached 进药 on its listing date; the rest end at a recent (or, stalled, older) date
    const dates = new Map<PipelineStage, string>();
    const stalled =
      forceStalled ||
      (!listedStageList.includes(finalStage) && finalStage !== 'rejected' && rng.chance(0.15));
    let anchorStage: PipelineStage;
    let anchorDate: string;
    if (listedStageList.includes(finalStage)) {
      anchorStage = 'listed';
      anchorDate = listing?.listedAt ?? addDays(today, -rng.int(60, 300));
    } else {
      anchorStage = finalStage;
      anchorDate = addDays(today, stalled ? -rng.int(35, 90) : -rng.int(2, 28));
    }
    const anchorIndex = stages.indexOf(anchorStage);
    dates.set(anchorStage, anchorDate);
    for (let i = anchorIndex - 1; i >= 0; i--) {
      const [min, max] = stay[stages[i]!] ?? [10, 30];
      dates.set(stages[i]!, addDays(dates.get(stages[i + 1]!)!, -rng.int(min, max)));
    }
    let last = anchorIndex;
    for (let i = anchorIndex + 1; i < stages.length; i++) {
      const [min, max] = stay[stages[i - 1]!] ?? [10, 30];
      const date = addDays(dates.get(stages[i - 1]!)!, rng.int(min, max));
      if (date > addDays(today, -1)) break;
      dates.set(stages[i]!, date);
      last = i;
    }
    const reached = stages.slice(0, last + 1);
    const stage = reached[reached.length - 1]!;
    const stageDate = dates.get(stage)!;

    // keep the listing generated earlier in step: 进药 on the listing day (update the row in place, or add one)
    if (listedStageList.includes(stage)) {
      const listedAt = dates.get('listed')!;
      if (listing) {
        listing.listed = true;
        listing.listedAt = listedAt;
      } else {
        rows.hospitalProductListings.push({
          hospitalId,
          productId,
          listed: true,
          listedAt,
          updatedAt: at(listedAt),
          updatedBy: ownerId,
        });
      }
    }

    reached.forEach((to, i) => {
      const from = i === 0 ? null : reached[i - 1]!;
      out.listingPipelineEvents.push({
        id: rng.uuid(),
        pipelineId: id,
        fromStage: from,
        toStage: to,
        date: dates.get(to)!,
        reason: from === 'applied' && to === 'committee' ? rng.pick(skipReasons) : null,
        via: rng.chance(0.3) ? 'board' : 'form',
        actorId: ownerId,
        createdAt: at(dates.get(to)!, rng.int(9, 18)),
      });
    });

    const doctors = rng.shuffle(doctorsAt.get(hospitalId) ?? []);
    const head = doctors.find((d) => d.title === '主任医师') ?? doctors[0];
    const applicant = doctors.find((d) => d !== head);
    const people: Record<string, string>[] = [];
    if (applicant) people.push({ role: 'applicant', doctorId: applicant.id });
    if (head) people.push({ role: 'departmentHead', doctorId: head.id });
    if (reached.includes('pharmacyReview') || reached.includes('committee'))
      people.push({ role: 'pharmacyDirector', name: rng.pick(pharmacyDirectors) });
    if (reached.includes('committee'))
      people.push({ role: 'committeeMember', name: rng.pick(committeeMembers), note: '药事委员会委员' });
    const documents = reached.flatMap((s) => {
      const doc = documentsByStage[s];
      return doc ? [{ ...doc, date: dates.get(s)! }] : [];
    });

    const lastActivity = stalled
      ? stageDate
      : stage === 'stableUse'
        ? stageDate
        : addDays(today, -rng.int(0, Math.min(20, Math.max(0, -daysFromToday(stageDate)))));
    const open = stage !== 'stableUse';
    out.listingPipelines.push({
      id,
      hospitalId,
      productId,
      ownerId,
      stage,
      stageDate,
      people,
      documents,
      nextAction: open ? rng.pick(nextActions[stage]) : null,
      nextActionDue: open ? addDays(today, stalled ? -rng.int(5, 30) : rng.int(3, 21)) : null,
      notes: null,
      lastActivityAt: at(lastActivity, rng.int(9, 18)),
      closed: false,
      version: reached.length,
      createdAt: at(dates.get('target')!),
      updatedAt: at(lastActivity),
    });
  }

  function daysFromToday(date: string) {
    return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  }

  return out;
}
