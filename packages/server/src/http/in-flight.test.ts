import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeAfterInFlight, trackInFlight } from './in-flight.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** A server whose /slow handler runs until the test lets it finish; `started` resolves when it runs. */
async function slowServer() {
  app = Fastify({ logger: false });
  app.decorate('inFlight', trackInFlight(app));
  const started = deferred();
  const release = deferred();
  let handlerFinished = false;
  app.get('/slow', async () => {
    started.resolve();
    await release.promise;
    handlerFinished = true;
    return { ok: true };
  });
  app.get('/quick', async () => ({ ok: true }));
  app.get('/sent', (_request, reply) => void reply.send({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, port, started, release, finished: () => handlerFinished };
}

/** Sends GET /slow and hangs up as soon as the handler runs, as a client that went away. */
async function hangUpDuringHandler(port: number, started: Promise<void>) {
  const req = http.get({ host: '127.0.0.1', port, path: '/slow' });
  req.on('error', () => {});
  await started;
  req.destroy();
  await new Promise((r) => setTimeout(r, 50));
}

describe('trackInFlight', () => {
  it.each(['/quick', '/sent'])('counts %s until its response is over, then nothing', async (url) => {
    const s = await slowServer();
    const res = await s.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(s.app.inFlight.count).toBe(0);
    await expect(s.app.inFlight.drained(10)).resolves.toEqual({ drained: true, stillRunning: 0 });
  });

  it('keeps counting a handler whose client hung up, until it settles', async () => {
    const s = await slowServer();
    await hangUpDuringHandler(s.port, s.started.promise);
    expect(s.app.inFlight.count).toBe(1);
    s.release.resolve();
    await expect(s.app.inFlight.drained(2_000)).resolves.toEqual({ drained: true, stillRunning: 0 });
    expect(s.finished()).toBe(true);
  });
});

describe('closeAfterInFlight', () => {
  it('closes the database only after a handler whose client hung up has finished', async () => {
    const s = await slowServer();
    await hangUpDuringHandler(s.port, s.started.promise);
    const closeDatabase = vi.fn(async () => {
      // the handler must not be cut off from the database
      expect(s.finished()).toBe(true);
    });
    const closing = closeAfterInFlight({ app: s.app, closeDatabase, graceMs: 5_000 });
    // app.close() alone is over already: the connection left with the client
    await new Promise((r) => setTimeout(r, 100));
    expect(s.app.server.listening).toBe(false);
    expect(closeDatabase).not.toHaveBeenCalled();
    s.release.resolve();
    await closing;
    expect(closeDatabase).toHaveBeenCalledOnce();
    app = null;
  });

  it('closes the database after the grace period when a handler never finishes, and says so', async () => {
    const s = await slowServer();
    const warn = vi.spyOn(s.app.log, 'warn');
    await hangUpDuringHandler(s.port, s.started.promise);
    const closeDatabase = vi.fn(async () => {});
    await closeAfterInFlight({ app: s.app, closeDatabase, graceMs: 100 });
    expect(closeDatabase).toHaveBeenCalledOnce();
    expect(s.finished()).toBe(false);
    expect(warn).toHaveBeenCalledWith(
      { stillRunning: 1, graceMs: 100 },
      'closing the database with requests still at work',
    );
    s.release.resolve();
    app = null;
  });
});
