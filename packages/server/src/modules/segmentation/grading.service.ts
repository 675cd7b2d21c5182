/**
 * The admins' grading rules (医院定级标准, 医生定级矩阵, 重点客户比例): read by everyone signed in, changed by
 * admins only. Saving a grading config re-grades every hospital (or every doctor × product status) in the
 * same transaction and keeps the before/after counts with the new version.
 */
import type { z } from 'zod';
import {
  defaultHighPotentialCriteria,
  gradeDoctor,
  previewGrades,
  regradeSummary,
  scoreHospital,
  validateDoctorGradingConfig,
  validateHighPotentialCriteria,
  validateHospitalGradingConfig,
  validateKeyAccountShare,
  type HighPotentialCriteria,
  type HospitalGradingInput,
  type HospitalLevel,
  type RegradeSummary,
} from '@keqing/domain';
import {
  defaultDoctorGradingSettings,
  defaultHospitalGradingConfig,
  defaultKeyAccountConfig,
  doctorGradingConfigSchema,
  hospitalGradingConfigSchema,
  keyAccountConfigSchema,
  type ConfigVersion,
  type DoctorGradingPreview,
  type DoctorGradingResponse,
  type DoctorGradingSettings,
  type HospitalGradingConfigInput,
  type HospitalGradingPreview,
  type HospitalGradingResponse,
  type KeyAccountConfig,
  type KeyAccountConfigResponse,
  type ListResponse,
  type Locale,
  type configHistoryQuerySchema,
  type saveDoctorGradingSchema,
  type saveHospitalGradingSchema,
  type saveKeyAccountConfigSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin } from '../../scope/scope.ts';
import { auditedCreate } from '../audit/audited.ts';
import * as repo from './segmentation.repository.ts';
import { fieldError, problemsError } from './segmentation.problems.ts';
import { listOf } from '../../db/list.ts';

const hospitalGrades = ['A', 'B', 'C'];

type StoredConfig<T> = {
  config: T;
  version: number;
  isDefault: boolean;
  savedAt: string | null;
  savedBy: { id: string; name: string } | null;
};

async function loadConfig<T>(
  db: Db,
  kind: repo.ConfigKind,
  parse: (raw: unknown) => T,
  fallback: T,
): Promise<StoredConfig<T>> {
  const row = await repo.getLatestConfig(db, kind);
  if (!row) return { config: fallback, version: 0, isDefault: true, savedAt: null, savedBy: null };
  return {
    config: parse(row.config),
    version: row.version,
    isDefault: false,
    savedAt: row.savedAt,
    savedBy: row.savedBy,
  };
}

export const loadHospitalGrading = (db: Db) =>
  loadConfig<HospitalGradingConfigInput>(
    db,
    'hospitalGrading',
    (raw) => hospitalGradingConfigSchema.parse(raw),
    defaultHospitalGradingConfig,
  );

export const loadDoctorGrading = (db: Db) =>
  loadConfig<DoctorGradingSettings>(
    db,
    'doctorGrading',
    (raw) => doctorGradingConfigSchema.parse(raw),
    defaultDoctorGradingSettings,
  );

export const loadKeyAccountConfig = (db: Db) =>
  loadConfig<KeyAccountConfig>(
    db,
    'keyAccounts',
    (raw) => keyAccountConfigSchema.parse(raw),
    defaultKeyAccountConfig,
  );

/** 高潜力 criteria of a doctor grading config: its own, or the default moved onto its scale. */
export function highPotentialCriteriaOf(settings: DoctorGradingSettings): HighPotentialCriteria {
  const scale = settings.potentialScale;
  if (settings.highPotential) {
    return {
      minPotential: settings.highPotential.minPotential,
      maxStatus: settings.highPotential.maxStatus as HighPotentialCriteria['maxStatus'],
      potentialScale: scale,
    };
  }
  return {
    ...defaultHighPotentialCriteria,
    minPotential: Math.max(scale.min, scale.max - 1),
    potentialScale: scale,
  };
}

export function hospitalGradingInput(h: {
  level: string;
  beds: number | null;
  outpatientsPerDay: number | null;
  drugUseLevel: number | null;
  competitorCount: number | null;
  competitionStrength: number | null;
  hasDominantCompetitor: boolean | null;
}): HospitalGradingInput {
  return {
    level: h.level as HospitalLevel,
    beds: h.beds,
    outpatientsPerDay: h.outpatientsPerDay,
    drugUseLevel: h.drugUseLevel,
    competition:
      h.competitorCount == null
        ? null
        : {
            competitorCount: h.competitorCount,
            strength: h.competitionStrength,
            oneDominates: h.hasDominantCompetitor,
          },
  };
}

