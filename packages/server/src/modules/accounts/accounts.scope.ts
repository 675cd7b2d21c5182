import { eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { departments, doctorProfiles, doctors, hospitals, keyContacts, products } from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, everyone, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/** rep1a covers h1a; m1's team covers h1a and h1b; h2a belongs to team 2 only. */
const hospitalRecords = (w: World) => ({
  rep: { in: w.hospitals.h1a.id, out: w.hospitals.h1b.id },
  manager: { in: w.hospitals.h1b.id, out: w.hospitals.h2a.id },
  admin: { in: w.hospitals.h1a.id, out: w.hospitals.h2a.id },
  compliance: { in: w.hospitals.h1a.id, out: w.hospitals.h2a.id },
});
/** The same split for records held by those hospitals. */
const heldBy =
  (pick: (w: World) => Record<'h1a' | 'h1b' | 'h2a', { id: string }>) =>
  (w: World): Record<Role, { in: string; out?: string }> => {
    const r = pick(w);
    return {
      rep: { in: r.h1a.id, out: r.h1b.id },
      manager: { in: r.h1b.id, out: r.h2a.id },
      admin: { in: r.h1a.id, out: r.h2a.id },
      compliance: { in: r.h1a.id, out: r.h2a.id },
    };
  };
const departmentRecords = heldBy((w) => ({
  h1a: w.departments.dep1a,
  h1b: w.departments.dep1b,
  h2a: w.departments.dep2a,
}));
const doctorRecords = heldBy((w) => ({ h1a: w.doctors.d1a, h1b: w.doctors.d1b, h2a: w.doctors.d2a }));
const keyContactRecords = heldBy((w) => ({
  h1a: w.keyContacts.kc1a,
  h1b: w.keyContacts.kc1b,
  h2a: w.keyContacts.kc2a,
}));

/** Departments, doctors and key contacts: the covering reps and their managers write, admin too; compliance reads. */
const writeByTerritory: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};
/** PIPL: personal data is the owning line's and compliance's — never the admin's. */
const personalRead: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'all',
};
const personalWrite: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};

const versionOf = async (db: Db, table: 'hospitals' | 'departments' | 'doctors', id: string) => {
  const t = { hospitals, departments, doctors }[table];
  const [row] = await db.select({ v: t.version }).from(t).where(eq(t.id, id));
  return row!.v;
};

