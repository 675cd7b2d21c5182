import { Typography } from 'antd';

export default function DrillPage() {
  return <Typography.Title level={3}>DrillPage</Typography.Title>;
}
