/**
 * Satisfaction surveys 满意度调查 (seed 002): templates per audience (admin/manager), one-time links sent by a rep or
 * manager to a doctor or channel customer in their scope, answered without signing in (only the token's sha256 is
 * stored; a token answers once, within 30 days), and results per customer with monthly trends.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { checkSurveyAnswers, checkSurveyQuestions, surveyTrend, surveyValidDays } from '@keqing/domain';
import {
  ruleMessage,
  type answerSurveySchema,
  type createSurveyInvitationSchema,
  type createSurveyTemplateSchema,
  type ListResponse,
  type PublicSurvey,
  type SentSurvey,
  type SurveyInvitation,
  type surveyInvitationListQuerySchema,
  type SurveyResults,
  type surveyResultsQuerySchema,
  type SurveyTemplate,
  type surveyTemplateListQuerySchema,
  type updateSurveyTemplateSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import * as repo from './surveys.repository.ts';

/** A random one-time token (32 bytes, base64url) and the sha256 that is all the database keeps. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const round1 = (n: number) => Math.round(n * 10) / 10;

export function createSurveysService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  const invitationScope = (ctx: RequestContext) => repo.visibleInvitations(scopeOf(ctx.actor));

  function assertTemplateWriter(ctx: RequestContext) {
    if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'manager')
      throw new AppError('FORBIDDEN', { messageKey: 'survey.template.writeRefused' });
  }

  function checkQuestions(questions: z.infer<typeof createSurveyTemplateSchema>['questions']) {
    const issue = checkSurveyQuestions(questions)[0];
    if (issue) throw fieldError(`body.${issue.path}`, issue.key);
  }

  const loadTemplate = (tx: Db, id: string) =>
    repo.getTemplate(tx, id) as Promise<SurveyTemplate | undefined>;

  /** The recipient must be in the caller's scope (a field error, nothing saved) and suit the audience. */
  async function recipientOf(ctx: RequestContext, input: z.infer<typeof createSurveyInvitationSchema>) {
    const template = await repo.getTemplate(db, input.templateId);
    if (!template) throw fieldError('body.templateId', 'survey.template.inactive');
    if (!template.active) throw fieldError('body.templateId', 'survey.template.inactive');
    const scope = scopeOf(ctx.actor);
    const audienceName = ruleMessage(ctx.locale, `survey.audience.${template.audience}`) ?? template.audience;
    if (!!input.doctorId === !!input.channelCustomerId)
      throw fieldError('body.doctorId', 'survey.send.oneRecipient');
    if (input.doctorId) {
      const doctor = await repo.getDoctor(db, input.doctorId, scope.doctors(repo.doctors.id));
      if (!doctor) throw fieldError('body.doctorId', 'survey.send.doctorOutOfScope');
      if (template.audience !== 'doctor')
        throw fieldError('body.templateId', 'survey.send.audienceMismatch', { audience: audienceName });
      return { template, doctorId: doctor.id, hospitalId: doctor.hospitalId, channelCustomerId: null };
    }
    const customer = await repo.getChannelCustomer(
      db,
      input.channelCustomerId!,
      scope.channelCustomers(repo.channelCustomers.id),
    );
    if (!customer) throw fieldError('body.channelCustomerId', 'survey.send.customerOutOfScope');
    if (template.audience !== customer.kind)
      throw fieldError('body.templateId', 'survey.send.audienceMismatch', { audience: audienceName });
    return { template, doctorId: null, hospitalId: null, channelCustomerId: customer.id };
  }

  /** A customer filter names a record the caller sees, or the answer is 404 (never reveals which). */
  async function assertFilterVisible(
    ctx: RequestContext,
    f: { doctorId?: string; channelCustomerId?: string },
  ) {
    const scope = scopeOf(ctx.actor);
    if (f.doctorId && !(await repo.getDoctor(db, f.doctorId, scope.doctors(repo.doctors.id))))
      throw notFound();
    if (
      f.channelCustomerId &&
      !(await repo.getChannelCustomer(
        db,
        f.channelCustomerId,
        scope.channelCustomers(repo.channelCustomers.id),
      ))
    )
      throw notFound();
  }

  /** The invitation a public token names: unknown → 404, answered → 409, expired → 409. */
  async function openInvitation(token: string) {
    const row = await repo.getByTokenHash(db, hashToken(token));
    if (!row) throw notFound();
    if (row.answeredAt) throw new AppError('CONFLICT', { messageKey: 'survey.answer.alreadySubmitted' });
    if (row.expired)
      throw new AppError('CONFLICT', {
        messageKey: 'survey.answer.expired',
        params: { days: surveyValidDays },
      });
    return row;
  }

  return {
    // ── Templates ──

    async findTemplates(
      _ctx: RequestContext,
      q: z.infer<typeof surveyTemplateListQuerySchema>,
    ): Promise<ListResponse<SurveyTemplate>> {
      const { rows, total } = await repo.findTemplates(db, q, q);
      return listOf(rows as SurveyTemplate[], total, q);
    },

    async createTemplate(
      ctx: RequestContext,
      input: z.infer<typeof createSurveyTemplateSchema>,
    ): Promise<SurveyTemplate> {
      assertTemplateWriter(ctx);
      checkQuestions(input.questions);
      return auditedCreate(db, ctx, {
        entity: 'surveyTemplate',
        create: (tx) => repo.insertTemplate(tx, { ...input, createdBy: ctx.actor.id }),
        load: loadTemplate,
      });
    },

    async updateTemplate(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateSurveyTemplateSchema>,
    ): Promise<SurveyTemplate> {
      assertTemplateWriter(ctx);
      if (input.questions) checkQuestions(input.questions);
      const { version, ...rest } = input;
      return auditedChange(db, ctx, {
        entity: 'surveyTemplate',
        id,
        load: (tx) => loadTemplate(tx, id),
        write: (tx) => updateVersioned(tx, repo.surveyTemplates, id, version, definedOnly(rest)),
      });
    },

    // ── Invitations ──

    async findInvitations(
      ctx: RequestContext,
      q: z.infer<typeof surveyInvitationListQuerySchema>,
    ): Promise<ListResponse<SurveyInvitation>> {
      const { rows, total } = await repo.findInvitations(db, { ...q, scope: invitationScope(ctx) }, q);
      return listOf(rows as SurveyInvitation[], total, q);
    },

    /** Creates the invitation and answers its link once; the token itself is never stored. */
    async sendInvitation(
      ctx: RequestContext,
      input: z.infer<typeof createSurveyInvitationSchema>,
    ): Promise<SentSurvey> {
      if (ctx.actor.role !== 'rep' && ctx.actor.role !== 'manager')
        throw new AppError('FORBIDDEN', { messageKey: 'survey.send.roleRefused' });
      const recipient = await recipientOf(ctx, input);
      const { token, hash } = newToken();
      const sentAt = now();
      const sent = await auditedCreate(db, ctx, {
        entity: 'surveyInvitation',
        create: (tx) =>
          repo.insertInvitation(tx, {
            templateId: recipient.template.id,
            doctorId: recipient.doctorId,
            hospitalId: recipient.hospitalId,
            channelCustomerId: recipient.channelCustomerId,
            sentBy: ctx.actor.id,
            tokenHash: hash,
            sentAt: sentAt.toISOString(),
            expiresAt: new Date(sentAt.getTime() + surveyValidDays * 86_400_000).toISOString(),
          }),
        load: (tx, id) => repo.getInvitation(tx, id),
      });
      return { ...(sent as SurveyInvitation), link: `/s/${token}`, token };
    },

    async results(ctx: RequestContext, q: z.infer<typeof surveyResultsQuerySchema>): Promise<SurveyResults> {
      await assertFilterVisible(ctx, q);
      const f = { ...q, scope: invitationScope(ctx) };
      const [scores, answers] = await Promise.all([repo.findScores(db, f), repo.findAnswers(db, f)]);
      const n = scores.length;
      const sum = (k: 'priceScore' | 'efficacyScore' | 'serviceScore') =>
        round1(scores.reduce((a, s) => a + s[k], 0) / n);
      return {
        answered: n,
        average: n
          ? { price: sum('priceScore'), efficacy: sum('efficacyScore'), service: sum('serviceScore') }
          : null,
        months: surveyTrend(scores),
        answers: answers as SurveyInvitation[],
      };
    },

    // ── Public: no session ──

    async publicSurvey(token: string): Promise<PublicSurvey> {
      const row = await openInvitation(token);
      return {
        templateName: row.templateName,
        audience: row.audience,
        recipientName: row.recipientName,
        questions: row.questions,
      };
    },

    /** Stores the answers once: a second submit (or a race) finds the invitation answered → 409. */
    async answer(
      token: string,
      input: z.infer<typeof answerSurveySchema>,
      requestId: string,
    ): Promise<{ answeredAt: string }> {
      const row = await openInvitation(token);
      const issue = checkSurveyAnswers(row.questions, input)[0];
      if (issue) throw fieldError(`body.${issue.path}`, issue.key);
      return db.transaction(async (tx) => {
        const stored = await repo.answerInvitation(tx, row.id, {
          priceScore: input.priceScore,
          efficacyScore: input.efficacyScore,
          serviceScore: input.serviceScore,
          answers: input.answers,
          comment: input.comment ?? null,
        });
        if (!stored) throw new AppError('CONFLICT', { messageKey: 'survey.answer.alreadySubmitted' });
        const after = (await repo.getInvitation(tx, row.id))!;
        await insertAudit(tx, {
          actorId: null,
          requestId,
          entity: 'surveyInvitation',
          entityId: row.id,
          action: 'update',
          before: { answeredAt: null },
          after: {
            answeredAt: after.answeredAt,
            priceScore: after.priceScore,
            efficacyScore: after.efficacyScore,
            serviceScore: after.serviceScore,
          },
        });
        return { answeredAt: after.answeredAt! };
      });
    },
  };
}
export type SurveysService = ReturnType<typeof createSurveysService>;
