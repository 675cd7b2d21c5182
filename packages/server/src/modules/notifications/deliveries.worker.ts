import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import {
  dingTalkPayload,
  dingTalkStringToSign,
  isRobotSuccess,
  nextAttemptAfterFailure,
  signedRobotUrl,
  weComPayload,
} from '@keqing/domain';
import type { ChannelConfig, DeliveryRun, Locale } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import {
  claimDelivery,
  findDueDeliveryIds,
  getDeliveryWork,
  markStaleClaimsUncertain,
  recordDeliveryOutcome,
} from './deliveries.repository.ts';
import { notificationKindLabel, renderNotificationText } from './notification-text.ts';
import { openSecret } from './secret-box.ts';

export type DeliveryDeps = {
  secretKey: Buffer;
  /** A claim older than this is a crashed worker's: the row becomes `uncertain` (default 5 minutes) */
  claimTimeoutMs?: number;
  /** Language of outbound messages (users keep no language of their own; zh-CN by default) */
  locale?: Locale;
  /** Tests only: runs after a successful send and before it is recorded — throwing here simulates a crash */
  afterSend?: (deliveryId: string) => void | Promise<void>;
};

export type OutboundChannel = {
  kind: 'smtp' | 'wecom' | 'dingtalk';
  config: ChannelConfig;
  /** Already decrypted */
  secret: string | null;
};

export type OutboundMessage = { title: string; text: string; target: string };

const sendTimeoutMs = 10_000;
const batchSize = 100;

/** Sends one message; resolves on success, throws with a short reason otherwise. */
export async function sendOutbound(channel: OutboundChannel, message: OutboundMessage): Promise<void> {
  if (channel.kind === 'smtp') {
    const c = channel.config;
    const transport = nodemailer.createTransport({
      host: c.host,
      port: c.port ?? (c.secure ? 465 : 587),
      secure: c.secure ?? false,
      auth: c.username ? { user: c.username, pass: channel.secret ?? '' } : undefined,
      connectionTimeout: sendTimeoutMs,
      greetingTimeout: sendTimeoutMs,
      socketTimeout: sendTimeoutMs,
    });
    try {
      await transport.sendMail({
        from: c.from,
        to: message.target,
        subject: message.title,
        text: message.text,
      });
    } finally {
      transport.close();
    }
    return;
  }
  const content = `**${message.title}**\n\n${message.text}`;
  const body = channel.kind === 'wecom' ? weComPayload(content) : dingTalkPayload(message.title, content);
  let url = channel.config.url ?? '';
  if (channel.kind === 'dingtalk' && channel.secret) {
    // DingTalk checks the timestamp against its own clock (±1 h), so the real clock is used, not the worker's `now`
    const timestamp = Date.now();
    const sign = createHmac('sha256', channel.secret)
      .update(dingTalkStringToSign(timestamp, channel.secret))
      .digest('base64');
    url = signedRobotUrl(url, timestamp, sign);
  }
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(sendTimeoutMs),
  });
  const answer: unknown = await res.json().catch(() => null);
  if (!isRobotSuccess(res.status, answer)) {
    const errmsg = (answer as { errmsg?: unknown } | null)?.errmsg;
    throw new Error(`HTTP ${res.status}${typeof errmsg === 'string' ? ` ${errmsg}` : ''}`);
  }
}

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 500);
}

/**
 * 发送: one pass of the delivery worker. First rows left `sending` by a crash become `uncertain` (never resent);
 * then each due row is claimed with a conditional UPDATE (so two workers never take the same row), sent, and
 * recorded as `sent`, `retrying` with the next back-off, or `failed` after the last attempt.
 */
export async function runDeliveries(db: Db, now: Date, deps: DeliveryDeps): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, retried: 0, failed: 0, uncertain: 0 };
  run.uncertain = await markStaleClaimsUncertain(
    db,
    new Date(now.getTime() - (deps.claimTimeoutMs ?? 5 * 60_000)),
  );
  const locale = deps.locale ?? 'zh-CN';
  for (const id of await findDueDeliveryIds(db, now, batchSize)) {
    const attempt = await claimDelivery(db, id, now);
    if (attempt === null) continue;
    const work = await getDeliveryWork(db, id);
    if (!work) continue;
    let error: string | null = null;
    if (!work.channelActive) {
      await recordDeliveryOutcome(db, id, { status: 'failed', error: 'channel inactive' });
      run.failed++;
      continue;
    }
    try {
      const secret = work.secretEncrypted ? openSecret(deps.secretKey, work.secretEncrypted) : null;
      const params = work.params as Record<string, string | number>;
      await sendOutbound(
        { kind: work.channelKind, config: work.config as ChannelConfig, secret },
        {
          title: `【客情】${notificationKindLabel(locale, work.kind)}`,
          text: renderNotificationText(locale, work.kind, params),
          target: work.target,
        },
      );
    } catch (err) {
      error = reasonOf(err);
    }
    if (error === null) {
      await deps.afterSend?.(id);
      await recordDeliveryOutcome(db, id, { status: 'sent', at: now });
      run.sent++;
      continue;
    }
    const next = nextAttemptAfterFailure(attempt, now);
    if (next) {
      await recordDeliveryOutcome(db, id, { status: 'retrying', nextAttemptAt: next, error });
      run.retried++;
    } else {
      await recordDeliveryOutcome(db, id, { status: 'failed', error });
      run.failed++;
    }
  }
  return run;
}
