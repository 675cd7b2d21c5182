/** Rule messages of 竞品情报 competitor intelligence (keys namespaced `competitors.`). */
export const competitorsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {
    'competitors.product.duplicate': '该公司的同名竞品已存在',
    'competitors.product.unknown': '竞品不存在或已停用',
    'competitors.product.ourUnknown': '对应的我方产品不存在',
    'competitors.doctor.otherHospital': '该医生不属于所选医院',
    'competitors.hospital.unknown': '医院不存在或不在您的辖区内',
    'competitors.observedOn.future': '观察日期不能晚于今天（今天是 {today}）',
    'competitors.activity.whoNeeded': '请选择竞品或填写竞争公司',
    'competitors.range': '开始日期不能晚于结束日期',
  },
  en: {
    'competitors.product.duplicate': 'This company already has a competitor product of that name',
    'competitors.product.unknown': 'The competitor product does not exist or is inactive',
    'competitors.product.ourUnknown': 'Our product does not exist',
    'competitors.doctor.otherHospital': 'The doctor does not work at the chosen hospital',
    'competitors.hospital.unknown': 'The hospital does not exist or is outside your territory',
    'competitors.observedOn.future': 'The observed date cannot be after today (today is {today})',
    'competitors.activity.whoNeeded': 'Choose a competitor product or enter the competing company',
    'competitors.range': 'The start date cannot be after the end date',
  },
};
