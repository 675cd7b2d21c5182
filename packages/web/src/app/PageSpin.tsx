import { Spin } from 'antd';

/** Shown while a lazily loaded page or the session arrives. */
export function PageSpin({ fullScreen = false }: { fullScreen?: boolean }) {
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        minHeight: fullScreen ? '100vh' : 240,
      }}
    >
      <Spin />
    </div>
  );
}
