/** Messages of the complaints module (keys namespaced `complaints.`). */
export const complaintsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {
    // server (complaints.service.ts)
    'complaints.status.received': '已接收',
    'complaints.status.acknowledged': '已确认',
    'complaints.status.actionTaken': '已处理',
    'complaints.status.closed': '已关闭',
    'complaints.roleCannotCreate': '只有医药代表和经理可以登记客户投诉',
    'complaints.notOwner': '只有投诉的负责人及其经理可以处理该投诉',
    'complaints.customer.exactlyOne': '请选择一位医生或一个渠道客户（只能选其一）',
    'complaints.doctor.outOfScope': '该医生不在您负责的辖区内',
    'complaints.doctor.merged': '该医生已合并到另一条记录，请选择合并后的医生',
    'complaints.channelCustomer.outOfScope': '该渠道客户不在您负责的辖区内',
    'complaints.product.unknown': '产品不存在',
    'complaints.receivedAt.future': '接收时间不能晚于当前时间',
    'complaints.receivedAt.tooOld': '只能登记 {days} 天内收到的投诉',
    'complaints.closed': '该投诉已关闭，不能再修改',
    'complaints.advance.notNext': '投诉当前为“{from}”，下一步只能是“{next}”，不能直接改为“{to}”',
    'complaints.advance.urgentActionMissing': '请先填写紧急行动，再标记为已处理',
    'complaints.advance.apologyMissing': '请先向客户道歉并勾选“已道歉”，再标记为已处理',
    'complaints.advance.resolutionMissing': '关闭投诉前请填写处理结果',
    'complaints.advance.satisfactionMissing': '关闭投诉前请记录客户是否满意',
  },
  en: {
    // server (complaints.service.ts)
    'complaints.status.received': 'Received',
    'complaints.status.acknowledged': 'Acknowledged',
    'complaints.status.actionTaken': 'Action taken',
    'complaints.status.closed': 'Closed',
    'complaints.roleCannotCreate': 'Only reps and managers record complaints',
    'complaints.notOwner': 'Only the owner of the complaint and their manager may work on it',
    'complaints.customer.exactlyOne': 'Choose one doctor or one channel customer (not both)',
    'complaints.doctor.outOfScope': 'This doctor is not in your territories',
    'complaints.doctor.merged': 'This doctor was merged into another record; choose the merged doctor',
    'complaints.channelCustomer.outOfScope': 'This channel customer is not in your territories',
    'complaints.product.unknown': 'Unknown product',
    'complaints.receivedAt.future': 'The time received cannot be in the future',
    'complaints.receivedAt.tooOld': 'Only complaints received within the last {days} days can be recorded',
    'complaints.closed': 'This complaint is closed and can no longer be changed',
    'complaints.advance.notNext': 'The complaint is “{from}”; its next status is “{next}”, not “{to}”',
    'complaints.advance.urgentActionMissing':
      'Record the urgent action before marking the complaint as action taken',
    'complaints.advance.apologyMissing':
      'Apologise to the customer and tick “apologised” before marking the complaint as action taken',
    'complaints.advance.resolutionMissing': 'Record the resolution before closing the complaint',
    'complaints.advance.satisfactionMissing':
      'Record whether the customer was satisfied before closing the complaint',
  },
};
