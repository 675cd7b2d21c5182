import { App as AntApp } from 'antd';
import { Outlet } from 'react-router';

/**
 * antd's App (message, modal and notification hooks) is only needed after sign-in;
 * mounting it here keeps modal and notification code out of the sign-in page's chunk.
 */
export default function SignedInRoot() {
  return (
    <AntApp>
      <Outlet />
    </AntApp>
  );
}