/**
 * Grades the given hospitals with the config in force — for modules that create or change hospitals
 * (accounts, imports), inside their own transaction, so a new or edited hospital never waits for the next
 * config save to get its grade.
 */
export async function gradeHospitals(tx: Db, hospitalIds: readonly string[]): Promise<void> {
  if (hospitalIds.length === 0) return;
  const { config } = await loadHospitalGrading(tx);
  const rows = await repo.findHospitalsForGrading(tx, hospitalIds);
  await repo.updateHospitalGrades(
    tx,
    rows.map((r) => {
      const { grade, score } = scoreHospital(hospitalGradingInput(r), config);
      return { id: r.id, grade, score: Math.round(score) };
    }),
  );
}

function checkDoctorSettings(settings: DoctorGradingSettings, locale: Locale) {
  const problems = validateDoctorGradingConfig(settings, settings.potentialScale);
  if (settings.highPotential) {
    problems.push(
      ...validateHighPotentialCriteria(highPotentialCriteriaOf(settings))
        .filter((p) => p.path !== 'potentialScale')
        .map((p) => ({ ...p, path: `highPotential.${p.path ?? ''}` })),
    );
  }
  if (problems.length > 0) throw problemsError(problems, 'body.config', locale);
}

/** Grades every current status under `settings`; statuses whose potential lies off its scale are refused. */
async function regradeStatuses(db: Db, settings: DoctorGradingSettings, locale: Locale) {
  const rows = await repo.findStatusesForGrading(db);
  const { min, max } = settings.potentialScale;
  const outside = rows.filter((r) => r.potential < min || r.potential > max).length;
  if (outside > 0) {
    throw fieldError('body.config.potentialScale', 'segmentation.grading.potentialsOutsideScale', locale, {
      count: outside,
      min,
      max,
    });
  }
  const graded = rows.map((r) => {
    const result = gradeDoctor(r.status, r.potential, settings);
    // The settings were validated and the potentials are on the scale, so every cell has a grade.
    if (!result.ok) throw problemsError([result.error], 'body.config', locale);
    return { ...r, newGrade: result.grade, newVisits: result.visitsPerCycle };
  });
  const key = (r: { doctorId: string; productId: string }) => `${r.doctorId}:${r.productId}`;
  const summary = regradeSummary(
    graded.map((r) => ({ id: key(r), grade: r.grade })),
    graded.map((r) => ({ id: key(r), grade: r.newGrade })),
    settings.grades,
  );
  return { graded, summary };
}

async function regradeHospitals(db: Db, config: HospitalGradingConfigInput) {
  const rows = await repo.findHospitalsForGrading(db);
  const inputs = rows.map(hospitalGradingInput);
  const scored = rows.map((r, i) => ({ id: r.id, before: r.grade, ...scoreHospital(inputs[i]!, config) }));
  const preview = previewGrades(inputs, config);
  const summary = regradeSummary(
    scored.filter((s) => s.before !== null).map((s) => ({ id: s.id, grade: s.before as string })),
    scored.map((s) => ({ id: s.id, grade: s.grade })),
    hospitalGrades,
  );
  return { scored, preview, summary };
}

