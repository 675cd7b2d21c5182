/** Rule messages of the accounts module (keys namespaced by module). Merged in ../i18n.ts. */
export const accountsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {
    'accounts.clinicSchedule.duplicate': '门诊时间重复：同一天的同一个半天只能出现一次',
    'accounts.hospital.codeTaken': '医院编码“{code}”已被使用',
    'accounts.hospital.coordinatesPaired': '纬度和经度须同时填写或同时清空',
    'accounts.department.nameTaken': '该医院已有名为“{name}”的科室',
    'accounts.department.inUse': '该科室下还有医生或关键联系人，不能删除',
    'accounts.department.otherHospital': '所选科室不属于该医院',
    'accounts.doctor.codeTaken': '医生编码“{code}”已被使用',
    'accounts.keyContact.inUse': '该关键联系人已被其他记录引用，不能删除',
    'accounts.doctor.inUse': '该医生已有评分、拜访等业务记录，不能删除',
    'accounts.doctor.gradeNeedsProduct': '按医生级别筛选时须同时选择产品',
    'accounts.doctor.sortNeedsProduct': '按级别、处方现状、处方潜力或拜访频率排序时须同时选择产品',
    'accounts.writeOutsideLine': '只有负责该医院的医药代表及其地区经理可以维护医生、科室和关键联系人',
    'accounts.product.nameTaken': '产品名称“{name}”已被使用',
    'accounts.product.answerNeedsObjection': '填写了异议处理的回答，请同时填写对应的异议',
    'accounts.profile.adminRefused':
      '医生个人信息属于敏感个人信息，仅负责该医院的医药代表、其地区经理和合规审计员可以查看，管理员无权查看',
    'accounts.profile.writeRefused': '只有负责该医院的医药代表及其地区经理可以修改医生个人信息',
    'accounts.profile.mobileInvalid': '手机号须为 11 位数字，以 1 开头',
    'accounts.profile.birthdayInvalid': '生日日期无效',
    'accounts.export.personalAdminOnly': '导出医生个人信息须由管理员操作，且会记入审计日志',
    'accounts.savedView.nameTaken': '已有名为“{name}”的视图',
    'accounts.savedView.tooLarge': '视图参数过大',
  },
  en: {
    'accounts.clinicSchedule.duplicate': 'Duplicate clinic time: each half-day may appear only once',
    'accounts.hospital.codeTaken': 'The hospital code "{code}" is already taken',
    'accounts.hospital.coordinatesPaired': 'Latitude and longitude go together: fill in or clear both',
    'accounts.department.nameTaken': 'The hospital already has a department named "{name}"',
    'accounts.department.inUse': 'The department still has doctors or key contacts and cannot be deleted',
    'accounts.department.otherHospital': 'The department does not belong to this hospital',
    'accounts.doctor.codeTaken': 'The doctor code "{code}" is already taken',
    'accounts.keyContact.inUse': 'The key contact is referenced by other records and cannot be deleted',
    'accounts.doctor.inUse': 'The doctor already has scores, calls or other records and cannot be deleted',
    'accounts.doctor.gradeNeedsProduct': 'Filtering by doctor grade needs a product',
    'accounts.doctor.sortNeedsProduct':
      'Sorting by grade, prescription status, potential or visit frequency needs a product',
    'accounts.writeOutsideLine':
      'Only the reps covering the hospital and their managers maintain its doctors, departments and key contacts',
    'accounts.product.nameTaken': 'The product name "{name}" is already taken',
    'accounts.product.answerNeedsObjection': 'An answer needs the objection it answers',
    'accounts.profile.adminRefused':
      "A doctor's personal data is sensitive: only the reps covering the hospital, their managers and compliance may see it, not admins",
    'accounts.profile.writeRefused':
      "Only the reps covering the hospital and their managers may change a doctor's personal data",
    'accounts.profile.mobileInvalid': 'A mobile number has 11 digits and starts with 1',
    'accounts.profile.birthdayInvalid': 'The birthday is not a valid date',
    'accounts.export.personalAdminOnly':
      'Only an admin may export personal data, and such an export is recorded in the audit log',
    'accounts.savedView.nameTaken': 'You already have a view named "{name}"',
    'accounts.savedView.tooLarge': 'The view parameters are too large',
  },
};
