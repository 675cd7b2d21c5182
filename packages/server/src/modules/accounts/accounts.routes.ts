import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  createDepartmentSchema,
  createDoctorSchema,
  createHospitalSchema,
  createKeyContactSchema,
  createProductSchema,
  departmentExportQuerySchema,
  departmentListQuerySchema,
  departmentSchema,
  doctorDetailSchema,
  doctorExportQuerySchema,
  doctorListQuerySchema,
  doctorProfileSchema,
  doctorSchema,
  hospitalDetailSchema,
  hospitalExportQuerySchema,
  hospitalListQuerySchema,
  hospitalSchema,
  idParamsSchema,
  keyContactExportQuerySchema,
  keyContactListQuerySchema,
  keyContactSchema,
  productExportQuerySchema,
  productListQuerySchema,
  productSchema,
  putDoctorProfileSchema,
  updateDepartmentSchema,
  updateDoctorSchema,
  updateHospitalSchema,
  updateKeyContactSchema,
  updateProductSchema,
} from '@keqing/shared';
import { registerCollection } from '../../http/collection-routes.ts';
import type { RequestContext } from '../../http/context.ts';
import { contextOf } from '../../http/route-context.ts';
import type { AccountsService, ExportResult } from './accounts.service.ts';
import type { DoctorsService } from './doctors.service.ts';
import { sendExport } from './export-file.ts';

const tags = ['accounts'];

export function accountsRoutes(deps: { accounts: AccountsService; doctors: DoctorsService }) {
  const { accounts, doctors } = deps;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    /** `GET /api/<name>/export?format=xlsx|csv&<list filters>`: the whole filtered list as a file. */
    function exportRoute<Q extends z.ZodType>(
      path: string,
      label: string,
      querystring: Q,
      run: (ctx: RequestContext, q: z.output<Q>) => Promise<ExportResult>,
    ) {
      r.get(
        `${path}/export`,
        {
          schema: {
            tags,
            summary: `Export ${label} (.xlsx or .csv, Chinese headers, current filters, caller's scope)`,
            querystring,
          },
        },
        async (request, reply) =>
          sendExport(reply, await run(contextOf(request), request.query as z.output<Q>)),
      );
    }

    /** `DELETE /api/<name>/:id` → 204. */
    function deleteRoute(
      path: string,
      label: string,
      run: (ctx: RequestContext, id: string) => Promise<void>,
    ) {
      r.delete(
        `${path}/:id`,
        { schema: { tags, summary: `Delete ${label}`, params: idParamsSchema } },
        async (request, reply) => {
          await run(contextOf(request), request.params.id);
          return reply.status(204).send();
        },
      );
    }

    exportRoute('/api/hospitals', '医院 hospitals', hospitalExportQuerySchema, accounts.exportHospitals);
    registerCollection(app, {
      path: '/api/hospitals',
      tag: 'accounts',
      label: '医院 Hospital',
      item: hospitalSchema,
      detail: hospitalDetailSchema,
      listQuery: hospitalListQuerySchema,
      list: accounts.findHospitals,
      get: accounts.getHospital,
      create: { body: createHospitalSchema, run: accounts.createHospital },
      update: { body: updateHospitalSchema, run: accounts.updateHospital },
    });

    exportRoute(
      '/api/departments',
      '科室 departments',
      departmentExportQuerySchema,
      accounts.exportDepartments,
    );
    registerCollection(app, {
      path: '/api/departments',
      tag: 'accounts',
      label: '科室 Department',
      item: departmentSchema,
      listQuery: departmentListQuerySchema,
      list: accounts.findDepartments,
      get: accounts.getDepartment,
      create: { body: createDepartmentSchema, run: accounts.createDepartment },
      update: { body: updateDepartmentSchema, run: accounts.updateDepartment },
    });
    deleteRoute(
      '/api/departments',
      '科室 department (only without doctors and contacts)',
      accounts.deleteDepartment,
    );

    exportRoute('/api/doctors', '医生 doctors', doctorExportQuerySchema, doctors.exportDoctors);
    registerCollection(app, {
      path: '/api/doctors',
      tag: 'accounts',
      label: '医生 Doctor',
      item: doctorSchema,
      detail: doctorDetailSchema,
      listQuery: doctorListQuerySchema,
      list: doctors.findDoctors,
      get: doctors.getDoctor,
      create: { body: createDoctorSchema, run: doctors.createDoctor },
      update: { body: updateDoctorSchema, run: doctors.updateDoctor },
    });
    deleteRoute('/api/doctors', '医生 doctor (only without history)', doctors.deleteDoctor);
    r.get(
      '/api/doctors/:id/profile',
      {
        schema: {
          tags,
          summary: "医生个人信息 A doctor's personal data (PIPL: covering reps, their managers, compliance)",
          params: idParamsSchema,
          response: { 200: doctorProfileSchema },
        },
      },
      async (request) => doctors.getProfile(contextOf(request), request.params.id),
    );
    r.put(
      '/api/doctors/:id/profile',
      {
        schema: {
          tags,
          summary: "Replace a doctor's personal data (covering reps and their managers; version 0 creates)",
          params: idParamsSchema,
          body: putDoctorProfileSchema,
          response: { 200: doctorProfileSchema },
        },
      },
      async (request) => doctors.putProfile(contextOf(request), request.params.id, request.body),
    );

    exportRoute(
      '/api/key-contacts',
      '关键联系人 key contacts',
      keyContactExportQuerySchema,
      accounts.exportKeyContacts,
    );
    registerCollection(app, {
      path: '/api/key-contacts',
      tag: 'accounts',
      label: '关键联系人 Key contact',
      item: keyContactSchema,
      listQuery: keyContactListQuerySchema,
      list: accounts.findKeyContacts,
      get: accounts.getKeyContact,
      create: { body: createKeyContactSchema, run: accounts.createKeyContact },
      update: { body: updateKeyContactSchema, run: accounts.updateKeyContact },
    });
    deleteRoute('/api/key-contacts', '关键联系人 key contact', accounts.deleteKeyContact);

    exportRoute('/api/products', '产品 products', productExportQuerySchema, accounts.exportProducts);
    registerCollection(app, {
      path: '/api/products',
      tag: 'accounts',
      label: '产品 Product',
      item: productSchema,
      listQuery: productListQuerySchema,
      list: accounts.findProducts,
      get: accounts.getProduct,
      create: { body: createProductSchema, run: accounts.createProduct },
      update: { body: updateProductSchema, run: accounts.updateProduct },
    });

    // /api/channel-customers: modules/channel/parties.routes.ts
  };
}