export function createGradingService(deps: { db: Db }) {
  const { db } = deps;

  /** Saves a new version after checking the version read; `regrade` runs in the same transaction. */
  async function saveVersion(
    ctx: RequestContext,
    kind: repo.ConfigKind,
    expectedVersion: number,
    config: unknown,
    regrade: (tx: Db) => Promise<RegradeSummary | null>,
  ): Promise<RegradeSummary | null> {
    let summary: RegradeSummary | null = null;
    await auditedCreate(db, ctx, {
      entity: 'segmentationConfig',
      create: async (tx) => {
        await repo.lockConfigKind(tx, kind);
        const current = await repo.countConfigs(tx, kind);
        if (current !== expectedVersion) throw versionConflict(current);
        summary = await regrade(tx);
        return repo.insertConfig(tx, {
          kind,
          config,
          regradeSummary: summary,
          createdBy: ctx.actor.id,
        });
      },
      load: (tx, id) => repo.getConfigById(tx, id),
    });
    return summary;
  }

  async function history(
    kind: repo.ConfigKind,
    q: z.infer<typeof configHistoryQuerySchema>,
  ): Promise<ListResponse<ConfigVersion>> {
    const { rows, total } = await repo.findConfigHistory(db, kind, q.page, q.pageSize);
    return listOf(rows as ConfigVersion[], total, q);
  }

  return {
    async getHospitalGrading(_ctx: RequestContext): Promise<HospitalGradingResponse> {
      return loadHospitalGrading(db);
    },

    async previewHospitalGrading(
      ctx: RequestContext,
      body: { config: HospitalGradingConfigInput },
    ): Promise<HospitalGradingPreview> {
      assertAdmin(ctx.actor);
      const problems = validateHospitalGradingConfig(body.config);
      if (problems.length > 0) throw problemsError(problems, 'body.config', ctx.locale);
      const { preview, summary } = await regradeHospitals(db, body.config);
      return {
        total: preview.total,
        counts: preview.counts,
        incomplete: preview.incomplete,
        summary,
      };
    },

    async saveHospitalGrading(
      ctx: RequestContext,
      body: z.infer<typeof saveHospitalGradingSchema>,
    ): Promise<HospitalGradingResponse & { summary: RegradeSummary }> {
      assertAdmin(ctx.actor);
      const problems = validateHospitalGradingConfig(body.config);
      if (problems.length > 0) throw problemsError(problems, 'body.config', ctx.locale);
      const summary = await saveVersion(ctx, 'hospitalGrading', body.version, body.config, async (tx) => {
        const { scored, summary } = await regradeHospitals(tx, body.config);
        await repo.updateHospitalGrades(
          tx,
          scored.map((s) => ({ id: s.id, grade: s.grade, score: Math.round(s.score) })),
        );
        return summary;
      });
      return { ...(await loadHospitalGrading(db)), summary: summary! };
    },

    hospitalGradingHistory: (_ctx: RequestContext, q: z.infer<typeof configHistoryQuerySchema>) =>
      history('hospitalGrading', q),

    async getDoctorGrading(_ctx: RequestContext): Promise<DoctorGradingResponse> {
      return loadDoctorGrading(db);
    },

    async previewDoctorGrading(
      ctx: RequestContext,
      body: { config: DoctorGradingSettings },
    ): Promise<DoctorGradingPreview> {
      assertAdmin(ctx.actor);
      checkDoctorSettings(body.config, ctx.locale);
      const { graded, summary } = await regradeStatuses(db, body.config, ctx.locale);
      return { total: graded.length, summary };
    },

    async saveDoctorGrading(
      ctx: RequestContext,
      body: z.infer<typeof saveDoctorGradingSchema>,
    ): Promise<DoctorGradingResponse & { summary: RegradeSummary }> {
      assertAdmin(ctx.actor);
      checkDoctorSettings(body.config, ctx.locale);
      const summary = await saveVersion(ctx, 'doctorGrading', body.version, body.config, async (tx) => {
        const { graded, summary } = await regradeStatuses(tx, body.config, ctx.locale);
        await repo.updateStatusGrades(
          tx,
          graded
            .filter((r) => r.grade !== r.newGrade || r.visitsPerCycle !== r.newVisits)
            .map((r) => ({
              doctorId: r.doctorId,
              productId: r.productId,
              grade: r.newGrade,
              visitsPerCycle: r.newVisits,
            })),
        );
        return summary;
      });
      return { ...(await loadDoctorGrading(db)), summary: summary! };
    },

    doctorGradingHistory: (_ctx: RequestContext, q: z.infer<typeof configHistoryQuerySchema>) =>
      history('doctorGrading', q),

    async getKeyAccountConfig(_ctx: RequestContext): Promise<KeyAccountConfigResponse> {
      return loadKeyAccountConfig(db);
    },

    async saveKeyAccountConfig(
      ctx: RequestContext,
      body: z.infer<typeof saveKeyAccountConfigSchema>,
    ): Promise<KeyAccountConfigResponse> {
      assertAdmin(ctx.actor);
      const check = validateKeyAccountShare(body.config.share);
      if (!check.ok) throw problemsError([{ ...check.error, path: 'share' }], 'body.config', ctx.locale);
      await saveVersion(ctx, 'keyAccounts', body.version, body.config, async () => null);
      return loadKeyAccountConfig(db);
    },
  };
}
export type GradingService = ReturnType<typeof createGradingService>;
