import { App, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../lib/api.ts';
import '../../lib/locales/handover.ts';
import { findOpenDraft, useCreateHandover } from './handover.api.ts';

/** 交接并停用: starts (or continues) the hand-over wizard for a user; plain deactivation refuses while they hold records. */
export function HandOverButton({ user }: { user: { id: string; role: string; active: boolean } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateHandover();
  if (!user.active || (user.role !== 'rep' && user.role !== 'manager')) return null;
  const start = async () => {
    try {
      const h = await create.mutateAsync({ fromUserId: user.id, deactivate: true });
      void navigate(`/admin/handovers/${h.id}`);
    } catch (err) {
      const draft = isApiError(err) && err.code === 'CONFLICT' ? await findOpenDraft(user.id) : undefined;
      if (draft) void navigate(`/admin/handovers/${draft.id}`);
      else void message.error(errorText(err));
    }
  };
  return (
    <Button
      type="link"
      size="small"
      loading={create.isPending}
      onClick={() => void start()}
      data-testid="handover-start"
    >
      {t('handover.handOverAndDeactivate')}
    </Button>
  );
}
