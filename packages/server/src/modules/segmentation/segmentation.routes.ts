import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changeLadderSchema,
  changeStageSchema,
  configHistoryQuerySchema,
  configVersionSchema,
  currentScoreSchema,
  doctorGradingPreviewSchema,
  doctorGradingResponseSchema,
  doctorGradingSavedSchema,
  doctorScoresQuerySchema,
  doctorScoresSchema,
  doctorSegmentationSchema,
  doctorStageSchema,
  highPotentialItemSchema,
  highPotentialQuerySchema,
  hospitalGradingPreviewSchema,
  hospitalGradingResponseSchema,
  hospitalGradingSavedSchema,
  hospitalListingSchema,
  hospitalListingsSchema,
  idParamsSchema,
  keyAccountChangesQuerySchema,
  keyAccountChangesSchema,
  keyAccountConfigResponseSchema,
  keyAccountListSchema,
  keyAccountQuerySchema,
  keyAccountSnapshotResultSchema,
  kolListItemSchema,
  kolListQuerySchema,
  kolProfileResponseSchema,
  ladderChangeSchema,
  listingParamsSchema,
  listResponseSchema,
  previewDoctorGradingSchema,
  previewHospitalGradingSchema,
  recordScoreSchema,
  saveDoctorGradingSchema,
  saveHospitalGradingSchema,
  saveKeyAccountConfigSchema,
  saveKolProfileSchema,
  setListingSchema,
  keyAccountReviewListQuerySchema,
  keyAccountReviewSchema,
  recordKeyAccountReviewSchema,
} from '@keqing/shared';
import { contextOf } from '../../http/route-context.ts';
import type { SegmentationService } from './segmentation.service.ts';

const tags = ['segmentation'];

