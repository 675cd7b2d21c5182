/** Messages for requests refused before any route sees them (keys namespaced `request.`). */
export const requestMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {
    'request.invalidUtf8': '请求内容不是有效的 UTF-8 文本',
    'request.nulCharacter': '提交的文字中含有不允许的空字符（\\u0000）',
    'request.tooDeep': '提交的数据嵌套层级过深（最多 {max} 层）',
    'request.urlTooLong': '请求地址中的参数过长',
    'request.badUrl': '请求地址格式不正确',
    'request.valueRejected': '提交的数值或日期超出允许范围，请检查后重试',
    'request.dbBusy': '系统繁忙，请稍后重试',
    'request.queryTimeout': '查询超时，请稍后重试或缩小查询范围',
    'request.lockContention': '数据正被他人同时修改，本次未保存任何内容，请重试',
  },
  en: {
    'request.invalidUtf8': 'The request body is not valid UTF-8 text',
    'request.nulCharacter': 'The submitted text contains a NUL character (\\u0000), which is not allowed',
    'request.tooDeep': 'The submitted data is nested too deeply (at most {max} levels)',
    'request.urlTooLong': 'A parameter in the request URL is too long',
    'request.badUrl': 'The request URL is malformed',
    'request.valueRejected': 'A submitted number or date is out of the allowed range; please check it',
    'request.dbBusy': 'The system is busy; please try again shortly',
    'request.queryTimeout': 'The query took too long and was stopped; try again later or narrow it down',
    'request.lockContention': 'Someone else was changing the same data; nothing was saved. Please try again',
  },
};
