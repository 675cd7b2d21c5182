import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifySchema } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Logger } from './logger.ts';
import { handleFrameworkError, registerErrorHandling } from './errors/error-handler.ts';
import { zodValidatorCompiler } from './http/validation.ts';
import { registerJsonBodyParser } from './http/json-body.ts';
import { registerSessionHook } from './http/session-hook.ts';
import { trackInFlight, type InFlight } from './http/in-flight.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { createOrgService } from './modules/org/org.service.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { createUsersService } from './modules/users/users.service.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { createTerritoriesService } from './modules/territories/territories.service.ts';
import { territoriesRoutes } from './modules/territories/territories.routes.ts';
import { createImportsService } from './modules/imports/imports.service.ts';
import { importsRoutes } from './modules/imports/imports.routes.ts';
import { createDuplicatesService } from './modules/duplicates/duplicates.service.ts';
import { duplicatesRoutes } from './modules/duplicates/duplicates.routes.ts';
import { createAccountsService } from './modules/accounts/accounts.service.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { createSegmentationService } from './modules/segmentation/segmentation.service.ts';
import { segmentationRoutes } from './modules/segmentation/segmentation.routes.ts';
import { createDoctorsService } from './modules/accounts/doctors.service.ts';
import { createViewsService } from './modules/views/views.service.ts';
import { viewsRoutes } from './modules/views/views.routes.ts';
import { createPlanningService } from './modules/planning/planning.service.ts';
import { createSummaryKeeper, type SummaryKeeper } from './modules/analytics/summaries.ts';
import { planningRoutes } from './modules/planning/planning.routes.ts';
import { createPlanningInsightsService } from './modules/planning/insights.service.ts';
import { planningInsightsRoutes } from './modules/planning/insights.routes.ts';
import { createCallsService } from './modules/calls/calls.service.ts';
import { callsRoutes } from './modules/calls/calls.routes.ts';
import { createCareService } from './modules/care/care.service.ts';
import { careRoutes } from './modules/care/care.routes.ts';
import { createCarePlansService } from './modules/care/care-plans.service.ts';
import { carePlansRoutes } from './modules/care/care-plans.routes.ts';
import { createComplaintsService } from './modules/complaints/complaints.service.ts';
import { complaintsRoutes } from './modules/complaints/complaints.routes.ts';
import { surveysRoutes } from './modules/care/surveys.routes.ts';
import { eventsRoutes } from './modules/care/events.routes.ts';
import { partiesRoutes } from './modules/channel/parties.routes.ts';
import { goodsRoutes } from './modules/channel/goods.routes.ts';
import { moneyRoutes } from './modules/channel/money.routes.ts';
import { warningsRoutes } from './modules/channel/warnings.routes.ts';
import { careFeesRoutes } from './modules/care-fees/care-fees.routes.ts';
import { targetsRoutes } from './modules/targets/targets.routes.ts';
import { pipelineRoutes } from './modules/pipeline/pipeline.routes.ts';
import { prospectsRoutes } from './modules/prospects/prospects.routes.ts';
import { competitorsRoutes } from './modules/competitors/competitors.routes.ts';
import { reportsRoutes } from './modules/reports/reports.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { handoverRoutes } from './modules/handover/handover.routes.ts';
import { timeManagementRoutes } from './modules/time-management/time-management.routes.ts';
import { teamDashboardRoutes } from './modules/analytics/team-dashboard.routes.ts';
import { drillRoutes } from './modules/analytics/drill.routes.ts';
import { orgDashboardRoutes } from './modules/analytics/org-dashboard.routes.ts';
import { createKpiSnapshots } from './modules/analytics/kpi-snapshots.ts';
import { defaultWebDist, rootPackageJson } from './paths.ts';
import { repDashboardRoutes } from './modules/analytics/rep-dashboard.routes.ts';

const packageJson = JSON.parse(readFileSync(rootPackageJson, 'utf8')) as { version: string };
export const appVersion = packageJson.version;

/** `schema`: the route's zod schemas (params, body, querystring), for the bad-input property test. */
export type RouteEntry = { method: string; url: string; public: boolean; schema?: FastifySchema };
declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyInstance {
    routeTable: RouteEntry[];
    /** Rebuilds the analytics summaries after a change of counting rules (tests wait on its idle()) */
    summaryKeeper: SummaryKeeper;
    /** Requests still at work: a shutdown waits for them before closing the database (main.ts) */
    inFlight: InFlight;
  }
}

export type AppDeps = {
  config: Config;
  database: Database;
  logger: Logger;
};

