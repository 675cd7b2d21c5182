import { Badge, Button } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import '../../lib/locales/notifications.ts';
import { useUnreadCount } from './notifications.api.ts';

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M6 16V11a6 6 0 1 1 12 0v5l2 2H4l2-2zM10 20a2 2 0 0 0 4 0"
        stroke="currentColor"
        strokeWidth="2"
        fill="none"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** 通知铃铛: the unread count in the header, leading to the notification centre. */
export function NotificationBell() {
  const { t } = useTranslation();
  const location = useLocation();
  const unread = useUnreadCount(location.pathname);
  const count = unread.data?.count ?? 0;
  const navigate = useNavigate();
  return (
    <Badge
      count={
        count > 0 ? (
          <span data-testid="notification-unread" style={badgeStyle}>
            {count > 99 ? '99+' : count}
          </span>
        ) : (
          0
        )
      }
      offset={[-4, 4]}
    >
      <Button
        type="text"
        icon={<BellIcon />}
        aria-label={t('notifications.bell', { count })}
        data-testid="notification-bell"
        onClick={() => void navigate('/notifications')}
      />
    </Badge>
  );
}

const badgeStyle = {
  background: '#ff4d4f',
  color: '#fff',
  borderRadius: 8,
  fontSize: 11,
  lineHeight: '16px',
  minWidth: 16,
  padding: '0 4px',
  textAlign: 'center' as const,
  boxShadow: '0 0 0 1px #fff',
};
