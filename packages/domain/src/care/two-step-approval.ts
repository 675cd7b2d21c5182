/**
 * 两级审批 of care plans and academic events: the manager of the owner's team decides a submitted item; when it is
 * over a cap (needsCompliance) compliance decides after the manager. The owner never decides their own item.
 */
export type TwoStepRefusal =
  | 'forbidden'
  | 'selfApproval'
  | 'awaitingManager'
  | 'notTeamManager'
  | 'awaitingCompliance'
  | 'notAwaitingDecision';

export type TwoStepDecision = {
  step: 'manager' | 'compliance';
  status: 'managerApproved' | 'approved' | 'rejected';
};

export function decideTwoStep(input: {
  status: string;
  needsCompliance: boolean;
  deciderRole: string;
  deciderIsOwner: boolean;
  deciderIsOwnersManager: boolean;
  decision: 'approved' | 'rejected';
}): TwoStepDecision | { refused: TwoStepRefusal } {
  const { status, deciderRole: role } = input;
  if (role !== 'manager' && role !== 'compliance') return { refused: 'forbidden' };
  if (input.deciderIsOwner) return { refused: 'selfApproval' };
  let step: TwoStepDecision['step'];
  if (status === 'submitted') {
    if (role === 'compliance') return { refused: 'awaitingManager' };
    if (!input.deciderIsOwnersManager) return { refused: 'notTeamManager' };
    step = 'manager';
  } else if (status === 'managerApproved') {
    if (role !== 'compliance') return { refused: 'awaitingCompliance' };
    step = 'compliance';
  } else {
    return { refused: 'notAwaitingDecision' };
  }
  if (input.decision === 'rejected') return { step, status: 'rejected' };
  return { step, status: step === 'manager' && input.needsCompliance ? 'managerApproved' : 'approved' };
}
