import type { Db } from '../../db/client.ts';
import { surveyInvitations, surveyTemplates } from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';
import { newToken } from './surveys.service.ts';

/**
 * Test records of surveys: a template per audience and invitations in and out of rep1a's scope
 *
 *   invD1a rep1a → d1a (answered) · invD1b rep1b → d1b · invD2a rep2a → d2a (answered)
 *   invCc1a rep1a → cc1a (distributor) · invCc2a rep2a → cc2a (pharmacy)
 */
export async function surveysFixtures(db: Db, w: BaseWorld) {
  const [doctor, distributor, pharmacy] = await db
    .insert(surveyTemplates)
    .values([
      {
        name: '医生满意度调查',
        audience: 'doctor' as const,
        questions: [{ key: 'recommend', text: '您是否愿意推荐我们的产品？', type: 'score', required: true }],
        createdBy: w.users.admin.id,
      },
      { name: '经销商满意度调查', audience: 'distributor' as const, createdBy: w.users.admin.id },
      { name: '药店满意度调查', audience: 'pharmacy' as const, createdBy: w.users.admin.id },
    ])
    .returning();
  const month = 30 * 86_400_000;
  const invitation = async (
    templateId: string,
    sentBy: string,
    to: { doctorId?: string; hospitalId?: string; channelCustomerId?: string },
    answered?: { price: number; efficacy: number; service: number },
  ) => {
    const [row] = await db
      .insert(surveyInvitations)
      .values({
        templateId,
        sentBy,
        ...to,
        tokenHash: newToken().hash,
        expiresAt: new Date(Date.now() + month).toISOString(),
        ...(answered && {
          answeredAt: new Date().toISOString(),
          priceScore: answered.price,
          efficacyScore: answered.efficacy,
          serviceScore: answered.service,
          answers: { recommend: 5 },
        }),
      })
      .returning({ id: surveyInvitations.id });
    return row!.id;
  };
  const { d1a, d1b, d2a } = w.doctors;
  return {
    templates: { doctor: doctor!.id, distributor: distributor!.id, pharmacy: pharmacy!.id },
    invD1a: await invitation(
      doctor!.id,
      w.users.rep1a.id,
      { doctorId: d1a.id, hospitalId: d1a.hospitalId },
      { price: 3, efficacy: 5, service: 4 },
    ),
    invD1b: await invitation(doctor!.id, w.users.rep1b.id, { doctorId: d1b.id, hospitalId: d1b.hospitalId }),
    invD2a: await invitation(
      doctor!.id,
      w.users.rep2a.id,
      { doctorId: d2a.id, hospitalId: d2a.hospitalId },
      { price: 2, efficacy: 2, service: 2 },
    ),
    invCc1a: await invitation(distributor!.id, w.users.rep1a.id, {
      channelCustomerId: w.channelCustomers.cc1a.id,
    }),
    invCc2a: await invitation(pharmacy!.id, w.users.rep2a.id, {
      channelCustomerId: w.channelCustomers.cc2a.id,
    }),
  };
}
