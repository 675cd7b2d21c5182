import { segmentationMessages } from '@keqing/domain';
import type { ErrorCode } from './errors.ts';
import { accountsMessages } from './messages/accounts.ts';
import { importsMessages } from './messages/imports.ts';
import { segmentationServiceMessages } from './messages/segmentation.ts';
import { planningMessages } from './messages/planning.ts';
import { callsMessages } from './messages/calls.ts';
import { careMessages } from './messages/care.ts';
import { complaintsMessages } from './messages/complaints.ts';
import { channelPartiesMessages } from './messages/channel-parties.ts';
import { channelGoodsMessages } from './messages/channel-goods.ts';
import { channelMoneyMessages } from './messages/channel-money.ts';
import { channelWarningsMessages } from './messages/channel-warnings.ts';
import { surveysMessages } from './messages/surveys.ts';
import { eventsMessages } from './messages/events.ts';
import { careFeesMessages } from './messages/care-fees.ts';
import { analyticsMessages } from './messages/analytics.ts';
import { timeManagementMessages } from './messages/time-management.ts';
import { pipelineMessages } from './messages/pipeline.ts';
import { prospectsMessages } from './messages/prospects.ts';
import { competitorsMessages } from './messages/competitors.ts';
import { reportsMessages } from './messages/reports.ts';
import { notificationsMessages } from './messages/notifications.ts';
import { handoverMessages } from './messages/handover.ts';
import { targetsMessages } from './messages/targets.ts';
import { requestMessages } from './messages/request.ts';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

/** Picks the response locale from an Accept-Language header: English only when asked for first. */
export function pickLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((l) => l.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return defaultLocale;
}

type Params = Record<string, string | number>;
type Catalog = Record<string, string>;

const errorMessages: Record<Locale, Record<ErrorCode, string>> = {
  'zh-CN': {
    VALIDATION_FAILED: '提交的数据有误，请检查标出的字段',
    BAD_REQUEST: '请求格式不正确',
    AUTH_REQUIRED: '请先登录',
    AUTH_INVALID: '用户名或密码错误',
    SESSION_EXPIRED: '登录已过期，请重新登录',
    PASSWORD_CHANGE_REQUIRED: '请先修改密码',
    CSRF_INVALID: '安全校验失败，请刷新页面后重试',
    FORBIDDEN: '您没有权限执行此操作',
    NOT_FOUND: '记录不存在或您无权查看',
    ROUTE_NOT_FOUND: '接口不存在',
    VERSION_CONFLICT: '该记录已被他人修改，请刷新后再编辑',
    CONFLICT: '操作与现有数据冲突',
    PAYLOAD_TOO_LARGE: '提交的内容过大',
    AUTH_LOCKED: '登录失败次数过多，账号已临时锁定，请于 {retryAt} 后重试',
    RATE_LIMITED: '请求过于频繁，请稍后再试',
    INTERNAL: '服务器内部错误，请联系管理员并提供请求编号 {requestId}',
    DB_UNAVAILABLE: '数据库暂时不可用，请稍后再试',
  },
  en: {
    VALIDATION_FAILED: 'Some fields are invalid; please check the marked fields',
    BAD_REQUEST: 'The request is malformed',
    AUTH_REQUIRED: 'Please sign in first',
    AUTH_INVALID: 'Wrong username or password',
    SESSION_EXPIRED: 'Your session has expired; please sign in again',
    PASSWORD_CHANGE_REQUIRED: 'Please change your password first',
    CSRF_INVALID: 'Security check failed; refresh the page and try again',
    FORBIDDEN: 'You are not allowed to do this',
    NOT_FOUND: 'The record does not exist or you may not see it',
    ROUTE_NOT_FOUND: 'No such API route',
    VERSION_CONFLICT: 'Someone else changed this record; reload it before editing',
    CONFLICT: 'This conflicts with existing data',
    PAYLOAD_TOO_LARGE: 'The request is too large',
    AUTH_LOCKED: 'Too many failed sign-ins; the account is locked until {retryAt}',
    RATE_LIMITED: 'Too many requests; please try again later',
    INTERNAL: 'Internal server error; please report request id {requestId}',
    DB_UNAVAILABLE: 'The database is temporarily unavailable',
  },
};

/**
 * Messages for specific rule violations, referenced by key from services
 * (`new AppError('CONFLICT', { messageKey: 'user.usernameTaken' })`) and from
 * zod refinements (`{ params: { i18n: 'password.tooWeak' } }`).
 */
