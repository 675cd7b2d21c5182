import { z } from 'zod';
import { userDuties } from '@keqing/domain';
import { isoDate, listQuerySchema, roleSchema, versionSchema, booleanQuery } from './common.ts';
import { passwordSchema, usernameSchema } from './auth.ts';

const name = z.string().trim().min(1).max(60);
const optionalNote = z.string().trim().max(500).optional();

// 大区 region → 地区 area → team
export const regionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Region = z.infer<typeof regionSchema>;
export const createRegionSchema = z.object({ name });
export const updateRegionSchema = z.object({
  name: name.optional(),
  active: z.boolean().optional(),
  version: versionSchema,
});

export const areaSchema = regionSchema.extend({ regionId: z.uuid(), regionName: z.string() });
export type Area = z.infer<typeof areaSchema>;
export const createAreaSchema = z.object({ name, regionId: z.uuid() });
export const updateAreaSchema = updateRegionSchema.extend({ regionId: z.uuid().optional() });
export const areaListQuerySchema = listQuerySchema.extend({
  regionId: z.uuid().optional(),
  active: booleanQuery.optional(),
});

export const teamSchema = regionSchema.extend({
  areaId: z.uuid(),
  areaName: z.string(),
  regionName: z.string(),
  managerId: z.uuid().nullable(),
  managerName: z.string().nullable(),
  memberCount: z.number().int(),
});
export type Team = z.infer<typeof teamSchema>;
export const createTeamSchema = z.object({
  name,
  areaId: z.uuid(),
  managerId: z.uuid().nullable().optional(),
});
export const updateTeamSchema = updateRegionSchema.extend({
  areaId: z.uuid().optional(),
  managerId: z.uuid().nullable().optional(),
});
export const teamListQuerySchema = listQuerySchema.extend({
  areaId: z.uuid().optional(),
  active: booleanQuery.optional(),
});
export const orgListQuerySchema = listQuerySchema.extend({ active: booleanQuery.optional() });

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  /** Back-office duties of an admin account: salesClerk 销售文员, finance 财务 (signers of 客情费) */
  duties: z.array(z.enum(userDuties)),
  version: z.number().int(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/)
  .nullable()
  .optional();
const email = z.email().max(120).nullable().optional();

export const createUserSchema = z.object({
  username: usernameSchema,
  name,
  role: roleSchema,
  teamId: z.uuid().nullable().optional(),
  phone,
  email,
  /** Initial password; the user must change it at first sign-in. */
  password: passwordSchema,
  /** Only for admin accounts */
  duties: z.array(z.enum(userDuties)).max(2).optional(),
});
export const updateUserSchema = z.object({
  name: name.optional(),
  role: roleSchema.optional(),
  teamId: z.uuid().nullable().optional(),
  phone,
  email,
  active: z.boolean().optional(),
  /** Only for admin accounts (else 400) */
  duties: z.array(z.enum(userDuties)).max(2).optional(),
  version: versionSchema,
});
export const resetPasswordSchema = z.object({ newPassword: passwordSchema });
export const userListQuerySchema = listQuerySchema.extend({
  role: roleSchema.optional(),
  teamId: z.uuid().optional(),
  active: booleanQuery.optional(),
});

// 辖区 territory: a set of hospitals and channel customers covered by one rep at a time
export const territoryAssignmentSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  note: z.string().nullable(),
  assignedBy: z.string().nullable(),
});
export type TerritoryAssignment = z.infer<typeof territoryAssignmentSchema>;

export const territorySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  teamId: z.uuid(),
  teamName: z.string(),
  productIds: z.array(z.uuid()),
  hospitalCount: z.number().int(),
  channelCustomerCount: z.number().int(),
  repId: z.uuid().nullable(),
  repName: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Territory = z.infer<typeof territorySchema>;

export const territoryDetailSchema = territorySchema.extend({
  hospitals: z.array(z.object({ id: z.uuid(), name: z.string(), city: z.string() })),
  channelCustomers: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), city: z.string() })),
  assignments: z.array(territoryAssignmentSchema),
});
export type TerritoryDetail = z.infer<typeof territoryDetailSchema>;

const idList = z.array(z.uuid()).max(5000);
export const createTerritorySchema = z.object({
  code: z.string().trim().min(1).max(30),
  name,
  teamId: z.uuid(),
  productIds: idList.optional(),
  hospitalIds: idList.optional(),
  channelCustomerIds: idList.optional(),
});
export const updateTerritorySchema = z.object({
  name: name.optional(),
  teamId: z.uuid().optional(),
  productIds: idList.optional(),
  hospitalIds: idList.optional(),
  channelCustomerIds: idList.optional(),
  active: z.boolean().optional(),
  version: versionSchema,
});
export const assignTerritorySchema = z.object({
  userId: z.uuid(),
  /** The day the new rep takes over; the previous assignment ends the day before. Defaults to today. */
  startDate: isoDate.optional(),
  note: optionalNote,
});
export const territoryListQuerySchema = listQuerySchema.extend({
  teamId: z.uuid().optional(),
  repId: z.uuid().optional(),
  active: booleanQuery.optional(),
});
