import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/test-app.ts';

describe('notification scheduler', () => {
  it('starts with the app when configured and stops when it closes', async () => {
    const t = await createTestApp({ notificationScheduler: true });
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBeLessThan(500);
    await expect(t.close()).resolves.toBeUndefined();
  });
});
