import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PressureTrend, ThreatLevel } from '@keqing/shared';
import '../../lib/locales/competitors.ts';

const threatColors: Record<ThreatLevel, string> = {
  none: 'default',
  low: 'blue',
  medium: 'orange',
  high: 'red',
};
const trendArrows: Record<PressureTrend, string> = { rising: '↑', falling: '↓', steady: '→' };

/** 威胁程度 as a coloured tag. */
export function ThreatTag({ threat }: { threat: ThreatLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={threatColors[threat]} data-testid="competitor-threat">
      {t(`competitors.threat.${threat}`)}
    </Tag>
  );
}

/** Trend with an arrow; rising in red (more pressure is bad news). */
export function TrendText({ trend }: { trend: PressureTrend }) {
  const { t } = useTranslation();
  const color = trend === 'rising' ? '#cf1322' : trend === 'falling' ? '#389e0d' : undefined;
  return (
    <span style={{ color }} data-testid="competitor-trend">
      {trendArrows[trend]} {t(`competitors.trend.${trend}`)}
    </span>
  );
}

/** 1 偶尔 … 5 主要使用 */
export function useJudgementLabel() {
  const { t } = useTranslation();
  return (judgement: number) =>
    `${judgement} ${t(`competitors.judgement.${String(judgement) as '1' | '2' | '3' | '4' | '5'}`)}`;
}
