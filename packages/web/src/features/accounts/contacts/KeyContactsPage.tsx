import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/PageHeader.tsx';
import { KeyContactList } from './KeyContactList.tsx';

/** 关键联系人: the key contacts of the caller's hospitals. */
export default function KeyContactsPage() {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t('nav.key-contacts')} subTitle={t('accounts.keyContact.hint')} />
      <KeyContactList />
    </div>
  );
}
