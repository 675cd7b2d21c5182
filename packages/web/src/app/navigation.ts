import type { Role } from '@keqing/shared';

/** Menu keys; each renders as `data-testid="nav-<key>"` so browser tests can check the menu per role. */
export type NavKey =
  | 'home'
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
  | 'segmentation';
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

const navByRole: Record<Role, NavItem[]> = {
  rep: [home, ...accounts, imports],
  manager: [
    home,
    ...accounts,
    imports,
    { key: 'team', path: '/team' },
    { key: 'territories', path: '/territories' },
  ],
  admin: [
    home,
    ...accounts,
    imports,
    { key: 'segmentation', path: '/admin/segmentation' },
    { key: 'users', path: '/admin/users' },
    { key: 'teams', path: '/admin/teams' },
    { key: 'org', path: '/admin/org' },
    { key: 'territories', path: '/admin/territories' },
    { key: 'audit', path: '/audit' },
  ],
  compliance: [home, ...accounts, { key: 'audit', path: '/audit' }],
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
