import { describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiErrorCode } from '../../lib/api.ts';
import type { CreateCallBody } from './calls.api.ts';
import { processQueue, sendWith, type QueuedCall, type QueueStore } from './call-queue.ts';

// api.ts reads the i18n catalog, which touches the page (document, localStorage) when loaded.
vi.mock('../../lib/i18n.ts', () => ({ i18n: { t: (key: string) => key }, getLocale: () => 'zh-CN' }));

const alice = 'user-alice';
const bob = 'user-bob';

function queued(clientId: string, overrides: Partial<QueuedCall> = {}): QueuedCall {
  const body = {
    clientId,
    submit: true,
    doctorId: 'doctor-1',
    type: 'visit',
    startAt: '2026-11-20T02:00:00.000Z',
    endAt: '2026-11-20T02:30:00.000Z',
    products: [{ productId: 'product-1', keyMessages: [] }],
    objectives: [{ text: '了解试用反馈', outcome: 'achieved' }],
  } satisfies CreateCallBody;
  return {
    clientId,
    userId: alice,
    body,
    summary: { doctorName: '王医生', startAt: body.startAt, type: body.type },
    queuedAt: '2026-11-20T03:00:00.000Z',
    status: 'waiting',
    error: null,
    attempts: 0,
    ...overrides,
  };
}

/** An in-memory QueueStore whose every answer comes a turn later, as IndexedDB's do. */
function storeDouble(items: QueuedCall[]) {
  const data = new Map(items.map((i) => [i.clientId, structuredClone(i)]));
  const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 0));
  const store: QueueStore = {
    list: () => later([...data.values()].map((i) => structuredClone(i))),
    get: (clientId) => later(data.has(clientId) ? structuredClone(data.get(clientId)) : undefined),
    put: (item) => {
      data.set(item.clientId, structuredClone(item));
      return later(undefined);
    },
    remove: (clientId) => {
      data.delete(clientId);
      return later(undefined);
    },
  };
  return { store, data };
}

/**
 * The server's side of POST /api/calls: 201 for a new clientId, 200 with the stored call for a repeated one
 * (both resolve; `api.post` does not tell them apart), or the scripted error.
 */
function serverDouble(answer: (body: CreateCallBody) => ApiError | Error | 'ok' = () => 'ok') {
  const stored = new Map<string, string>();
  const posts: string[] = [];
  const statuses: number[] = [];
  const post = async (body: CreateCallBody) => {
    posts.push(body.clientId);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const outcome = answer(body);
    if (outcome !== 'ok') throw outcome;
    const known = stored.get(body.clientId);
    statuses.push(known ? 200 : 201);
    const id = known ?? `call-${stored.size + 1}`;
    stored.set(body.clientId, id);
    return { call: { id } };
  };
  return { post, posts, statuses, stored };
}

const apiError = (status: number, code: ApiErrorCode, message = `refused with ${status}`) =>
  new ApiError({ code, status, message });

