import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** Page title with actions; wraps under the title on a phone. */
export function PageHeader({
  title,
  extra,
  subTitle,
}: {
  title: ReactNode;
  extra?: ReactNode;
  subTitle?: ReactNode;
}) {
  return (
    <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
      </div>
      {extra ? (
        <Flex wrap gap={8}>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
