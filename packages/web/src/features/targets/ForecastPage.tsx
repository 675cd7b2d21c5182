import { Typography } from 'antd';

export default function ForecastPage() {
  return <Typography.Title level={3}>ForecastPage</Typography.Title>;
}