export function segmentationRoutes(deps: { segmentation: SegmentationService }) {
  const { grading, doctors, lists, reviews } = deps.segmentation;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ── 医院定级 hospital grading ──────────────────────────────────────────
    r.get(
      '/api/segmentation/hospital-grading',
      {
        schema: {
          tags,
          summary: '医院定级标准 Hospital grading config in force (the default until an admin saves one)',
          response: { 200: hospitalGradingResponseSchema },
        },
      },
      async (request) => grading.getHospitalGrading(contextOf(request)),
    );
    r.put(
      '/api/segmentation/hospital-grading',
      {
        schema: {
          tags,
          summary:
            'Save a hospital grading config (admin): re-grades every hospital, answers before/after counts',
          body: saveHospitalGradingSchema,
          response: { 200: hospitalGradingSavedSchema },
        },
      },
      async (request) => grading.saveHospitalGrading(contextOf(request), request.body),
    );
    r.post(
      '/api/segmentation/hospital-grading/preview',
      {
        schema: {
          tags,
          summary: 'Counts per grade over all hospitals under a draft config, without saving (admin)',
          body: previewHospitalGradingSchema,
          response: { 200: hospitalGradingPreviewSchema },
        },
      },
      async (request) => grading.previewHospitalGrading(contextOf(request), request.body),
    );
    r.get(
      '/api/segmentation/hospital-grading/history',
      {
        schema: {
          tags,
          summary: 'Saved hospital grading versions, newest first, with who, when and the re-grading summary',
          querystring: configHistoryQuerySchema,
          response: { 200: listResponseSchema(configVersionSchema) },
        },
      },
      async (request) => grading.hospitalGradingHistory(contextOf(request), request.query),
    );

    // ── 医生定级 doctor grading matrix ─────────────────────────────────────
    r.get(
      '/api/segmentation/doctor-grading',
      {
        schema: {
          tags,
          summary: '医生定级矩阵 Doctor grading matrix, visit frequencies and potential scale in force',
          response: { 200: doctorGradingResponseSchema },
        },
      },
      async (request) => grading.getDoctorGrading(contextOf(request)),
    );
    r.put(
      '/api/segmentation/doctor-grading',
      {
        schema: {
          tags,
          summary: 'Save the doctor matrix (admin): re-grades every doctor × product, answers before/after',
          body: saveDoctorGradingSchema,
          response: { 200: doctorGradingSavedSchema },
        },
      },
      async (request) => grading.saveDoctorGrading(contextOf(request), request.body),
    );
    r.post(
      '/api/segmentation/doctor-grading/preview',
      {
        schema: {
          tags,
          summary: 'Before/after grade counts and movements under a draft matrix, without saving (admin)',
          body: previewDoctorGradingSchema,
          response: { 200: doctorGradingPreviewSchema },
        },
      },
      async (request) => grading.previewDoctorGrading(contextOf(request), request.body),
    );
    r.get(
      '/api/segmentation/doctor-grading/history',
      {
        schema: {
          tags,
          summary: 'Saved doctor matrix versions, newest first',
          querystring: configHistoryQuerySchema,
          response: { 200: listResponseSchema(configVersionSchema) },
        },
      },
      async (request) => grading.doctorGradingHistory(contextOf(request), request.query),
    );

    // ── 进药 listing status ─────────────────────────────────────────────────
    r.get(
      '/api/hospitals/:id/listings',
      {
        schema: {
          tags,
          summary: '进药 Listing status of every product at the hospital',
          params: idParamsSchema,
          response: { 200: hospitalListingsSchema },
        },
      },
      async (request) => doctors.findListings(contextOf(request), request.params.id),
    );
    r.put(
      '/api/hospitals/:id/listings/:productId',
      {
        schema: {
          tags,
          summary:
            'Set a product listed (dated) or not listed at the hospital; 409 while doctors there score ≥ 0',
          params: listingParamsSchema,
          body: setListingSchema,
          response: { 200: hospitalListingSchema },
        },
      },
      async (request) =>
        doctors.setListing(contextOf(request), request.params.id, request.params.productId, request.body),
    );

    // ── one doctor: 复式评分, ladder, stage, KOL ────────────────────────────
    r.post(
      '/api/doctors/:id/scores',
      {
        schema: {
          tags,
          summary: '复式评分 Record an assessment; answers the new current status with grade and frequency',
          params: idParamsSchema,
          body: recordScoreSchema,
          response: { 201: currentScoreSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await doctors.recordScore(contextOf(request), request.params.id, request.body)),
    );
    r.get(
      '/api/doctors/:id/scores',
      {
        schema: {
          tags,
          summary: 'Score history (oldest first, with who), for the 360° chart',
          params: idParamsSchema,
          querystring: doctorScoresQuerySchema,
          response: { 200: doctorScoresSchema },
        },
      },
      async (request) => doctors.findScores(contextOf(request), request.params.id, request.query.productId),
    );
    r.get(
      '/api/doctors/:id/segmentation',
      {
        schema: {
          tags,
          summary: 'Per product status/grade/frequency/ladder and listing; relationship stage; KOL profile',
          params: idParamsSchema,
          response: { 200: doctorSegmentationSchema },
        },
      },
      async (request) => doctors.getSegmentation(contextOf(request), request.params.id),
    );
    r.post(
      '/api/doctors/:id/ladder',
      {
        schema: {
          tags,
          summary: '产品接纳度阶梯 Record a ladder step change (dated, with who and why)',
          params: idParamsSchema,
          body: changeLadderSchema,
          response: { 201: ladderChangeSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await doctors.changeLadder(contextOf(request), request.params.id, request.body)),
    );
    r.post(
      '/api/doctors/:id/stage',
      {
        schema: {
          tags,
          summary: '客户关系阶段 Change the relationship stage (the reason is required)',
          params: idParamsSchema,
          body: changeStageSchema,
          response: { 200: doctorStageSchema },
        },
      },
      async (request) => doctors.changeStage(contextOf(request), request.params.id, request.body),
    );
    r.get(
      '/api/doctors/:id/kol',
      {
        schema: {
          tags,
          summary: 'KOL profile of the doctor (null when none)',
          params: idParamsSchema,
          response: { 200: kolProfileResponseSchema },
        },
      },
      async (request) => doctors.getKol(contextOf(request), request.params.id),
    );
    r.put(
      '/api/doctors/:id/kol',
      {
        schema: {
          tags,
          summary: 'Create (no version) or replace (with version; 409 if stale) the KOL profile',
          params: idParamsSchema,
          body: saveKolProfileSchema,
          response: { 200: kolProfileResponseSchema },
        },
      },
      async (request) => doctors.saveKol(contextOf(request), request.params.id, request.body),
    );

    // ── lists ──────────────────────────────────────────────────────────────
    r.get(
      '/api/segmentation/high-potential',
      {
        schema: {
          tags,
          summary: '高潜力医生 High potential, low status: the largest gap first',
          querystring: highPotentialQuerySchema,
          response: { 200: listResponseSchema(highPotentialItemSchema) },
        },
      },
      async (request) => lists.findHighPotential(contextOf(request), request.query),
    );
    r.get(
      '/api/segmentation/key-accounts',
      {
        schema: {
          tags,
          summary:
            '重点客户 Doctors or hospitals of the caller ranked by value, the top share marked (80/20)',
          querystring: keyAccountQuerySchema,
          response: { 200: keyAccountListSchema },
        },
      },
      async (request) => lists.findKeyAccounts(contextOf(request), request.query),
    );
    r.post(
      '/api/segmentation/key-accounts/snapshot',
      {
        schema: {
          tags,
          summary: "Save this month's key-account lists for the caller (repeating replaces the month's list)",
          response: { 200: keyAccountSnapshotResultSchema },
        },
      },
      async (request) => lists.snapshotKeyAccounts(contextOf(request)),
    );
    r.get(
      '/api/segmentation/key-accounts/changes',
      {
        schema: {
          tags,
          summary: '月变更 Key accounts that entered and left since the previous snapshot',
          querystring: keyAccountChangesQuerySchema,
          response: { 200: keyAccountChangesSchema },
        },
      },
      async (request) => lists.keyAccountChanges(contextOf(request), request.query),
    );
    r.get(
      '/api/segmentation/key-accounts/reviews',
      {
        schema: {
          tags,
          summary: '周讨论 Weekly key-account reviews of the reps the caller may see',
          querystring: keyAccountReviewListQuerySchema,
          response: { 200: listResponseSchema(keyAccountReviewSchema) },
        },
      },
      async (request) => reviews.findReviews(contextOf(request), request.query),
    );
    r.post(
      '/api/segmentation/key-accounts/reviews',
      {
        schema: {
          tags,
          summary:
            "周讨论 Record this week's review of a rep's key accounts (again in the same week: replaces the note)",
          body: recordKeyAccountReviewSchema,
          response: { 200: keyAccountReviewSchema },
        },
      },
      async (request) => reviews.recordReview(contextOf(request), request.body),
    );
    r.get(
      '/api/segmentation/key-accounts/config',
      {
        schema: {
          tags,
          summary: 'Key-account share in force (default 0.2)',
          response: { 200: keyAccountConfigResponseSchema },
        },
      },
      async (request) => grading.getKeyAccountConfig(contextOf(request)),
    );
    r.put(
      '/api/segmentation/key-accounts/config',
      {
        schema: {
          tags,
          summary: 'Save the key-account share (admin)',
          body: saveKeyAccountConfigSchema,
          response: { 200: keyAccountConfigResponseSchema },
        },
      },
      async (request) => grading.saveKeyAccountConfig(contextOf(request), request.body),
    );
    r.get(
      '/api/segmentation/kols',
      {
        schema: {
          tags,
          summary: 'KOLs of the caller’s scope by type, development step and overdue contact',
          querystring: kolListQuerySchema,
          response: { 200: listResponseSchema(kolListItemSchema) },
        },
      },
      async (request) => lists.findKols(contextOf(request), request.query),
    );
  };
}
