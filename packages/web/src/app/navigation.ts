import type { Role } from '@keqing/shared';

/** Menu keys; each renders as `data-testid="nav-<key>"` so browser tests can check the menu per role. */
export type NavKey =
  | 'home'
  | 'calls'
  | 'co-visits'
  | 'frequency'
  | 'team'
  | 'territories'
  | 'users'
  | 'teams'
  | 'org'
  | 'audit'
  | 'hospitals'
  | 'doctors'
  | 'key-contacts'
  | 'products'
  | 'key-accounts'
  | 'imports'
  | 'segmentation'
  | 'plan'
  | 'planning-settings'
  | 'care'
  | 'care-compliance'
  | 'complaints'
  | 'surveys'
  | 'events'
  | 'channel-customers'
  | 'channel-products'
  | 'channel-flow'
  | 'channel-receivables'
  | 'channel-promotions'
  | 'channel-warnings'
  | 'care-fees'
  | 'dashboard-team'
  | 'dashboard-org'
  | 'targets'
  | 'tasks'
  | 'reports'
  | 'pipeline'
  | 'competitors'
  | 'prospects'
  | 'handovers'
  | 'notification-channels';

/** Menu headings, in the order they appear: the menu lists every entry under its heading (nothing folds away). */
export const navGroups = ['work', 'field', 'customers', 'care', 'channel', 'admin'] as const;
export type NavGroup = (typeof navGroups)[number];
export type NavItem = { key: NavKey; path: string };

const home: NavItem = { key: 'home', path: '/' };
/** 报表与指标: the team dashboard (managers; admins pick a team), the region roll-up, quotas and forecasts, tasks. */
const teamDashboard: NavItem = { key: 'dashboard-team', path: '/dashboards/team' };
const orgDashboard: NavItem = { key: 'dashboard-org', path: '/dashboards/org' };
const targets: NavItem = { key: 'targets', path: '/targets' };
const tasks: NavItem = { key: 'tasks', path: '/tasks' };
/** 协作: daily/weekly reports (reps write, managers read and comment), the 进药 pipeline, competitor intelligence, prospects. */
const reports: NavItem = { key: 'reports', path: '/reports' };
const pipeline: NavItem = { key: 'pipeline', path: '/pipeline' };
const competitors: NavItem = { key: 'competitors', path: '/competitors' };
const prospects: NavItem = { key: 'prospects', path: '/channel/prospects' };
/** 客户: every role sees the accounts of its scope (compliance read-only). */
const accounts: NavItem[] = [
  { key: 'hospitals', path: '/hospitals' },
  { key: 'doctors', path: '/doctors' },
  { key: 'key-contacts', path: '/key-contacts' },
  { key: 'products', path: '/products' },
  { key: 'key-accounts', path: '/key-accounts' },
];
const imports: NavItem = { key: 'imports', path: '/imports' };
/** 拜访: reps log calls; managers read the team's and coach (协访); admins and compliance read. */
const calls: NavItem = { key: 'calls', path: '/calls' };
const coVisits: NavItem = { key: 'co-visits', path: '/co-visits' };
const frequency: NavItem = { key: 'frequency', path: '/frequency' };
/** 计划: a rep's own plan; a manager picks a rep of the team (read-only). */
const plan: NavItem = { key: 'plan', path: '/plan' };
const planningSettings: NavItem = { key: 'planning-settings', path: '/admin/planning' };
/** 客户关怀: reps and managers plan and record care; compliance checks caps and totals (admin too). */
const care: NavItem = { key: 'care', path: '/care' };
const careCompliance: NavItem = { key: 'care-compliance', path: '/care/compliance' };
/** 客户投诉: reps register and resolve complaints; managers and admins follow them; compliance reads. */
const complaints: NavItem = { key: 'complaints', path: '/complaints' };
const surveys: NavItem = { key: 'surveys', path: '/care/surveys' };
const events: NavItem = { key: 'events', path: '/care/events' };
/** 渠道: distributors, pharmacies and clinics of the caller's scope; flow import for those who write. */
const channelRead: NavItem[] = [
  { key: 'channel-warnings', path: '/channel/warnings' },
  { key: 'channel-customers', path: '/channel/customers' },
  { key: 'channel-products', path: '/channel/products' },
  { key: 'channel-receivables', path: '/channel/receivables' },
  { key: 'channel-promotions', path: '/channel/promotions' },
  { key: 'care-fees', path: '/care-fees' },
];
const channel: NavItem[] = [...channelRead, { key: 'channel-flow', path: '/channel/flow' }];

