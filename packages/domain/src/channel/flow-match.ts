/**
 * Matching a buyer name from a flow file (医院, 药店, 诊所 as the distributor's clerk typed it) to our
 * hospitals and channel customers: normalise (noise words, full-width, abbreviations), then a bigram
 * Dice similarity blended with containment, with a penalty when the ordinals differ (第一 vs 第六).
 */
import { toHalfWidth } from './flow-parse.ts';

/** ≥ high → matched; ≥ low → uncertain (a person confirms among the candidates); below → unmatched (kept). */
export const flowMatchThresholds = { high: 0.85, low: 0.55 } as const;

const cn = '零一二三四五六七八九十';

/** Common abbreviations, applied in order (longest first) to the name without noise. */
const abbreviations: [RegExp, string][] = [
  // 昆明医科大学 → 昆医, 重庆医科大学 → 重医 (how everybody in the trade says it)
  [/([\u4e00-\u9fa5])[\u4e00-\u9fa5]医科大学/g, '$1医'],
  [/([\u4e00-\u9fa5])[\u4e00-\u9fa5]医学院(?=附属|第)/g, '$1医'],
  [/附属医院/g, '附院'],
  [/大学附属/g, '附属'],
  [/附属第([一二三四五六七八九十]+)医院/g, '第$1附院'],
  [/第([一二三四五六七八九十]+)附院/g, '第$1附院'],
  [/附([一二三四五六七八九十]+)院/g, '第$1附院'],
  [/([一二三四五六七八九十]+)附院/g, '第$1附院'],
  [/第第/g, '第'],
  [/人民医院/g, '人医'],
  [/中医医院/g, '中医院'],
  [/妇幼保健(计划生育服务)?(中心|医院|院)|妇女儿童医院|妇产儿童医院/g, '妇幼'],
  [/(?<![附第])([一二三四五六七八九十]+)院$/g, '第$1人医'],
  [/第([一二三四五六七八九十]+)人医/g, '第$1人医'],
  [/(?<!中)医院$/g, '院'],
];

/** Words that say nothing about which organisation it is. */
const noise =
  /(股份有限公司|有限责任公司|有限公司|股份|集团|公司|医药|连锁|自治区|自治州|地区|省|市|[()（）【】[\]《》"“”'‘’·,，.。、\-_/\\\s])/g;

/**
 * The name reduced to what identifies it: half-width, noise removed, abbreviations unified
 * (附属第一医院 / 附一院 / 一附院 → 第一附院, 人民医院 → 人医, 妇幼保健院 → 妇幼, 省一院 → 第一人医).
 */
export function normalizeOrgName(name: string): string {
  let s = toHalfWidth(name).toLowerCase().replace(noise, '');
  for (const [pattern, replacement] of abbreviations) s = s.replace(pattern, replacement);
  return s;
}

function bigrams(s: string): string[] {
  if (s.length < 2) return s ? [s] : [];
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

function overlap(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const g of a) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of b) {
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      common++;
      counts.set(g, c - 1);
    }
  }
  return common;
}

const ordinals = (s: string) => s.match(new RegExp(`第[${cn}\\d]+`, 'g')) ?? [];

/**
 * Similarity 0–1 of two normalised names: half Dice of bigrams, half containment (the shorter name's
 * bigrams found in the longer: 中山医院 inside 复旦附属中山医院), halved when both name an ordinal and they differ.
 */
export function orgNameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  const common = overlap(ga, gb);
  const dice = (2 * common) / (ga.length + gb.length);
  const containment = common / Math.min(ga.length, gb.length);
  let score = 0.5 * dice + 0.5 * containment;
  const oa = ordinals(a);
  const ob = ordinals(b);
  if (oa.length > 0 && ob.length > 0 && oa.join() !== ob.join()) score *= 0.5;
  return Math.round(score * 1000) / 1000;
}

export type OrgCandidate = {
  kind: 'hospital' | 'customer';
  id: string;
  name: string;
};
/** A candidate with its similarity; `normalized` is kept on the index to compare once. */
export type ScoredCandidate = OrgCandidate & { score: number };

export type BuyerMatch = {
  status: 'matched' | 'uncertain' | 'unmatched';
  best: ScoredCandidate | null;
  /** The best few, highest first (for the confirm screen) */
  candidates: ScoredCandidate[];
};

/** The organisations to match against, normalised once (a file has thousands of rows, a few hundred names). */
export type OrgIndex = { candidate: OrgCandidate; normalized: string }[];

export function buildOrgIndex(candidates: readonly OrgCandidate[]): OrgIndex {
  return candidates.map((candidate) => ({ candidate, normalized: normalizeOrgName(candidate.name) }));
}

/**
 * The match of a buyer name: exact normalised name → matched; else the best similarity against the
 * thresholds. A near tie between two candidates above `high` is uncertain, never a guess.
 */
export function matchBuyerName(
  buyerName: string,
  index: OrgIndex,
  thresholds: { high: number; low: number } = flowMatchThresholds,
  limit = 5,
): BuyerMatch {
  const normalized = normalizeOrgName(buyerName);
  const scored: ScoredCandidate[] = [];
  for (const entry of index) {
    const score = entry.normalized === normalized ? 1 : orgNameSimilarity(normalized, entry.normalized);
    if (score >= thresholds.low * 0.8) scored.push({ ...entry.candidate, score });
  }
  scored.sort((x, y) => y.score - x.score || x.name.localeCompare(y.name));
  const candidates = scored.slice(0, limit);
  const best = candidates[0] ?? null;
  if (!best || best.score < thresholds.low) return { status: 'unmatched', best: null, candidates };
  const second = candidates[1];
  const tie = second !== undefined && second.score >= thresholds.high && best.score - second.score < 0.05;
  if (best.score >= thresholds.high && !tie) return { status: 'matched', best, candidates };
  return { status: 'uncertain', best, candidates };
}
