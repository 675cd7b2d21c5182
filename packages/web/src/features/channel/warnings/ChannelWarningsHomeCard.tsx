import { Card, Flex, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.ts';
import '../../../lib/locales/channel-warnings.ts';
import { useWarningSummary } from './warnings.api.ts';

/** 渠道预警 on the home page: open warnings of the caller's distributors, the biggest kinds first, each a link to the board. */
export function ChannelWarningsHomeCard() {
  const { t } = useTranslation();
  const summary = useWarningSummary();
  const kinds = [...(summary.data?.byKind ?? [])].filter((k) => k.open > 0).sort((a, b) => b.open - a.open);
  return (
    <Card
      title={t('channelWarnings.home.title')}
      extra={<Link to="/channel/warnings?status=open">{t('home.open')}</Link>}
      data-testid="home-card-channel-warnings"
    >
      {summary.isPending ? (
        <Skeleton active paragraph={false} />
      ) : (
        <Flex vertical gap={8}>
          <Statistic
            value={summary.data?.open ?? 0}
            formatter={(v) => formatNumber(Number(v))}
            suffix={<Typography.Text type="secondary">{t('channelWarnings.home.open')}</Typography.Text>}
          />
          <Flex wrap gap={4}>
            {kinds.slice(0, 6).map((k) => (
              <Link key={k.kind} to={`/channel/warnings?status=open&kind=${k.kind}`}>
                <Tag color="red">
                  {t(`channelWarnings.kinds.${k.kind}`)} {formatNumber(k.open)}
                </Tag>
              </Link>
            ))}
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
