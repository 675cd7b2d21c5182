import type { Role, Locale } from '@keqing/shared';

/** Who is asking: the signed-in user as the services see them. */
export type Actor = {
  id: string;
  username: string;
  name: string;
  role: Role;
  teamId: string | null;
};

/** What every service call needs to know about the request. */
export type RequestContext = {
  actor: Actor;
  requestId: string;
  locale: Locale;
};

export type SessionInfo = {
  id: string;
  csrfToken: string;
  mustChangePassword: boolean;
};

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
    locale: Locale;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyContextConfig {
    /** Reachable without a session (health, docs, login, public survey pages). */
    public?: boolean;
    /** Allowed while the user still has to change their password. */
    allowPasswordChangePending?: boolean;
    /** A write the read-only compliance role may still make (cap settings, approvals). */
    complianceMayWrite?: boolean;
  }
}
