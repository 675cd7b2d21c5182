import { z } from 'zod';

export const roles = ['rep', 'manager', 'admin', 'compliance'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export const uuidSchema = z.uuid();
export const idParamsSchema = z.object({ id: z.uuid() });

/** Common query of every collection route: `?q=&page=&pageSize=&sort=`. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** `field` ascending, `-field` descending; each route lists the fields it accepts. */
  sort: z
    .string()
    .max(40)
    .regex(/^-?[a-zA-Z]+$/)
    .optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export type ListResponse<T> = { items: T[]; total: number; page: number; pageSize: number };

/** `?active=true|false` as sent by browsers and curl. */
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const isoDate = z.iso.date();
/** The `version` column is a PostgreSQL integer: a larger number would fail in SQL, not here. */
export const versionSchema = z.number().int().min(1).max(2_147_483_647);
