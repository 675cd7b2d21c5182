import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { idParamsSchema, listResponseSchema, type ListResponse } from '@keqing/shared';
import type { RequestContext } from './context.ts';
import { contextOf } from './route-context.ts';

type Schema = z.ZodType;

/**
 * The standard REST collection of DESIGN.md §3: `GET /api/<name>` (list),
 * `GET /api/<name>/:id`, `POST /api/<name>`, `PATCH /api/<name>/:id`.
 * Scope and permissions are the service's job; this only wires HTTP.
 */
export function registerCollection<
  Item extends Schema,
  ListQuery extends Schema,
  CreateBody extends Schema,
  UpdateBody extends Schema,
>(
  app: FastifyInstance,
  spec: {
    path: string;
    tag: string;
    /** e.g. '团队 Team' */
    label: string;
    item: Item;
    /** The detail route may answer a richer shape than list items. */
    detail?: Schema;
    listQuery: ListQuery;
    list: (ctx: RequestContext, query: z.output<ListQuery>) => Promise<ListResponse<z.input<Item>>>;
    get: (ctx: RequestContext, id: string) => Promise<unknown>;
    create?: { body: CreateBody; run: (ctx: RequestContext, body: z.output<CreateBody>) => Promise<unknown> };
    update?: {
      body: UpdateBody;
      run: (ctx: RequestContext, id: string, body: z.output<UpdateBody>) => Promise<unknown>;
    };
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = [spec.tag];
  r.get(
    spec.path,
    {
      schema: {
        tags,
        summary: `${spec.label} list`,
        querystring: spec.listQuery,
        response: { 200: listResponseSchema(spec.item) },
      },
    },
    async (request) => spec.list(contextOf(request), request.query as z.output<ListQuery>) as never,
  );
  r.get(
    `${spec.path}/:id`,
    {
      schema: {
        tags,
        summary: `${spec.label} by id`,
        params: idParamsSchema,
        response: { 200: spec.detail ?? spec.item },
      },
    },
    async (request) => spec.get(contextOf(request), request.params.id) as never,
  );
  if (spec.create) {
    const create = spec.create;
    r.post(
      spec.path,
      {
        schema: {
          tags,
          summary: `Create ${spec.label}`,
          body: create.body,
          response: { 201: spec.detail ?? spec.item },
        },
      },
      async (request, reply) => {
        const created = await create.run(contextOf(request), request.body as z.output<CreateBody>);
        return reply.status(201).send(created);
      },
    );
  }
  if (spec.update) {
    const update = spec.update;
    r.patch(
      `${spec.path}/:id`,
      {
        schema: {
          tags,
          summary: `Update ${spec.label} (send the version you read; 409 if stale)`,
          params: idParamsSchema,
          body: update.body,
          response: { 200: spec.detail ?? spec.item },
        },
      },
      async (request) =>
        update.run(contextOf(request), request.params.id, request.body as z.output<UpdateBody>) as never,
    );
  }
}
