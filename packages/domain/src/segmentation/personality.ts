import type { LocalizedText } from './messages.ts';

/**
 * 性格类型 — the nine customer personalities of seed 000, recorded in the doctor's extended profile (延伸信息)
 * so the next call is prepared for the person, not only the prescriber. Tips are our own summaries.
 */
export type PersonalityType =
  | 'introverted'
  | 'easygoing'
  | 'strongWilled'
  | 'highlyStrung'
  | 'showy'
  | 'combative'
  | 'stubborn'
  | 'skeptical'
  | 'silent';

export type PersonalityProfile = {
  label: LocalizedText;
  /** How such a customer behaves, so the rep can recognise the type. */
  traits: LocalizedText;
  /** How to work with such a customer. */
  tip: LocalizedText;
};

export const personalityTypes: Record<PersonalityType, PersonalityProfile> = {
  introverted: {
    label: { 'zh-CN': '内向型', en: 'Introverted' },
    traits: {
      'zh-CN': '与陌生人保持距离，对产品挑剔，不喜欢过分热情',
      en: 'Keeps strangers at a distance, is choosy about products, dislikes effusiveness',
    },
    tip: {
      'zh-CN': '第一次就要给人稳重专业的印象，热情适度；从他关心的事入手，给他慢慢熟悉的时间',
      en: 'Make a calm, professional first impression without overdoing warmth; start from what they care about and let trust grow slowly',
    },
  },
  easygoing: {
    label: { 'zh-CN': '随和型', en: 'Easygoing' },
    traits: {
      'zh-CN': '开朗好相处，戒备心少，容易被说服',
      en: 'Open and easy to get along with, not guarded, easily persuaded',
    },
    tip: {
      'zh-CN': '交流自然轻松、带点幽默，保持耐心；他容易点头，结束前要把具体承诺确认清楚',
      en: 'Keep it relaxed, natural and a little humorous, and be patient; they agree easily, so confirm the concrete commitment before leaving',
    },
  },
  strongWilled: {
    label: { 'zh-CN': '刚强型', en: 'Strong-willed' },
    traits: {
      'zh-CN': '严肃认真，决策谨慎',
      en: 'Serious and earnest, cautious in decisions',
    },
    tip: {
      'zh-CN': '守时、严谨、有备而来，用事实说话；初次接触最好请他信任的人引荐',
      en: 'Be punctual, rigorous and well prepared, and let facts speak; for a first meeting, get an introduction from someone they trust',
    },
  },
  highlyStrung: {
    label: { 'zh-CN': '神经质型', en: 'Highly strung' },
    traits: {
      'zh-CN': '反应敏感，情绪不稳，容易激动，决定后常反悔',
      en: 'Very sensitive, moody and excitable; often goes back on decisions',
    },
    tip: {
      'zh-CN': '措辞谨慎、耐心，随时留意他的情绪变化；达成的约定要及时复述确认并跟进',
      en: 'Choose words carefully, be patient and watch their mood; restate what was agreed and follow it up promptly',
    },
  },
  showy: {
    label: { 'zh-CN': '虚荣型', en: 'Likes the spotlight' },
    traits: {
      'zh-CN': '喜欢表现自己，任性，易妒',
      en: 'Likes to show off; wilful and easily jealous',
    },
    tip: {
      'zh-CN': '找他感兴趣的话题，多请教、多给他发表见解的机会；自己不要抢风头',
      en: 'Find topics they enjoy, ask their opinion and give them the floor; never outshine them',
    },
  },
  combative: {
    label: { 'zh-CN': '好斗型', en: 'Combative' },
    traits: {
      'zh-CN': '好胜专横，征服欲强，爱在细节上争个明白',
      en: 'Competitive and domineering, wants to win, argues over details',
    },
    tip: {
      'zh-CN': '事先做好心理准备，不争无谓的输赢，不意气用事；以资料回应，争的是结论而不是面子',
      en: 'Go in prepared, skip pointless arguments and keep your temper; answer with evidence and aim for the outcome, not for winning',
    },
  },
  stubborn: {
    label: { 'zh-CN': '顽固型', en: 'Set in their ways' },
    traits: {
      'zh-CN': '不愿接受新产品，不轻易改变原有习惯',
      en: 'Reluctant to take up new products or change established habits',
    },
    tip: {
      'zh-CN': '不要想一次改变他，急于求成只会引起逆反；小步推进，从他熟悉的用法或小范围试用开始',
      en: 'Do not try to change them in one go — pushing provokes resistance; move in small steps, starting from familiar uses or a small trial',
    },
  },
  skeptical: {
    label: { 'zh-CN': '怀疑型', en: 'Skeptical' },
    traits: {
      'zh-CN': '喜欢提出质疑',
      en: 'Likes to question everything',
    },
    tip: {
      'zh-CN': '保持自信，用专业数据、文献等客观资料说服；不要轻易让步，让步反而加深他的顾虑',
      en: 'Stay confident and persuade with objective evidence such as data and literature; do not concede lightly, as concessions deepen their doubts',
    },
  },
  silent: {
    label: { 'zh-CN': '沉默型', en: 'Silent' },
    traits: {
      'zh-CN': '表情冷淡，少言寡语',
      en: 'Looks cool and detached, says little',
    },
    tip: {
      'zh-CN': '主动打开话题，先问简单好答的问题，引他多说，找到共鸣再深入',
      en: 'Open the conversation yourself with simple, easy questions, get them talking and build on common ground',
    },
  },
};

export const personalityTypeOrder: readonly PersonalityType[] = [
  'introverted',
  'easygoing',
  'strongWilled',
  'highlyStrung',
  'showy',
  'combative',
  'stubborn',
  'skeptical',
  'silent',
];

export function isPersonalityType(value: unknown): value is PersonalityType {
  return typeof value === 'string' && Object.hasOwn(personalityTypes, value);
}