const navByRole: Record<Role, NavItem[]> = {
  rep: [
    home,
    reports,
    targets,
    tasks,
    plan,
    calls,
    frequency,
    coVisits,
    care,
    surveys,
    events,
    complaints,
    ...channel,
    prospects,
    ...accounts,
    pipeline,
    competitors,
    imports,
  ],
  manager: [
    home,
    teamDashboard,
    reports,
    targets,
    tasks,
    plan,
    calls,
    coVisits,
    frequency,
    care,
    careCompliance,
    complaints,
    surveys,
    events,
    ...channel,
    prospects,
    ...accounts,
    pipeline,
    competitors,
    imports,
    { key: 'team', path: '/team' },
    { key: 'territories', path: '/territories' },
  ],
  admin: [
    home,
    orgDashboard,
    teamDashboard,
    targets,
    calls,
    frequency,
    care,
    careCompliance,
    complaints,
    surveys,
    events,
    ...channel,
    prospects,
    ...accounts,
    pipeline,
    competitors,
    imports,
    { key: 'segmentation', path: '/admin/segmentation' },
    planningSettings,
    { key: 'users', path: '/admin/users' },
    { key: 'teams', path: '/admin/teams' },
    { key: 'org', path: '/admin/org' },
    { key: 'territories', path: '/admin/territories' },
    { key: 'handovers', path: '/admin/handovers' },
    { key: 'notification-channels', path: '/admin/notifications' },
    { key: 'audit', path: '/audit' },
  ],
  compliance: [
    home,
    orgDashboard,
    teamDashboard,
    calls,
    coVisits,
    frequency,
    care,
    careCompliance,
    complaints,
    surveys,
    events,
    ...channelRead,
    prospects,
    ...accounts,
    pipeline,
    competitors,
    planningSettings,
    { key: 'audit', path: '/audit' },
  ],
};

export function navItemsFor(role: Role): NavItem[] {
  return navByRole[role];
}

const groupOfKey: Record<NavKey, NavGroup> = {
  home: 'work',
  'dashboard-team': 'work',
  'dashboard-org': 'work',
  targets: 'work',
  tasks: 'work',
  reports: 'work',
  pipeline: 'customers',
  competitors: 'customers',
  prospects: 'channel',
  handovers: 'admin',
  'notification-channels': 'admin',
  plan: 'field',
  calls: 'field',
  'co-visits': 'field',
  frequency: 'field',
  hospitals: 'customers',
  doctors: 'customers',
  'key-contacts': 'customers',
  products: 'customers',
  'key-accounts': 'customers',
  imports: 'customers',
  care: 'care',
  'care-compliance': 'care',
  complaints: 'care',
  surveys: 'care',
  events: 'care',
  'channel-customers': 'channel',
  'channel-products': 'channel',
  'channel-flow': 'channel',
  'channel-receivables': 'channel',
  'channel-promotions': 'channel',
  'channel-warnings': 'channel',
  'care-fees': 'channel',
  team: 'admin',
  territories: 'admin',
  users: 'admin',
  teams: 'admin',
  org: 'admin',
  audit: 'admin',
  segmentation: 'admin',
  'planning-settings': 'admin',
};

/** A role's menu under its headings, headings in `navGroups` order, entries in the role's order. */
export function navGroupsFor(role: Role): { group: NavGroup; items: NavItem[] }[] {
  const items = navItemsFor(role);
  return navGroups
    .map((group) => ({ group, items: items.filter((i) => groupOfKey[i.key] === group) }))
    .filter((g) => g.items.length > 0);
}

/** The menu entry a path belongs to: the longest matching prefix (`/admin/territories/42` → territories). */
export function selectedNavKey(items: NavItem[], pathname: string): NavKey | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    const matches =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}

/** Only admins change data; managers and compliance auditors see the same pages read-only. */
export function canWrite(role: Role): boolean {
  return role === 'admin';
}
