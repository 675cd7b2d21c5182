/**
 * The offline queue of submitted calls 离线待提交: a call submitted without a network is kept in the
 * browser (IndexedDB) and sent again later. Every call carries the clientId generated when its form opened,
 * so sending it twice answers the stored call (200) instead of creating a second one.
 * `processQueue` is plain logic over a `QueueStore` and a `send` function, so it runs without a browser.
 */
import { createStore, del, get, set, values, type UseStore } from 'idb-keyval';
import { isApiError } from '../../lib/api.ts';
import type { CreateCallBody } from './calls.api.ts';

export type QueuedCall = {
  clientId: string;
  /** Only the user who queued it sends it (another user may sign in on the same phone). */
  userId: string;
  body: CreateCallBody;
  /** What the waiting list shows without asking the server */
  summary: { doctorName: string; startAt: string; type: CreateCallBody['type'] };
  queuedAt: string;
  /** waiting: to be sent; failed: the server refused it (4xx) — kept until the user edits or discards it */
  status: 'waiting' | 'failed';
  error: string | null;
  attempts: number;
};

export type QueueStore = {
  list(): Promise<QueuedCall[]>;
  get(clientId: string): Promise<QueuedCall | undefined>;
  put(item: QueuedCall): Promise<void>;
  remove(clientId: string): Promise<void>;
};

/** What became of one send. */
export type SendOutcome =
  | { kind: 'sent'; callId: string }
  /** Not reached, or the server could not answer now: try again later */
  | { kind: 'retry' }
  /** The server refused the call (a 4xx): sending it again would fail the same way */
  | { kind: 'rejected'; message: string };

/**
 * A failed POST → what to do with the queued call. 401 (signed out), 408, 429 and 5xx are passing
 * troubles: the call stays waiting. Any other 4xx is the server's answer about the call itself.
 */
export function outcomeOfError(error: unknown): SendOutcome {
  if (!isApiError(error)) return { kind: 'retry' };
  const { status } = error;
  if (status === 0 || status >= 500 || status === 401 || status === 408 || status === 429) {
    return { kind: 'retry' };
  }
  if (status >= 400) return { kind: 'rejected', message: error.message };
  return { kind: 'retry' };
}

/** Turns `postCall` into the queue's `send`: 200 (already stored) and 201 (created) both mean sent. */
export function sendWith(post: (body: CreateCallBody) => Promise<{ call: { id: string } }>) {
  return async (item: QueuedCall): Promise<SendOutcome> => {
    try {
      const result = await post(item.body);
      return { kind: 'sent', callId: result.call.id };
    } catch (error) {
      return outcomeOfError(error);
    }
  };
}

export type ProcessResult = { sent: number; rejected: number; waiting: number };

/** The run under way per store: a second run waits for it, so no call is sent by two runs at once. */
const runs = new WeakMap<QueueStore, Promise<unknown>>();

/**
 * Sends the user's waiting calls, oldest first. Sent ones leave the queue; refused ones stay, marked failed
 * with the server's message; at the first passing trouble it stops (the network is likely down again).
 * Runs on one store take turns (the `online` event and a timer may start one together): the later run
 * reads the queue after the earlier one is done, so it never sends a call the earlier one already sent.
 */
export function processQueue(
  store: QueueStore,
  send: (item: QueuedCall) => Promise<SendOutcome>,
  userId: string,
): Promise<ProcessResult> {
  const previous = runs.get(store) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => sendWaiting(store, send, userId));
  runs.set(store, run);
  void run
    .finally(() => {
      if (runs.get(store) === run) runs.delete(store);
    })
    .catch(() => undefined);
  return run;
}

async function sendWaiting(
  store: QueueStore,
  send: (item: QueuedCall) => Promise<SendOutcome>,
  userId: string,
): Promise<ProcessResult> {
  const mine = (await store.list())
    .filter((item) => item.userId === userId && item.status === 'waiting')
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  const result: ProcessResult = { sent: 0, rejected: 0, waiting: 0 };
  for (const [index, listed] of mine.entries()) {
    // Discarded or edited while earlier calls were being sent: send what is stored now, or nothing.
    const item = await store.get(listed.clientId);
    if (!item || item.userId !== userId || item.status !== 'waiting') continue;
    const outcome = await send(item);
    if (outcome.kind === 'sent') {
      await store.remove(item.clientId);
      result.sent += 1;
    } else if (outcome.kind === 'rejected') {
      await store.put({ ...item, status: 'failed', error: outcome.message, attempts: item.attempts + 1 });
      result.rejected += 1;
    } else {
      await store.put({ ...item, attempts: item.attempts + 1 });
      result.waiting += mine.length - index;
      break;
    }
  }
  return result;
}

/** The store in IndexedDB (database `keqing-offline`, object store `calls`, keyed by clientId). */
export function createIdbQueueStore(): QueueStore {
  let store: UseStore | undefined;
  const db = () => (store ??= createStore('keqing-offline', 'calls'));
  return {
    list: () => values<QueuedCall>(db()),
    get: (clientId) => get<QueuedCall>(clientId, db()),
    put: (item) => set(item.clientId, item, db()),
    remove: (clientId) => del(clientId, db()),
  };
}

/** A store in memory, for a browser without IndexedDB (private mode in some browsers) and for tests. */
export function createMemoryQueueStore(): QueueStore {
  const items = new Map<string, QueuedCall>();
  return {
    list: () => Promise.resolve([...items.values()]),
    get: (clientId) => Promise.resolve(items.get(clientId)),
    put: (item) => {
      items.set(item.clientId, structuredClone(item));
      return Promise.resolve();
    },
    remove: (clientId) => {
      items.delete(clientId);
      return Promise.resolve();
    },
  };
}
