import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import {
  channelContactRoles,
  channelCustomerKinds,
  channelCustomerStatuses,
  channelPaymentTerms,
  distributorTiers,
  licenceKinds,
  terminalTiers,
  type ChannelCustomer,
  type ChannelLicence,
} from '@keqing/shared';
import { fenToYuanText, yuanToFen } from '../../care/money.ts';

export const kindOptions = (t: TFunction) =>
  channelCustomerKinds.map((k) => ({ value: k, label: t(`channel.kinds.${k}`) }));
export const distributorTierOptions = (t: TFunction) =>
  distributorTiers.map((k) => ({ value: k, label: t(`channel.distributorTiers.${k}`) }));
export const terminalTierOptions = (t: TFunction) =>
  terminalTiers.map((k) => ({ value: k, label: t(`channel.terminalTiers.${k}`) }));
export const statusOptions = (t: TFunction) =>
  channelCustomerStatuses.map((k) => ({ value: k, label: t(`channel.statuses.${k}`) }));
export const paymentTermOptions = (t: TFunction) =>
  channelPaymentTerms.map((k) => ({ value: k, label: t(`channel.paymentTermOptions.${k}`) }));
export const licenceKindOptions = (t: TFunction) =>
  licenceKinds.map((k) => ({ value: k, label: t(`channel.licence.kinds.${k}`) }));
export const contactRoleOptions = (t: TFunction) =>
  channelContactRoles.map((k) => ({ value: k, label: t(`channel.contact.roles.${k}`) }));

/** 一级/总经销 for distributors, 重点/次重点/非重点 for terminals. */
export function tierLabel(
  c: Pick<ChannelCustomer, 'distributorTier' | 'terminalTier'>,
  t: TFunction,
): string {
  if (c.distributorTier) return t(`channel.distributorTiers.${c.distributorTier}`);
  if (c.terminalTier) return t(`channel.terminalTiers.${c.terminalTier}`);
  return '';
}

const statusColors = { designated: 'green', suspended: 'orange', lost: 'default' } as const;
export function CustomerStatusTag({ status, t }: { status: ChannelCustomer['status']; t: TFunction }) {
  return (
    <Tag color={statusColors[status]} data-testid="channel-status-tag">
      {t(`channel.statuses.${status}`)}
    </Tag>
  );
}

/** Red once expired, orange within the warning window (60 days by default), green otherwise. */
export function ExpiryTag({
  licence,
  t,
}: {
  licence: Pick<ChannelLicence, 'expiryState' | 'daysLeft'>;
  t: TFunction;
}) {
  const color = { expired: 'red', expiring: 'orange', valid: 'green' }[licence.expiryState];
  return (
    <Tag color={color} data-testid={`licence-${licence.expiryState}`}>
      {t(`channel.licence.states.${licence.expiryState}`, { days: licence.daysLeft ?? 0 })}
    </Tag>
  );
}

/** A ¥ field's rule: empty, or an amount with at most two decimals. */
export const yuanRule = (message: string) => ({
  validator: (_rule: unknown, value: unknown) =>
    value === undefined || value === null || value === '' || yuanToFen(value as string) !== null
      ? Promise.resolve()
      : Promise.reject(new Error(message)),
});
export const fenOf = (text: string | null | undefined): number | null =>
  text === undefined || text === null || text === '' ? null : yuanToFen(text);
export const yuanOf = (fen: number | null | undefined): string | undefined =>
  fen === null || fen === undefined ? undefined : fenToYuanText(fen);
