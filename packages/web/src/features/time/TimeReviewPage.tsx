import { Typography } from 'antd';

export default function TimeReviewPage() {
  return <Typography.Title level={3}>TimeReviewPage</Typography.Title>;
}
