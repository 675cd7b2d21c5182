import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@keqing/shared';
import { getLocale, setLocale } from '../lib/i18n.ts';

/** 中文 | English, remembered in localStorage. Labels stay in their own language so either reader can find them. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  return (
    <Segmented<Locale>
      size={size}
      aria-label={t('app.language')}
      data-testid="language-switch"
      value={getLocale()}
      onChange={setLocale}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
