/** Rule messages of channel-money (keys namespaced `channelMoney.`). */
export const channelMoneyMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {
    'channelMoney.customer.outOfScope': '该渠道客户不在您负责的辖区内',
    'channelMoney.date.future': '日期不能晚于今天',
    'channelMoney.adjustment.zero': '调整金额不能为 0',
    'channelMoney.adjustment.managerOnly': '只有经理或管理员可以录入调整分录',
    'channelMoney.clientId.reused': '该提交编号已用于另一笔回款，请刷新后重试',
    'channelMoney.reconciliation.duplicate': '{customer} 在 {periodEnd} 的对账已经登记过，不能重复登记',
    'channelMoney.bill.duplicate': '票据号 {billNo} 已登记过',
    'channelMoney.bill.notPending': '该票据不在待审批状态，不能再审批',
    'channelMoney.bill.selfDecision': '不能审批自己录入的票据',
    'channelMoney.bill.notApprover': '只有录入人所在团队的经理或管理员可以审批商业承兑汇票',
    'channelMoney.bill.notAccepted': '只有已接收的票据才能登记退票',
    'channelMoney.bill.dueBeforeReceived': '到期日不能早于收票日期',
    'channelMoney.bill.bounceNote': '退票：{billNo}',
    'channelMoney.bill.paymentNote': '票据回款：{billNo}',
    'channelMoney.promotion.noDoctors': '促销只能面向经销商、药店或诊所，不能针对或奖励任何医生个人',
    'channelMoney.promotion.targetKind': '目标类型只能是经销商、药店或诊所',
    'channelMoney.promotion.targetOutOfScope': '目标客户不在促销负责人的辖区内，或不是所选目标类型',
    'channelMoney.promotion.productUnknown': '产品不存在',
    'channelMoney.promotion.period': '结束日期不能早于开始日期',
    'channelMoney.promotion.notEditable': '只有草稿或被驳回的促销可以修改',
    'channelMoney.promotion.notOwner': '只有促销负责人或其经理可以修改或提交该促销',
    'channelMoney.promotion.notSubmittable': '只有草稿或被驳回的促销可以提交审批',
    'channelMoney.promotion.notSubmitted': '该促销不在待审批状态',
    'channelMoney.promotion.selfDecision': '不能审批自己负责的促销',
    'channelMoney.promotion.notApprover': '只有促销负责人的经理或管理员可以审批',
    'channelMoney.payout.notApproved': '只有已批准的促销才能兑付',
    'channelMoney.payout.outsidePeriod':
      '兑付日期须在促销期内（结束后 {graceDays} 天内亦可）：{from} 至 {to}',
    'channelMoney.payout.notTarget': '兑付对象必须是该促销面向的渠道客户',
    'channelMoney.payout.overBudget': '超出预算，需经理审批（预算 {budget}，已兑付 {paid}，本次 {amount}）',
    'channelMoney.payout.confirmOverBudget':
      '超出预算（预算 {budget}，已兑付 {paid}，本次 {amount}）：请勾选“批准超预算”后再提交',
    'channelMoney.payout.note': '促销兑付',
  },
  en: {
    'channelMoney.customer.outOfScope': 'This channel customer is not in your territories',
    'channelMoney.date.future': 'The date cannot be later than today',
    'channelMoney.adjustment.zero': 'An adjustment cannot be 0',
    'channelMoney.adjustment.managerOnly': 'Only managers and admins record adjustments',
    'channelMoney.clientId.reused': 'This submission id was used for another payment; reload and try again',
    'channelMoney.reconciliation.duplicate':
      'The reconciliation of {customer} for {periodEnd} is already recorded and cannot be recorded twice',
    'channelMoney.bill.duplicate': 'Bill number {billNo} is already recorded',
    'channelMoney.bill.notPending': 'This bill is not awaiting approval',
    'channelMoney.bill.selfDecision': 'You cannot approve a bill you entered yourself',
    'channelMoney.bill.notApprover':
      'Only the manager of the entering rep’s team or an admin approves a commercial acceptance draft',
    'channelMoney.bill.notAccepted': 'Only an accepted bill can bounce',
    'channelMoney.bill.dueBeforeReceived': 'The due date cannot be before the date received',
    'channelMoney.bill.bounceNote': 'Bounced: {billNo}',
    'channelMoney.bill.paymentNote': 'Paid by bill {billNo}',
    'channelMoney.promotion.noDoctors':
      'Promotions are for distributors, pharmacies and clinics only; they may never target or reward an individual doctor',
    'channelMoney.promotion.targetKind': 'The target kind must be distributor, pharmacy or clinic',
    'channelMoney.promotion.targetOutOfScope':
      'A target customer is not in the owner’s territories or is not of a chosen target kind',
    'channelMoney.promotion.productUnknown': 'Unknown product',
    'channelMoney.promotion.period': 'The end date cannot be before the start date',
    'channelMoney.promotion.notEditable': 'Only a draft or rejected promotion can be changed',
    'channelMoney.promotion.notOwner':
      'Only the owner of the promotion or their manager may change or submit it',
    'channelMoney.promotion.notSubmittable': 'Only a draft or rejected promotion can be submitted',
    'channelMoney.promotion.notSubmitted': 'This promotion is not awaiting approval',
    'channelMoney.promotion.selfDecision': 'You cannot approve your own promotion',
    'channelMoney.promotion.notApprover': 'Only the owner’s manager or an admin approves a promotion',
    'channelMoney.payout.notApproved': 'Only an approved promotion can pay out',
    'channelMoney.payout.outsidePeriod':
      'The payout date must be within the promotion period (or up to {graceDays} days after it): {from} to {to}',
    'channelMoney.payout.notTarget': 'Payouts go only to a channel customer the promotion targets',
    'channelMoney.payout.overBudget':
      'Over budget; a manager must approve (budget {budget}, paid {paid}, this payout {amount})',
    'channelMoney.payout.confirmOverBudget':
      'Over budget (budget {budget}, paid {paid}, this payout {amount}): tick “approve over budget” to proceed',
    'channelMoney.payout.note': 'Promotion payout',
  },
};