/** Builds the whole API (and the web app's files when built); tests call this and `inject()`. */
export async function buildApp({ config, database, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 5 * 1024 * 1024,
    frameworkErrors: handleFrameworkError,
    routerOptions: { ignoreTrailingSlash: true },
  });

  // The route table, for the scope matrix test: a route nobody declared a scope for fails it.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.decorate('inFlight', trackInFlight(app));
  app.addHook('onRoute', (route) => {
    // swagger-ui's own routes are public
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), public: true };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, public: !!route.config?.public, schema: route.schema });
    }
  });

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Set once the web app's files are registered: unknown non-API GETs then get the app shell.
  let serveSpa = false;
  registerErrorHandling(app, () => serveSpa);
  registerJsonBodyParser(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // swagger-ui and antd inject inline styles
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only makes sense behind HTTPS, which a proxy terminates
    hsts: config.trustProxy,
  });
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Keqing 客情 API', version: appVersion, description: '医药代表客户关系管理 CRM API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'keqing_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  const { db } = database;
  const auth = createAuthService({ db, config });
  registerSessionHook(app, auth);

  await app.register(healthRoutes({ database, version: appVersion }));
  await app.register(authRoutes({ auth, config }));
  await app.register(auditRoutes({ audit: createAuditService({ db }) }));
  await app.register(orgRoutes({ org: createOrgService({ db }) }));
  await app.register(usersRoutes({ users: createUsersService({ db }) }));
  await app.register(territoriesRoutes({ territories: createTerritoriesService({ db }) }));
  await app.register(importsRoutes({ imports: createImportsService({ db }) }));
  await app.register(duplicatesRoutes({ duplicates: createDuplicatesService({ db }) }));
  await app.register(
    accountsRoutes({ accounts: createAccountsService({ db }), doctors: createDoctorsService({ db }) }),
  );
  await app.register(viewsRoutes({ views: createViewsService({ db }) }));
  await app.register(segmentationRoutes({ segmentation: createSegmentationService({ db }) }));
  // the day summaries follow the planning settings' counting rules (checked at start and after each save)
  const summaryKeeper = createSummaryKeeper({
    db,
    logger: app.log,
    withoutTimeouts: database.withoutTimeouts,
  });
  app.addHook('onReady', async () => void summaryKeeper.check());
  app.addHook('onClose', () => summaryKeeper.idle());
  app.decorate('summaryKeeper', summaryKeeper);
  await app.register(
    planningRoutes({
      planning: createPlanningService({ db, onSettingsSaved: () => summaryKeeper.check() }),
    }),
  );
  await app.register(planningInsightsRoutes({ insights: createPlanningInsightsService({ db }) }));
  await app.register(callsRoutes({ calls: createCallsService({ db }) }));
  await app.register(careRoutes({ care: createCareService({ db }) }));
  await app.register(carePlansRoutes({ carePlans: createCarePlansService({ db }) }));
  await app.register(complaintsRoutes({ complaints: createComplaintsService({ db }) }));
  await app.register(surveysRoutes({ db }));
  await app.register(eventsRoutes({ db }));
  await app.register(partiesRoutes({ db }));
  await app.register(goodsRoutes({ db }));
  await app.register(moneyRoutes({ db }));
  await app.register(warningsRoutes({ db }));
  await app.register(careFeesRoutes({ db }));
  await app.register(targetsRoutes({ db }));
  await app.register(timeManagementRoutes({ db }));
  await app.register(teamDashboardRoutes({ db }));
  await app.register(drillRoutes({ db }));
  // kept national roll-ups, refreshed in the background while someone reads them (kpi-snapshots.ts)
  const kpiSnapshots = createKpiSnapshots({
    db,
    maxAgeMinutes: config.kpiSnapshotMinutes,
    logger: app.log,
  });
  if (config.kpiSnapshotMinutes > 0) {
    let stopWarmer: (() => Promise<void>) | null = null;
    app.addHook('onReady', async () => void (stopWarmer = kpiSnapshots.startWarmer()));
    app.addHook('onClose', async () => stopWarmer?.());
  }
  await app.register(orgDashboardRoutes({ db, snapshots: kpiSnapshots }));
  await app.register(repDashboardRoutes({ db }));
  await app.register(pipelineRoutes({ db }));
  await app.register(prospectsRoutes({ db }));
  await app.register(competitorsRoutes({ db }));
  await app.register(reportsRoutes({ db }));
  await app.register(notificationsRoutes({ db, config, logger }));
  await app.register(handoverRoutes({ db }));

  const webDist = config.webDist ?? defaultWebDist;
  if (existsSync(path.join(webDist, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web app needs no restart
    const hashedAssets = path.join(webDist, 'assets') + path.sep;
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      // The web build writes .br and .gz beside each file (vite.config.ts): sent as they are, never compressed
      // per request; the plain file is the fallback.
      preCompressed: true,
      // Built chunks carry a content hash in their name: a browser keeps them without asking again, so a
      // reload does not wait behind busy API requests. Anything else (index.html) names the chunks of the
      // current build, so it is revalidated every time.
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.startsWith(hashedAssets) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    serveSpa = true;
  }

  return app;
}
