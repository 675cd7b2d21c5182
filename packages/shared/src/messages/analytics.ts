/** Rule messages of analytics (keys namespaced by the module). */
export const analyticsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {
    'analytics.rep.repRequired': '请选择一位医药代表',
    'analytics.rep.customRange': '自定义区间需要开始和结束日期，且结束不早于开始',
    'analytics.outlier.lowCallRate': '日均拜访 {rate} 次，低于每天 {min} 次的标准',
    'analytics.outlier.highCallRate': '日均拜访 {rate} 次，高于每天 {max} 次的上限，请核实记录',
    'analytics.outlier.bursts':
      '{count} 次拜访为集中录入（开始时间间隔不超过 {minutes} 分钟），不符合面访实际',
    'analytics.outlier.shortCalls': '{count} 次拜访时长不超过 1 分钟，占 {pct}%，超过 {max}%',
    'analytics.outlier.fewObjectives': '达到 {min} 项目标的拜访只占 {pct}%，低于 {threshold}%',
    'analytics.team.teamRequired': '请选择一个团队',
    'analytics.drill.repOrTeamRequired': '请选择一位代表或一个团队',
    'analytics.drill.repOutOfTeam': '该代表不在所选团队中',
  },
  en: {
    'analytics.rep.repRequired': 'Choose a rep',
    'analytics.rep.customRange':
      'A custom period needs a start and an end date, the end not before the start',
    'analytics.outlier.lowCallRate': '{rate} calls per working day, below the norm of {min}',
    'analytics.outlier.highCallRate':
      '{rate} calls per working day, above the maximum of {max}: check the records',
    'analytics.outlier.bursts':
      '{count} calls logged in bursts (start times at most {minutes} minutes apart), implausible for visits',
    'analytics.outlier.shortCalls': '{count} calls of 1 minute or less, {pct}% of the calls (over {max}%)',
    'analytics.outlier.fewObjectives': 'Only {pct}% of the calls have {min} objectives (below {threshold}%)',
    'analytics.team.teamRequired': 'Choose a team',
    'analytics.drill.repOrTeamRequired': 'Choose a rep or a team',
    'analytics.drill.repOutOfTeam': 'The rep is not in the chosen team',
  },
};
