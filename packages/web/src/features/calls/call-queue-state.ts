import { useMemo, useSyncExternalStore } from 'react';
import {
  createIdbQueueStore,
  createMemoryQueueStore,
  processQueue,
  sendWith,
  type ProcessResult,
  type QueuedCall,
  type QueueStore,
} from './call-queue.ts';
import { postCall } from './calls.api.ts';

/** The page's view of the offline queue: read from IndexedDB after every change, shared by all components. */
const store: QueueStore = typeof indexedDB === 'undefined' ? createMemoryQueueStore() : createIdbQueueStore();
let items: QueuedCall[] = [];
const listeners = new Set<() => void>();

export async function refreshQueue(): Promise<void> {
  items = await store.list();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The calls this user has waiting or refused, oldest first. */
export function useCallQueue(userId: string): QueuedCall[] {
  const all = useSyncExternalStore(subscribe, () => items);
  return useMemo(
    () => all.filter((i) => i.userId === userId).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)),
    [all, userId],
  );
}

export function getQueuedCall(clientId: string): Promise<QueuedCall | undefined> {
  return store.get(clientId);
}

export async function enqueueCall(item: Omit<QueuedCall, 'queuedAt' | 'status' | 'error' | 'attempts'>) {
  await store.put({
    ...item,
    queuedAt: new Date().toISOString(),
    status: 'waiting',
    error: null,
    attempts: 0,
  });
  await refreshQueue();
}

export async function discardQueuedCall(clientId: string) {
  await store.remove(clientId);
  await refreshQueue();
}

export async function markForRetry(clientId: string) {
  const item = await store.get(clientId);
  if (item) await store.put({ ...item, status: 'waiting', error: null });
  await refreshQueue();
}

let running: Promise<ProcessResult> | null = null;

/** Sends the user's waiting calls; a run already under way is joined rather than started twice. */
export function runQueue(userId: string): Promise<ProcessResult> {
  running ??= processQueue(store, sendWith(postCall), userId).finally(() => {
    running = null;
    void refreshQueue();
  });
  return running;
}
