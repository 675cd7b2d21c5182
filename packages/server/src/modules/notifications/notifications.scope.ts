import { eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, everyone, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

type Records = Record<Role, { in: string; out?: string }>;

/** Everyone sees only their own notifications; another user's answers 404 (or is absent from the list). */
const own = (w: World): Records => ({
  rep: { in: w.notifications.of1a, out: w.notifications.of2a },
  manager: { in: w.notifications.ofM1, out: w.notifications.of2a },
  admin: { in: w.notifications.ofAdmin, out: w.notifications.of2a },
  compliance: { in: w.notifications.ofCompliance, out: w.notifications.of2a },
});
const ownOnly: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'scoped',
  compliance: 'scoped',
};
const adminAndCompliance: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'forbidden',
  admin: 'all',
  compliance: 'all',
};

export const notificationsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/notifications',
    kind: 'list',
    request: () => ({ method: 'GET', url: '/api/notifications?pageSize=200' }),
    records: own,
    access: ownOnly,
  },
  {
    route: 'GET /api/notifications/unread-count',
    kind: 'item',
    request: () => ({ method: 'GET', url: '/api/notifications/unread-count' }),
    records: (w) => sameFor(w.notifications.of1a),
    access: everyone,
  },
  {
    route: 'POST /api/notifications/:id/read',
    kind: 'write',
    request: (_w, id) => ({ method: 'POST', url: `/api/notifications/${id}/read` }),
    records: own,
    access: ownOnly,
  },
  {
    route: 'POST /api/notifications/read-all',
    kind: 'write',
    request: () => ({ method: 'POST', url: '/api/notifications/read-all' }),
    records: (w) => sameFor(w.notifications.of1a),
    access: everyone,
  },
  {
    route: 'GET /api/notification-settings',
    kind: 'item',
    request: () => ({ method: 'GET', url: '/api/notification-settings' }),
    records: (w) => sameFor(w.notifications.of1a),
    access: everyone,
  },
  {
    route: 'PUT /api/notification-settings',
    kind: 'write',
    request: () => ({
      method: 'PUT',
      url: '/api/notification-settings',
      payload: {
        disabledKinds: [],
        emailKinds: ['followUpDue'],
        quietStart: null,
        quietEnd: null,
        frequencyReminderDays: 3,
      },
    }),
    records: (w) => sameFor(w.notifications.of1a),
    access: everyone,
  },
  {
    route: 'GET /api/notification-channels',
    kind: 'list',
    request: () => ({ method: 'GET', url: '/api/notification-channels' }),
    records: (w) => sameFor(w.notifications.channel),
    access: adminOnly,
  },
  {
    route: 'POST /api/notification-channels',
    kind: 'write',
    request: () => ({
      method: 'POST',
      url: '/api/notification-channels',
      payload: {
        kind: 'dingtalk',
        name: uniqueName('钉钉'),
        config: { url: 'https://oapi.dingtalk.com/robot/send?access_token=x' },
        kinds: ['careDate'],
      },
    }),
    records: (w) => sameFor(w.notifications.channel),
    access: adminOnly,
    okStatus: 201,
  },
  {
    route: 'PATCH /api/notification-channels/:id',
    kind: 'write',
    request: async (_w, id, db) => {
      const [row] = await db
        .select({ version: s.notificationChannels.version })
        .from(s.notificationChannels)
        .where(eq(s.notificationChannels.id, id));
      return {
        method: 'PATCH',
        url: `/api/notification-channels/${id}`,
        payload: { active: true, version: row?.version ?? 1 },
      };
    },
    records: (w) => sameFor(w.notifications.channel),
    access: adminOnly,
  },
  {
    route: 'POST /api/notification-channels/:id/test',
    kind: 'write',
    request: (_w, id) => ({ method: 'POST', url: `/api/notification-channels/${id}/test` }),
    records: (w) => sameFor(w.notifications.channel),
    access: adminOnly,
  },
  {
    route: 'GET /api/notification-deliveries',
    kind: 'list',
    request: () => ({ method: 'GET', url: '/api/notification-deliveries?pageSize=200' }),
    records: (w) => sameFor(w.notifications.delivery),
    access: adminAndCompliance,
  },
  {
    route: 'POST /api/notifications/run',
    kind: 'write',
    request: () => ({ method: 'POST', url: '/api/notifications/run' }),
    records: (w) => sameFor(w.notifications.of1a),
    access: adminOnly,
  },
];
