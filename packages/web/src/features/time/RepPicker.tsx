import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParamsUpdate } from '../../lib/search-params.ts';
import { useUserOptions } from '../admin/admin.api.ts';
import { useCurrentUser } from '../auth/auth.api.ts';

/** `?rep=`: a manager may look at one of their reps' tasks and time; everyone else sees their own (undefined). */
export function useRepParam(): string | undefined {
  const user = useCurrentUser();
  const [params] = useSearchParamsUpdate();
  return user.role === 'manager' ? (params.get('rep') ?? undefined) : undefined;
}

/** The manager's rep picker (nothing for other roles). */
export function RepPicker({ testId }: { testId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [, setParam] = useSearchParamsUpdate();
  const reps = useUserOptions({ role: 'rep' });
  const repId = useRepParam();
  if (user.role !== 'manager') return null;
  return (
    <Select
      {...reps.selectProps}
      value={repId}
      onChange={(v: string | undefined) => setParam({ rep: v })}
      allowClear
      placeholder={t('time.pickRep')}
      style={{ width: 200 }}
      data-testid={testId}
    />
  );
}
