import { Typography } from 'antd';

export default function TasksPage() {
  return <Typography.Title level={3}>TasksPage</Typography.Title>;
}
