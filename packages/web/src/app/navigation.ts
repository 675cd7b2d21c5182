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
  | 'care-fees';
export type NavItem = { key: NavKey; path: string };

const home: NavItem = { key: 'home', path: '/' };
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
    plan,
    calls,
    frequency,
    coVisits,
    care,
    surveys,
    events,
    complaints,
    ...channel,
    ...accounts,
    imports,
  ],
  manager: [
    home,
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
    ...accounts,
    imports,
    { key: 'team', path: '/team' },
    { key: 'territories', path: '/territories' },
  ],
  admin: [
    home,
    calls,
    frequency,
    care,
    careCompliance,
    complaints,
    surveys,
    events,
    ...channel,
    ...accounts,
    imports,
    { key: 'segmentation', path: '/admin/segmentation' },
    planningSettings,
    { key: 'users', path: '/admin/users' },
    { key: 'teams', path: '/admin/teams' },
    { key: 'org', path: '/admin/org' },
    { key: 'territories', path: '/admin/territories' },
    { key: 'audit', path: '/audit' },
  ],
  compliance: [
    home,
    calls,
    coVisits,
    frequency,
    care,
    careCompliance,
    complaints,
    surveys,
    events,
    ...channelRead,
    ...accounts,
    planningSettings,
    { key: 'audit', path: '/audit' },
  ],
};

export function navItemsFor(role: Role): NavItem[] {
  return navByRole[role];
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
