import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createTaskSchema,
  createTimeEntrySchema,
  idParamsSchema,
  listResponseSchema,
  taskListQuerySchema,
  taskMatrixQuerySchema,
  taskMatrixSchema,
  taskSchema,
  timeEntryListQuerySchema,
  timeEntrySchema,
  timeReviewQuerySchema,
  timeReviewSchema,
  updateTaskSchema,
  updateTimeEntrySchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createTimeManagementService } from './time-management.service.ts';

const tags = ['time-management'];

/** 时间管理: tasks in the importance × urgency matrix, the time log and the weekly review */
export function timeManagementRoutes(deps: { db: Db; now?: () => Date }) {
  const time = createTimeManagementService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/tasks',
      {
        schema: {
          tags,
          summary: '任务 Tasks of the caller (or of a visible user with ownerId)',
          querystring: taskListQuerySchema,
          response: { 200: listResponseSchema(taskSchema) },
        },
      },
      async (request) => time.findTasks(contextOf(request), request.query),
    );
    r.get(
      '/api/tasks/matrix',
      {
        schema: {
          tags,
          summary: '时间管理矩阵 The four quadrants: open tasks, follow-ups and care dates',
          querystring: taskMatrixQuerySchema,
          response: { 200: taskMatrixSchema },
        },
      },
      async (request) => time.getMatrix(contextOf(request), request.query),
    );
    r.post(
      '/api/tasks',
      {
        schema: {
          tags,
          summary: 'A new task of the caller (the same clientId again answers the stored task, 200)',
          body: createTaskSchema,
          response: { 200: taskSchema, 201: taskSchema },
        },
      },
      async (request, reply) => {
        const { task, created } = await time.createTask(contextOf(request), request.body);
        return reply.status(created ? 201 : 200).send(task);
      },
    );
    r.patch(
      '/api/tasks/:id',
      {
        schema: {
          tags,
          summary: 'Change a task, complete or drop it (owner only)',
          params: idParamsSchema,
          body: updateTaskSchema,
          response: { 200: taskSchema },
        },
      },
      async (request) => time.updateTask(contextOf(request), request.params.id, request.body),
    );

    r.get(
      '/api/time-entries',
      {
        schema: {
          tags,
          summary: '时间记录 Time entries of the caller (or a visible user) in a date range',
          querystring: timeEntryListQuerySchema,
          response: { 200: listResponseSchema(timeEntrySchema) },
        },
      },
      async (request) => time.findTimeEntries(contextOf(request), request.query),
    );
    r.post(
      '/api/time-entries',
      {
        schema: {
          tags,
          summary: 'Log planned or actual minutes (the same clientId again answers the stored entry, 200)',
          body: createTimeEntrySchema,
          response: { 200: timeEntrySchema, 201: timeEntrySchema },
        },
      },
      async (request, reply) => {
        const { entry, created } = await time.createTimeEntry(contextOf(request), request.body);
        return reply.status(created ? 201 : 200).send(entry);
      },
    );
    r.patch(
      '/api/time-entries/:id',
      {
        schema: {
          tags,
          summary: 'Change a time entry (owner only)',
          params: idParamsSchema,
          body: updateTimeEntrySchema,
          response: { 200: timeEntrySchema },
        },
      },
      async (request) => time.updateTimeEntry(contextOf(request), request.params.id, request.body),
    );
    r.delete(
      '/api/time-entries/:id',
      { schema: { tags, summary: 'Delete a time entry (owner only)', params: idParamsSchema } },
      async (request, reply) => {
        await time.deleteTimeEntry(contextOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    r.get(
      '/api/time-review',
      {
        schema: {
          tags,
          summary: '周回顾 Planned vs actual minutes by activity and tasks done in a week',
          querystring: timeReviewQuerySchema,
          response: { 200: timeReviewSchema },
        },
      },
      async (request) => time.getReview(contextOf(request), request.query),
    );
  };
}