export const accountsScopeCases: ScopeCase[] = [
  // ── hospitals ──
  {
    route: 'GET /api/hospitals',
    kind: 'list',
    access: byTerritory,
    records: hospitalRecords,
    request: () => ({ method: 'GET', url: '/api/hospitals?pageSize=200' }),
  },
  {
    route: 'GET /api/hospitals/:id',
    kind: 'item',
    access: byTerritory,
    records: hospitalRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/hospitals/${id}` }),
  },
  {
    // the file's content (scope included) is checked in export.test.ts
    route: 'GET /api/hospitals/export',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.hospitals.h1a.id),
    request: () => ({ method: 'GET', url: '/api/hospitals/export?format=csv' }),
  },
  {
    route: 'POST /api/hospitals',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: (w) => sameFor(w.hospitals.h1a.id),
    request: () => ({
      method: 'POST',
      url: '/api/hospitals',
      payload: {
        name: uniqueName('新医院'),
        level: '二级甲等',
        type: '综合',
        province: '上海',
        city: '上海',
      },
    }),
  },
  {
    route: 'PATCH /api/hospitals/:id',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.hospitals.h1b.id, w.hospitals.h2a.id),
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/hospitals/${id}`,
      payload: { notes: uniqueName('备注'), version: await versionOf(db, 'hospitals', id) },
    }),
  },

  // ── departments ──
  {
    route: 'GET /api/departments',
    kind: 'list',
    access: byTerritory,
    records: departmentRecords,
    request: () => ({ method: 'GET', url: '/api/departments?pageSize=200' }),
  },
  {
    route: 'GET /api/departments/:id',
    kind: 'item',
    access: byTerritory,
    records: departmentRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/departments/${id}` }),
  },
  {
    // an export filtered on a hospital outside the caller's scope answers 404
    route: 'GET /api/departments/export',
    kind: 'item',
    access: byTerritory,
    records: hospitalRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/departments/export?format=csv&hospitalId=${id}` }),
  },
  {
    route: 'POST /api/departments',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 201,
    records: hospitalRecords,
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/departments',
      payload: { hospitalId: id, name: uniqueName('科') },
    }),
  },
  {
    route: 'PATCH /api/departments/:id',
    kind: 'write',
    access: writeByTerritory,
    records: departmentRecords,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/departments/${id}`,
      payload: { specialty: uniqueName('专科'), version: await versionOf(db, 'departments', id) },
    }),
  },
  {
    // deletes a fresh, empty department of the target hospital
    route: 'DELETE /api/departments/:id',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 204,
    records: hospitalRecords,
    request: async (_w, hospitalId, db) => {
      const [d] = await db
        .insert(departments)
        .values({ hospitalId, name: uniqueName('待删科室') })
        .returning();
      return { method: 'DELETE', url: `/api/departments/${d!.id}` };
    },
  },

  // ── doctors ──
  {
    route: 'GET /api/doctors',
    kind: 'list',
    access: byTerritory,
    records: doctorRecords,
    request: () => ({ method: 'GET', url: '/api/doctors?pageSize=200' }),
  },
  {
    route: 'GET /api/doctors/:id',
    kind: 'item',
    access: byTerritory,
    records: doctorRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/doctors/${id}` }),
  },
  {
    route: 'GET /api/doctors/export',
    kind: 'item',
    access: byTerritory,
    records: hospitalRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/doctors/export?format=csv&hospitalId=${id}` }),
  },
  {
    route: 'POST /api/doctors',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 201,
    records: hospitalRecords,
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/doctors',
      payload: { hospitalId: id, name: uniqueName('医生'), title: '主治医师' },
    }),
  },
  {
    route: 'PATCH /api/doctors/:id',
    kind: 'write',
    access: writeByTerritory,
    records: doctorRecords,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/doctors/${id}`,
      payload: { bestVisitTime: uniqueName('周二下午'), version: await versionOf(db, 'doctors', id) },
    }),
  },
  {
    // deletes a fresh doctor (no history) of the target hospital
    route: 'DELETE /api/doctors/:id',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 204,
    records: hospitalRecords,
    request: async (_w, hospitalId, db) => {
      const [d] = await db
        .insert(doctors)
        .values({ hospitalId, name: uniqueName('待删医生') })
        .returning();
      return { method: 'DELETE', url: `/api/doctors/${d!.id}` };
    },
  },
  {
    route: 'GET /api/doctors/:id/profile',
    kind: 'item',
    access: personalRead,
    records: doctorRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/doctors/${id}/profile` }),
  },
  {
    route: 'PUT /api/doctors/:id/profile',
    kind: 'write',
    access: personalWrite,
    records: doctorRecords,
    request: async (_w, id, db) => {
      const [p] = await db
        .select({ v: doctorProfiles.version })
        .from(doctorProfiles)
        .where(eq(doctorProfiles.doctorId, id));
      return {
        method: 'PUT',
        url: `/api/doctors/${id}/profile`,
        payload: { hobbies: uniqueName('围棋'), version: p?.v ?? 0 },
      };
    },
  },

  // ── key contacts ──
  {
    route: 'GET /api/key-contacts',
    kind: 'list',
    access: byTerritory,
    records: keyContactRecords,
    request: () => ({ method: 'GET', url: '/api/key-contacts?pageSize=200' }),
  },
  {
    route: 'GET /api/key-contacts/:id',
    kind: 'item',
    access: byTerritory,
    records: keyContactRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/key-contacts/${id}` }),
  },
  {
    route: 'GET /api/key-contacts/export',
    kind: 'item',
    access: byTerritory,
    records: hospitalRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/key-contacts/export?format=csv&hospitalId=${id}` }),
  },
  {
    route: 'POST /api/key-contacts',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 201,
    records: hospitalRecords,
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/key-contacts',
      payload: { hospitalId: id, name: uniqueName('联系人'), function: '采购' },
    }),
  },
  {
    route: 'PATCH /api/key-contacts/:id',
    kind: 'write',
    access: writeByTerritory,
    records: keyContactRecords,
    request: async (_w, id, db) => {
      const [k] = await db.select({ v: keyContacts.version }).from(keyContacts).where(eq(keyContacts.id, id));
      return {
        method: 'PATCH',
        url: `/api/key-contacts/${id}`,
        payload: { notes: uniqueName('备注'), version: k!.v },
      };
    },
  },
  {
    route: 'DELETE /api/key-contacts/:id',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 204,
    records: hospitalRecords,
    request: async (_w, hospitalId, db) => {
      const [k] = await db
        .insert(keyContacts)
        .values({ hospitalId, name: uniqueName('待删联系人'), function: '财务' })
        .returning();
      return { method: 'DELETE', url: `/api/key-contacts/${k!.id}` };
    },
  },

  // ── products: one catalogue for everyone, written by admins ──
  {
    route: 'GET /api/products',
    kind: 'list',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id, w.products.p2.id),
    request: () => ({ method: 'GET', url: '/api/products' }),
  },
  {
    route: 'GET /api/products/:id',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id, w.products.p2.id),
    request: (_w, id) => ({ method: 'GET', url: `/api/products/${id}` }),
  },
  {
    route: 'GET /api/products/export',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id),
    request: () => ({ method: 'GET', url: '/api/products/export' }),
  },
  {
    route: 'POST /api/products',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: (w) => sameFor(w.products.p1.id),
    request: () => ({
      method: 'POST',
      url: '/api/products',
      payload: { name: uniqueName('新药'), genericName: '阿司匹林肠溶片', therapeuticArea: '心血管' },
    }),
  },
  {
    route: 'PATCH /api/products/:id',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.products.p2.id),
    request: async (_w, id, db) => {
      const [p] = await db.select({ v: products.version }).from(products).where(eq(products.id, id));
      return {
        method: 'PATCH',
        url: `/api/products/${id}`,
        payload: { specification: uniqueName('0.5g×30片'), version: p!.v },
      };
    },
  },
];
