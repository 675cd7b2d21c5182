import { Typography } from 'antd';

export default function OrgDashboardPage() {
  return <Typography.Title level={3}>OrgDashboardPage</Typography.Title>;
}