const coreMessages: Record<Locale, Catalog> = {
  'zh-CN': {
    'user.usernameTaken': '用户名“{username}”已被使用',
    'user.managerNeedsTeam': '地区经理必须指定所带团队',
    'user.repNeedsTeam': '医药代表必须属于一个团队',
    'user.cannotDeactivateSelf': '不能停用自己的账号',
    'user.inactive': '该用户已停用',
    'team.managerNotManager': '团队负责人必须是“地区经理”角色的用户',
    'team.hasActiveMembers': '团队仍有在职成员，不能停用',
    'territory.assigneeNotRep': '辖区只能分配给医药代表',
    'territory.assigneeInactive': '不能把辖区分配给已停用的用户',
    'territory.sameAssignee': '该辖区已由此代表负责',
    'territory.dateBeforeCurrent': '生效日期必须晚于当前负责人的开始日期 {since}',
    'territory.assigneeOtherTeam': '该代表不属于此辖区的团队，请先调整辖区所属团队',
    'territory.codeTaken': '辖区编码“{code}”已被使用',
    'password.wrongCurrent': '当前密码不正确',
    'password.tooWeak': '密码至少 10 位，且须同时包含字母和数字',
    'password.sameAsOld': '新密码不能与当前密码相同',
    'password.containsUsername': '密码不能包含用户名',
    'org.nameTaken': '名称“{name}”已存在',
    'readOnly.compliance': '合规审计员为只读角色，不能修改数据',
  },
  en: {
    'user.usernameTaken': 'The username "{username}" is already taken',
    'user.managerNeedsTeam': 'A manager must lead a team',
    'user.repNeedsTeam': 'A rep must belong to a team',
    'user.cannotDeactivateSelf': 'You cannot deactivate your own account',
    'user.inactive': 'This user is deactivated',
    'team.managerNotManager': "A team's leader must be a user with the manager role",
    'team.hasActiveMembers': 'The team still has active members and cannot be deactivated',
    'territory.assigneeNotRep': 'Territories can only be assigned to reps',
    'territory.assigneeInactive': 'A territory cannot be assigned to a deactivated user',
    'territory.sameAssignee': 'This rep already covers the territory',
    'territory.dateBeforeCurrent': "The effective date must be after the current rep's start date {since}",
    'territory.assigneeOtherTeam': "The rep is not in the territory's team; move the territory first",
    'territory.codeTaken': 'The territory code "{code}" is already taken',
    'password.wrongCurrent': 'The current password is wrong',
    'password.tooWeak': 'A password needs at least 10 characters with both letters and digits',
    'password.sameAsOld': 'The new password must differ from the current one',
    'password.containsUsername': 'The password must not contain the username',
    'org.nameTaken': 'The name "{name}" already exists',
    'readOnly.compliance': 'The compliance auditor role is read-only',
  },
};

/** Every module's catalog merged; each module keeps its own file in ./messages (keys are namespaced). */
const ruleMessages: Record<Locale, Catalog> = {
  'zh-CN': {
    ...coreMessages['zh-CN'],
    ...segmentationMessages['zh-CN'],
    ...accountsMessages['zh-CN'],
    ...importsMessages['zh-CN'],
    ...segmentationServiceMessages['zh-CN'],
    ...planningMessages['zh-CN'],
    ...callsMessages['zh-CN'],
    ...careMessages['zh-CN'],
    ...complaintsMessages['zh-CN'],
    ...channelPartiesMessages['zh-CN'],
    ...channelGoodsMessages['zh-CN'],
    ...channelMoneyMessages['zh-CN'],
    ...channelWarningsMessages['zh-CN'],
    ...surveysMessages['zh-CN'],
    ...eventsMessages['zh-CN'],
    ...careFeesMessages['zh-CN'],
    ...analyticsMessages['zh-CN'],
    ...timeManagementMessages['zh-CN'],
    ...pipelineMessages['zh-CN'],
    ...prospectsMessages['zh-CN'],
    ...competitorsMessages['zh-CN'],
    ...reportsMessages['zh-CN'],
    ...notificationsMessages['zh-CN'],
    ...handoverMessages['zh-CN'],
    ...targetsMessages['zh-CN'],
    ...requestMessages['zh-CN'],
  },
  en: {
    ...coreMessages.en,
    ...segmentationMessages.en,
    ...accountsMessages.en,
    ...importsMessages.en,
    ...segmentationServiceMessages.en,
    ...planningMessages.en,
    ...callsMessages.en,
    ...careMessages.en,
    ...complaintsMessages.en,
    ...channelPartiesMessages.en,
    ...channelGoodsMessages.en,
    ...channelMoneyMessages.en,
    ...channelWarningsMessages.en,
    ...surveysMessages.en,
    ...eventsMessages.en,
    ...careFeesMessages.en,
    ...analyticsMessages.en,
    ...timeManagementMessages.en,
    ...pipelineMessages.en,
    ...prospectsMessages.en,
    ...competitorsMessages.en,
    ...reportsMessages.en,
    ...notificationsMessages.en,
    ...handoverMessages.en,
    ...targetsMessages.en,
    ...requestMessages.en,
  },
};

function interpolate(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export function errorMessage(locale: Locale, code: ErrorCode, params?: Params): string {
  return interpolate(errorMessages[locale][code], params);
}

export function ruleMessage(locale: Locale, key: string, params?: Params): string | undefined {
  const template = ruleMessages[locale][key];
  return template === undefined ? undefined : interpolate(template, params);
}

export function hasRuleMessage(key: string): boolean {
  return key in ruleMessages['zh-CN'];
}
