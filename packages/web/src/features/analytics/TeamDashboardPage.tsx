import { Typography } from 'antd';

export default function TeamDashboardPage() {
  return <Typography.Title level={3}>TeamDashboardPage</Typography.Title>;
}
