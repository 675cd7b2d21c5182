import { z } from 'zod';
import { roleSchema } from './common.ts';

export const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-zA-Z0-9._-]+$/);

/** Password policy: at least 10 characters, letters and digits. */
export const passwordSchema = z
  .string()
  .max(128)
  .refine((p) => p.length >= 10 && /[A-Za-z]/.test(p) && /\d/.test(p), {
    params: { i18n: 'password.tooWeak' },
  });

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const sessionUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  teamId: z.uuid().nullable(),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionResponseSchema = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});

export const okSchema = z.object({ ok: z.literal(true) });

/** 退出所有设备: how many sessions a sign-out everywhere ended. */
export const sessionsEndedSchema = z.object({ ok: z.literal(true), sessionsEnded: z.number().int().min(0) });
export type SessionsEnded = z.infer<typeof sessionsEndedSchema>;
