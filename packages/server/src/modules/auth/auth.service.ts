import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionResponse, SessionUser } from '@keqing/shared';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import type { Actor, RequestContext, SessionInfo } from '../../http/context.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import * as repo from './auth.repository.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.ts';

export const sessionCookieName = 'keqing_sid';
/** Seconds between two updates of a session's last-seen time (saves a write per request). */
const touchIntervalMs = 60_000;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

type AuthConfig = Pick<
  Config,
  'sessionIdleMinutes' | 'sessionMaxHours' | 'loginMaxFailures' | 'loginLockMinutes'
>;

export type LoginMeta = { ip?: string; userAgent?: string; requestId: string; previousToken?: string };
export type SessionLookup =
  { status: 'none' } | { status: 'expired' } | { status: 'ok'; actor: Actor; session: SessionInfo };

export function createAuthService(deps: { db: Db; config: AuthConfig; now?: () => Date }) {
  const { db, config } = deps;
  const now = deps.now ?? (() => new Date());

  /** When the user may try again, or null if not locked. */
  async function lockedUntil(username: string): Promise<Date | null> {
    const windowStart = new Date(now().getTime() - config.loginLockMinutes * 60_000);
    const failures = await repo.findRecentFailures(db, username, windowStart, config.loginMaxFailures);
    if (failures.length < config.loginMaxFailures) return null;
    // Locked until the oldest of the last N failures leaves the window.
    const oldest = failures[failures.length - 1]!;
    return new Date(new Date(oldest.at).getTime() + config.loginLockMinutes * 60_000);
  }

  function lockedError(until: Date): AppError {
    const retryAt = until.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
    return new AppError('AUTH_LOCKED', { params: { retryAt }, details: { retryAt: until.toISOString() } });
  }

  function toSessionUser(u: {
    id: string;
    username: string;
    name: string;
    role: SessionUser['role'];
    teamId: string | null;
    mustChangePassword: boolean;
  }): SessionUser {
    return {
      id: u.id,
      username: u.username,
      name: u.name,
      role: u.role,
      teamId: u.teamId,
      mustChangePassword: u.mustChangePassword,
    };
  }

  return {
    /** Checks the password, applies the lock, and opens a new session (new id: no fixation). */
    async login(
      username: string,
      password: string,
      meta: LoginMeta,
    ): Promise<SessionResponse & { token: string; maxAgeSeconds: number }> {
      const until = await lockedUntil(username);
      if (until) throw lockedError(until);

      const user = await repo.findUserForLogin(db, username);
      const ok = user
        ? await verifyPassword(user.passwordHash, password)
        : await verifyPassword(await decoyPasswordHash(), password);
      if (!user || !ok || !user.active) {
        await repo.insertLoginFailure(db, username, meta.ip);
        const nowLocked = await lockedUntil(username);
        if (nowLocked) throw lockedError(nowLocked);
        throw new AppError('AUTH_INVALID');
      }

      const token = randomToken();
      const csrfToken = randomToken();
      const maxAgeSeconds = config.sessionMaxHours * 3600;
      await db.transaction(async (tx) => {
        if (meta.previousToken) {
          const previous = await repo.findSessionByTokenHash(tx, sha256(meta.previousToken));
          if (previous) await repo.deleteSession(tx, previous.sessionId);
        }
        await repo.clearLoginFailures(tx, username);
        const session = await repo.insertSession(tx, {
          tokenHash: sha256(token),
          userId: user.id,
          csrfToken,
          expiresAt: new Date(now().getTime() + maxAgeSeconds * 1000).toISOString(),
          userAgent: meta.userAgent?.slice(0, 300),
          ip: meta.ip,
        });
        await repo.setLastLogin(tx, user.id);
        await insertAudit(tx, {
          actorId: user.id,
          requestId: meta.requestId,
          entity: 'session',
          entityId: session.id,
          action: 'login',
          after: { userId: user.id, ip: meta.ip ?? null },
        });
      });
      return { user: toSessionUser(user), csrfToken, token, maxAgeSeconds };
    },

    /** Resolves a cookie token to its user; expired or deactivated sessions are removed. */
    async resolveSession(token: string | undefined): Promise<SessionLookup> {
      if (!token || token.length > 200) return { status: 'none' };
      const row = await repo.findSessionByTokenHash(db, sha256(token));
      if (!row) return { status: 'expired' };
      const t = now().getTime();
      const idleExpired = new Date(row.lastSeenAt).getTime() + config.sessionIdleMinutes * 60_000 < t;
      const absoluteExpired = new Date(row.expiresAt).getTime() < t;
      if (idleExpired || absoluteExpired || !row.active) {
        await repo.deleteSession(db, row.sessionId);
        return { status: 'expired' };
      }
      if (t - new Date(row.lastSeenAt).getTime() > touchIntervalMs)
        await repo.touchSession(db, row.sessionId);
      return {
        status: 'ok',
        actor: { id: row.userId, username: row.username, name: row.name, role: row.role, teamId: row.teamId },
        session: { id: row.sessionId, csrfToken: row.csrfToken, mustChangePassword: row.mustChangePassword },
      };
    },

    async me(actor: Actor, session: SessionInfo): Promise<SessionResponse> {
      return {
        user: toSessionUser({ ...actor, mustChangePassword: session.mustChangePassword }),
        csrfToken: session.csrfToken,
      };
    },

    async logout(ctx: RequestContext, session: SessionInfo): Promise<void> {
      await db.transaction(async (tx) => {
        await repo.deleteSession(tx, session.id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'session',
          entityId: session.id,
          action: 'logout',
        });
      });
    },

    /**
     * 退出所有设备: ends every session of the caller, this one included — what someone who lost a
     * phone or signed in on a shared computer expects. Audited with how many sessions ended.
     */
    async logoutEverywhere(ctx: RequestContext): Promise<number> {
      return db.transaction(async (tx) => {
        const sessionsEnded = await repo.deleteUserSessions(tx, ctx.actor.id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'user',
          entityId: ctx.actor.id,
          action: 'logout',
          after: { everywhere: true, sessionsEnded },
        });
        return sessionsEnded;
      });
    },

    /** Changes the caller's own password and signs out their other devices. */
    async changePassword(
      ctx: RequestContext,
      session: SessionInfo,
      currentPassword: string,
      newPassword: string,
    ): Promise<void> {
      const current = await repo.findPasswordHash(db, ctx.actor.id);
      if (!current || !(await verifyPassword(current.passwordHash, currentPassword))) {
        throw fieldError('body.currentPassword', 'password.wrongCurrent');
      }
      assertPasswordAcceptable(current.username, newPassword, currentPassword);
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await repo.updatePassword(tx, ctx.actor.id, { passwordHash, mustChangePassword: false });
        await repo.deleteUserSessions(tx, ctx.actor.id, session.id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'user',
          entityId: ctx.actor.id,
          action: 'password',
          before: { passwordHash: 'old', mustChangePassword: session.mustChangePassword },
          after: { passwordHash: 'new', mustChangePassword: false },
        });
      });
    },
  };
}

/** Rules beyond the zod policy that need the username or the old password. */
export function assertPasswordAcceptable(username: string, newPassword: string, oldPassword?: string) {
  if (oldPassword !== undefined && newPassword === oldPassword) {
    throw new AppError('VALIDATION_FAILED', { messageKey: 'password.sameAsOld' });
  }
  if (newPassword.toLowerCase().includes(username.toLowerCase())) {
    throw new AppError('VALIDATION_FAILED', { messageKey: 'password.containsUsername' });
  }
}

export type AuthService = ReturnType<typeof createAuthService>;
