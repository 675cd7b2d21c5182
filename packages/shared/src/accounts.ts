import { z } from 'zod';
import { listQuerySchema } from './common.ts';

// 医院等级 — hospital level as the health authority grades it
export const hospitalLevels = [
  '三级甲等',
  '三级乙等',
  '二级甲等',
  '二级乙等',
  '一级',
  '社区卫生服务中心',
  '乡镇卫生院',
  '诊所',
] as const;
export const hospitalTypes = ['综合', '专科', '中医', '妇幼', '中西医结合'] as const;

export const hospitalSchema = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  name: z.string(),
  alias: z.string().nullable(),
  level: z.enum(hospitalLevels),
  type: z.enum(hospitalTypes),
  province: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  address: z.string().nullable(),
  beds: z.number().int().nullable(),
  outpatientsPerDay: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Hospital = z.infer<typeof hospitalSchema>;

export const hospitalListQuerySchema = listQuerySchema.extend({
  level: z.enum(hospitalLevels).optional(),
  city: z.string().max(30).optional(),
  province: z.string().max(30).optional(),
});

export const productSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  genericName: z.string(),
  specification: z.string().nullable(),
  therapeuticArea: z.string(),
  indications: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;

export const channelCustomerKinds = ['distributor', 'pharmacy', 'clinic'] as const;
export const channelCustomerSchema = z.object({
  id: z.uuid(),
  kind: z.enum(channelCustomerKinds),
  name: z.string(),
  province: z.string(),
  city: z.string(),
  address: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type ChannelCustomer = z.infer<typeof channelCustomerSchema>;
export const channelCustomerListQuerySchema = listQuerySchema.extend({
  kind: z.enum(channelCustomerKinds).optional(),
  city: z.string().max(30).optional(),
});