describe('processQueue', () => {
  it.each([
    { answer: 'created (201)', stored: false },
    { answer: 'already stored (200 for a repeated clientId)', stored: true },
  ])('sends a waiting call and drops it from the queue: $answer', async ({ stored }) => {
    const { store, data } = storeDouble([queued('a')]);
    const server = serverDouble();
    if (stored) server.stored.set('a', 'call-earlier');

    const result = await processQueue(store, sendWith(server.post), alice);

    expect(result).toEqual({ sent: 1, rejected: 0, waiting: 0 });
    expect(server.posts).toEqual(['a']);
    expect(server.statuses).toEqual([stored ? 200 : 201]);
    expect(data.has('a')).toBe(false);
  });

  it.each([
    { trouble: 'network error (no answer)', error: apiError(0, 'NETWORK_ERROR') },
    { trouble: 'a thrown non-API error', error: new TypeError('Failed to fetch') },
    { trouble: '500', error: apiError(500, 'INTERNAL') },
    { trouble: '503', error: apiError(503, 'DB_UNAVAILABLE') },
    { trouble: '401 signed out', error: apiError(401, 'SESSION_EXPIRED') },
    { trouble: '408', error: apiError(408, 'BAD_REQUEST') },
    { trouble: '429', error: apiError(429, 'RATE_LIMITED') },
  ])('keeps the calls waiting on $trouble and stops at the first one', async ({ error }) => {
    const first = queued('a', { queuedAt: '2026-11-20T03:00:00.000Z', attempts: 2 });
    const second = queued('b', { queuedAt: '2026-11-20T03:05:00.000Z' });
    const { store, data } = storeDouble([second, first]);
    const server = serverDouble(() => error);

    const result = await processQueue(store, sendWith(server.post), alice);

    expect(result).toEqual({ sent: 0, rejected: 0, waiting: 2 });
    // oldest first, and nothing more once the network failed
    expect(server.posts).toEqual(['a']);
    expect(data.get('a')).toMatchObject({ status: 'waiting', error: null, attempts: 3 });
    expect(data.get('b')).toEqual(second);
  });

  it.each([
    { status: 400, code: 'VALIDATION_FAILED' },
    { status: 403, code: 'FORBIDDEN' },
    { status: 404, code: 'NOT_FOUND' },
    { status: 409, code: 'CONFLICT' },
    { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  ] as const)(
    'marks a call refused with $status as failed with the server message, and goes on',
    async ({ status, code }) => {
      const refused = queued('a', { queuedAt: '2026-11-20T03:00:00.000Z' });
      const fine = queued('b', { queuedAt: '2026-11-20T03:05:00.000Z' });
      const { store, data } = storeDouble([refused, fine]);
      const server = serverDouble((body) =>
        body.clientId === 'a' ? apiError(status, code, '拜访时间不能晚于现在') : 'ok',
      );

      const result = await processQueue(store, sendWith(server.post), alice);

      expect(result).toEqual({ sent: 1, rejected: 1, waiting: 0 });
      expect(data.get('a')).toMatchObject({ status: 'failed', error: '拜访时间不能晚于现在', attempts: 1 });
      expect(data.has('b')).toBe(false);

      // a failed call is not sent again until the user retries it
      const again = await processQueue(store, sendWith(server.post), alice);
      expect(again).toEqual({ sent: 0, rejected: 0, waiting: 0 });
      expect(server.posts).toEqual(['a', 'b']);
    },
  );

  it("leaves other users' calls alone", async () => {
    const mine = queued('a');
    const theirs = queued('b', { userId: bob });
    const theirsFailed = queued('c', { userId: bob, status: 'failed', error: '已拒绝', attempts: 1 });
    const { store, data } = storeDouble([mine, theirs, theirsFailed]);
    const server = serverDouble();

    const result = await processQueue(store, sendWith(server.post), alice);

    expect(result).toEqual({ sent: 1, rejected: 0, waiting: 0 });
    expect(server.posts).toEqual(['a']);
    expect(data.get('b')).toEqual(theirs);
    expect(data.get('c')).toEqual(theirsFailed);
  });

  it('sends each call once when two runs start together', async () => {
    const calls = ['a', 'b', 'c'].map((id, i) => queued(id, { queuedAt: `2026-11-20T03:0${i}:00.000Z` }));
    const { store, data } = storeDouble(calls);
    const server = serverDouble();
    const send = sendWith(server.post);

    const [one, two] = await Promise.all([
      processQueue(store, send, alice),
      processQueue(store, send, alice),
    ]);

    expect(server.posts).toEqual(['a', 'b', 'c']);
    expect(server.statuses).toEqual([201, 201, 201]);
    expect(one.sent + two.sent).toBe(3);
    expect(data.size).toBe(0);
  });

  it('does not send a call discarded while an earlier one was being sent', async () => {
    const { store, data } = storeDouble([
      queued('a', { queuedAt: '2026-11-20T03:00:00.000Z' }),
      queued('b', { queuedAt: '2026-11-20T03:05:00.000Z' }),
    ]);
    const server = serverDouble((body) => {
      if (body.clientId === 'a') data.delete('b'); // the user pressed 放弃 meanwhile
      return 'ok';
    });

    const result = await processQueue(store, sendWith(server.post), alice);

    expect(server.posts).toEqual(['a']);
    expect(result.sent).toBe(1);
    expect(data.size).toBe(0);
  });

  it('goes on after a run that threw (a broken read does not block the queue for good)', async () => {
    const { store, data } = storeDouble([queued('a')]);
    let broken = true;
    const flaky: QueueStore = {
      ...store,
      list: () => {
        if (!broken) return store.list();
        broken = false;
        return Promise.reject(new Error('IndexedDB closed'));
      },
    };
    const server = serverDouble();

    const [first, second] = await Promise.allSettled([
      processQueue(flaky, sendWith(server.post), alice),
      processQueue(flaky, sendWith(server.post), alice),
    ]);

    expect(first).toMatchObject({ status: 'rejected', reason: new Error('IndexedDB closed') });
    expect(second).toMatchObject({ status: 'fulfilled', value: { sent: 1, rejected: 0, waiting: 0 } });
    expect(data.size).toBe(0);
  });
});
