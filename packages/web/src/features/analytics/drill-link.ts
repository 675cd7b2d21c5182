/**
 * Drill-down 下钻 links: every dashboard figure opens /dashboards/drill with the filters that produced it, so the
 * list shows exactly the doctors, calls or follow-ups the figure counts. Pure, tested in drill-link.test.ts.
 */

export const drillMetrics = ['doctors', 'calls', 'follow-ups'] as const;
export type DrillMetric = (typeof drillMetrics)[number];
export const doctorStates = ['uncovered', 'covered', 'belowFrequency', 'all'] as const;
export type DoctorState = (typeof doctorStates)[number];
export const callKinds = ['all', 'short', 'burst', 'fewObjectives'] as const;
export type CallKind = (typeof callKinds)[number];

/** The dashboard filters a drill keeps (period, product, team/rep). */
export type DashboardFilters = {
  period?: string;
  date?: string;
  from?: string;
  to?: string;
  productId?: string;
  teamId?: string;
  repId?: string;
};

export type DrillTarget =
  | { metric: 'doctors'; state: DoctorState; grade?: string }
  | { metric: 'calls'; kind: CallKind }
  | { metric: 'follow-ups' };

const filterKeys = ['period', 'date', 'from', 'to', 'productId', 'teamId', 'repId'] as const;

/** The query of a drill list (without paging): what the API and the page title read. */
export function drillParams(filters: DashboardFilters, target: DrillTarget): Record<string, string> {
  const out: Record<string, string> = { metric: target.metric };
  if (target.metric === 'doctors') {
    out.state = target.state;
    if (target.grade) out.grade = target.grade;
  }
  if (target.metric === 'calls') out.kind = target.kind;
  for (const key of filterKeys) {
    const value = filters[key];
    if (value) out[key] = value;
  }
  // a rep is more precise than their team: the API takes one or the other
  if (out.repId) delete out.teamId;
  return out;
}

/** `/dashboards/drill?metric=…&…` */
export function drillHref(filters: DashboardFilters, target: DrillTarget): string {
  return `/dashboards/drill?${new URLSearchParams(drillParams(filters, target)).toString()}`;
}

/** Reads a drill page's URL back into the API query (unknown values fall back to the broadest list). */
export function drillQueryOf(search: URLSearchParams): {
  metric: DrillMetric;
  query: Record<string, string>;
} {
  const raw = search.get('metric') ?? '';
  const metric = (drillMetrics as readonly string[]).includes(raw) ? (raw as DrillMetric) : 'doctors';
  const query: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = search.get(key);
    if (value) query[key] = value;
  }
  if (query.repId) delete query.teamId;
  if (metric === 'doctors') {
    const state = search.get('state') ?? '';
    query.state = (doctorStates as readonly string[]).includes(state) ? state : 'all';
    const grade = search.get('grade');
    if (grade) query.grade = grade;
  }
  if (metric === 'calls') {
    const kind = search.get('kind') ?? '';
    query.kind = (callKinds as readonly string[]).includes(kind) ? kind : 'all';
  }
  return { metric, query };
}
