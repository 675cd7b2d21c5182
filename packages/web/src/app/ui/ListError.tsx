import { Alert } from 'antd';
import { errorText } from '../../lib/api.ts';

/** Why a list could not load (the server's localized message), above the table. */
export function ListError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error)}
      style={{ marginBottom: 12 }}
      data-testid="list-error"
    />
  );
}
