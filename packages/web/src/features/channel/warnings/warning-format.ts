import type { TFunction } from 'i18next';
import { channelWarningUnits } from '@keqing/shared';
import { formatFen, formatNumber } from '../../../lib/format.ts';
import type { ChannelWarning, ChannelWarningKind } from './warnings.api.ts';

/** A figure or threshold in its kind's unit (fen as ¥, days, %, ×, points …). */
export function formatWarningValue(t: TFunction, kind: ChannelWarningKind, value: number | null): string {
  const unit = channelWarningUnits[kind];
  if (value === null)
    return kind === 'neglect' ? t('channelWarnings.neverVisited') : t('channelWarnings.noFigure');
  if (unit === 'fen') return formatFen(value);
  return t(`channelWarnings.units.${unit}`, { value: formatNumber(value) });
}

/** "figure / threshold", or just the figure when the threshold is 0 or missing. */
export function figureVsThreshold(
  t: TFunction,
  w: Pick<ChannelWarning, 'kind' | 'figure' | 'threshold'>,
): string {
  const unit = channelWarningUnits[w.kind];
  if (unit === 'none') return t('channelWarnings.units.none');
  const figure = formatWarningValue(t, w.kind, w.figure);
  // a threshold of 0 (anything overdue, any row across territory) says nothing beside the figure
  if (w.threshold === null || w.threshold === 0) return figure;
  return `${figure} / ${formatWarningValue(t, w.kind, w.threshold)}`;
}

/** What the warning is about beyond distributor and product (a hospital's city, mom/yoy, a price level …). */
export function subjectText(t: TFunction, w: Pick<ChannelWarning, 'kind' | 'subjectKey' | 'detail'>): string {
  const d = w.detail;
  switch (w.kind) {
    case 'volumeDrop':
      return w.subjectKey === 'mom' || w.subjectKey === 'yoy'
        ? t(`channelWarnings.volumeSubjects.${w.subjectKey}`)
        : '';
    case 'priceDisorder':
      return w.subjectKey === 'distributor' || w.subjectKey === 'retail'
        ? t(`channelWarnings.priceLevels.${w.subjectKey}`)
        : '';
    case 'crossTerritory':
      return typeof d.city === 'string' ? d.city : '';
    case 'licenceExpiry':
      return typeof d.number === 'string' ? d.number : w.subjectKey;
    default:
      return '';
  }
}
