import type { TFunction } from 'i18next';

/** 渠道客户 kinds the server sends; an unknown kind is shown as sent. */
export function channelKindLabel(kind: string, t: TFunction): string {
  switch (kind) {
    case 'distributor':
      return t('territories.kinds.distributor');
    case 'pharmacy':
      return t('territories.kinds.pharmacy');
    default:
      return kind;
  }
}

/** `/admin/territories` for admins and auditors, `/territories` for managers: the detail links follow the list. */
export function territoriesBase(pathname: string): string {
  return pathname.startsWith('/admin/') ? '/admin/territories' : '/territories';
}
