import { decideTwoStep, type TwoStepDecision, type TwoStepRefusal } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { teamManagerOf } from '../users/team-lead.repository.ts';

const refusalCode: Record<TwoStepRefusal, 'FORBIDDEN' | 'CONFLICT'> = {
  forbidden: 'FORBIDDEN',
  selfApproval: 'CONFLICT',
  awaitingManager: 'CONFLICT',
  notTeamManager: 'FORBIDDEN',
  awaitingCompliance: 'CONFLICT',
  notAwaitingDecision: 'CONFLICT',
};

/**
 * The decision of a care plan or an academic event (manager, then compliance when over a cap), or the refusal as an
 * AppError whose message key is `<messagePrefix>.<refusal>`.
 */
export async function twoStepDecision(
  db: Db,
  ctx: RequestContext,
  row: { ownerId: string; status: string; needsCompliance: boolean },
  decision: 'approved' | 'rejected',
  messagePrefix: string,
): Promise<TwoStepDecision> {
  const role = ctx.actor.role;
  const deciderIsOwnersManager =
    role === 'manager' && row.status === 'submitted'
      ? (await teamManagerOf(db, row.ownerId)) === ctx.actor.id
      : false;
  const result = decideTwoStep({
    status: row.status,
    needsCompliance: row.needsCompliance,
    deciderRole: role,
    deciderIsOwner: row.ownerId === ctx.actor.id,
    deciderIsOwnersManager,
    decision,
  });
  if ('refused' in result) {
    const { refused } = result;
    throw new AppError(
      refusalCode[refused],
      refused === 'forbidden' ? {} : { messageKey: `${messagePrefix}.${refused}` },
    );
  }
  return result;
}
