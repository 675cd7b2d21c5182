import dayjs, { type Dayjs } from 'dayjs';
import type { FormInstance } from 'antd';
import {
  amendableCallFields,
  type AmendableCallField,
  type CallType,
  type ObjectiveOutcome,
} from '@keqing/shared';
import { errorText, isApiError } from '../../lib/api.ts';
import { emptyToNull } from '../../lib/form-errors.ts';
import { dateFormat } from '../../lib/format.ts';
import type { AmendCallBody, CallContent } from './calls.api.ts';

/** `<input type="datetime-local">` value: local wall time, minutes. */
export const localInputFormat = 'YYYY-MM-DDTHH:mm';

export type CallFormValues = {
  doctorId?: string;
  type: CallType;
  startAt: string;
  /** Minutes; end = start + duration */
  duration: number;
  attendees: string[];
  productIds: string[];
  /** productId → key messages delivered */
  keyMessages: Record<string, string[] | undefined>;
  /** productId → the rep's judgement, when it changed */
  scoreUpdates: Record<string, { prescriptionStatus?: number; adoptionStep?: number } | undefined>;
  objectives: { text?: string; outcome?: ObjectiveOutcome }[];
  preparationDone: boolean;
  opening?: string;
  needsFound?: string;
  benefitsPresented?: string;
  objections: { objection?: string; answer?: string }[];
  commitment?: string;
  nextStep?: string;
  nextStepDue: Dayjs | null;
  notes?: string;
};

/** The default start: half an hour ago on a 5-minute mark, so a 30-minute call just ended (never in the future). */
export function defaultStart(now = dayjs()): string {
  const start = now.subtract(30, 'minute');
  return start.minute(start.minute() - (start.minute() % 5)).format(localInputFormat);
}

export function emptyValues(): CallFormValues {
  return {
    type: 'visit',
    startAt: defaultStart(),
    duration: 30,
    attendees: [],
    productIds: [],
    keyMessages: {},
    scoreUpdates: {},
    objectives: [{}],
    preparationDone: false,
    objections: [],
    nextStepDue: null,
  };
}

/** Form values of stored content (a call read from the server, or a queued body). */
export function valuesOf(content: CallContent): CallFormValues {
  const start = dayjs(content.startAt);
  const end = dayjs(content.endAt);
  const keyMessages: CallFormValues['keyMessages'] = {};
  for (const p of content.products) keyMessages[p.productId] = p.keyMessages;
  const scoreUpdates: CallFormValues['scoreUpdates'] = {};
  for (const s of content.scoreUpdates ?? []) {
    scoreUpdates[s.productId] = { prescriptionStatus: s.prescriptionStatus, adoptionStep: s.adoptionStep };
  }
  return {
    doctorId: content.doctorId,
    type: content.type,
    startAt: start.format(localInputFormat),
    duration: Math.max(1, end.diff(start, 'minute')),
    attendees: (content.attendees ?? []).flatMap((a) => ('name' in a ? [a.name] : [])),
    productIds: content.products.map((p) => p.productId),
    keyMessages,
    scoreUpdates,
    objectives: content.objectives.map((o) => ({ text: o.text, outcome: o.outcome })),
    preparationDone: content.preparationDone ?? false,
    opening: content.opening ?? '',
    needsFound: content.needsFound ?? '',
    benefitsPresented: content.benefitsPresented ?? '',
    objections: (content.objections ?? []).map((o) => ({ objection: o.objection, answer: o.answer ?? '' })),
    commitment: content.commitment ?? '',
    nextStep: content.nextStep ?? '',
    nextStepDue: content.nextStepDue ? dayjs(content.nextStepDue) : null,
    notes: content.notes ?? '',
  };
}

/** The API body of the form (attendees other than free names, e.g. picked doctors, are kept from `keep`). */
export function contentOf(
  v: CallFormValues,
  extra: { plannedCallId?: string | null; keepAttendees?: CallContent['attendees'] },
): CallContent {
  const start = dayjs(v.startAt);
  const productIds = v.productIds ?? [];
  const kept = (extra.keepAttendees ?? []).filter((a) => !('name' in a));
  return {
    doctorId: v.doctorId ?? '',
    plannedCallId: extra.plannedCallId ?? null,
    type: v.type,
    startAt: start.format(),
    endAt: start.add(v.duration, 'minute').format(),
    attendees: [
      ...kept,
      ...(v.attendees ?? [])
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => ({ name })),
    ],
    products: productIds.map((productId) => ({
      productId,
      keyMessages: (v.keyMessages?.[productId] ?? []).map((m) => m.trim()).filter(Boolean),
    })),
    objectives: (v.objectives ?? []).map((o) => ({
      text: (o.text ?? '').trim(),
      outcome: o.outcome as ObjectiveOutcome,
    })),
    preparationDone: v.preparationDone ?? null,
    opening: emptyToNull(v.opening),
    needsFound: emptyToNull(v.needsFound),
    benefitsPresented: emptyToNull(v.benefitsPresented),
    objections: (v.objections ?? [])
      .filter((o) => o.objection?.trim())
      .map((o) => ({ objection: (o.objection ?? '').trim(), answer: emptyToNull(o.answer) })),
    commitment: emptyToNull(v.commitment),
    nextStep: emptyToNull(v.nextStep),
    nextStepDue: v.nextStepDue ? v.nextStepDue.format(dateFormat) : null,
    scoreUpdates: productIds.flatMap((productId) => {
      const s = v.scoreUpdates?.[productId];
      const update = {
        productId,
        ...(s?.prescriptionStatus === undefined || s.prescriptionStatus === null
          ? {}
          : { prescriptionStatus: s.prescriptionStatus }),
        ...(s?.adoptionStep === undefined || s.adoptionStep === null ? {} : { adoptionStep: s.adoptionStep }),
      };
      return Object.keys(update).length > 1 ? [update] : [];
    }),
    notes: emptyToNull(v.notes),
  };
}

/** Only what an amendment changes (times compared as instants, so the offset spelling does not count). */
export function changesOf(before: CallContent, after: CallContent): AmendCallBody['changes'] {
  const changes: Record<string, unknown> = {};
  const same = (key: AmendableCallField) => {
    const a = before[key];
    const b = after[key];
    if (key === 'startAt' || key === 'endAt') return dayjs(a as string).isSame(dayjs(b as string));
    const norm = (x: unknown) => JSON.stringify(x ?? null);
    return norm(a) === norm(b) || (isEmpty(a) && isEmpty(b));
  };
  for (const key of amendableCallFields) if (!same(key)) changes[key] = after[key];
  return changes as AmendCallBody['changes'];
}

function isEmpty(x: unknown): boolean {
  return x === null || x === undefined || x === '' || (Array.isArray(x) && x.length === 0);
}

/** Where an API field lands in the form (`endAt` is edited as the duration chips). */
const fieldAliases: Record<string, string> = { endAt: 'duration', products: 'productIds' };
const listFields = new Set(['objectives', 'objections']);

/**
 * Puts a VALIDATION_FAILED answer's messages on the form's fields, including list rows
 * (`body.objectives.1.text`); what matches no field is shown as one message.
 */
export function applyCallServerErrors(form: FormInstance, error: unknown, show: (text: string) => void) {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') {
    show(errorText(error));
    return;
  }
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  const unmatched: string[] = [];
  const top = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  for (const issue of error.fieldIssues) {
    const segments = issue.path.split('.').filter(Boolean);
    if (segments[0] === 'body') segments.shift();
    const [head, index, sub] = segments;
    if (!head) {
      unmatched.push(issue.message);
      continue;
    }
    if (listFields.has(head) && index !== undefined && /^\d+$/.test(index) && sub) {
      fields.push({ name: [head, Number(index), sub], errors: [issue.message] });
      continue;
    }
    const name = fieldAliases[head] ?? head;
    if (top.has(name) && !listFields.has(name)) fields.push({ name: [name], errors: [issue.message] });
    else unmatched.push(issue.message);
  }
  form.setFields(fields);
  if (fields.length === 0 || unmatched.length > 0) {
    show(unmatched.length > 0 ? `${error.message}：${unmatched.join('；')}` : error.message);
  }
}

/** crypto.randomUUID needs a secure context; a phone on plain http over the LAN still gets a v4 UUID. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const stampKey = 'keqing.calls.stampLocation';
export function readStampLocation(): boolean {
  try {
    return window.localStorage.getItem(stampKey) === 'true';
  } catch {
    return false;
  }
}
export function rememberStampLocation(value: boolean) {
  try {
    window.localStorage.setItem(stampKey, String(value));
  } catch {
    // not remembered; the choice still applies to this call
  }
}

/** One reading of the browser's position, only when the user ticked the box; null when refused or too slow. */
export function readLocation(): Promise<{ latitude: number; longitude: number; accuracyM?: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          latitude: p.coords.latitude,
          longitude: p.coords.longitude,
          accuracyM: Math.min(100_000, Math.round(p.coords.accuracy)),
        }),
      () => resolve(null),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );
  });
}
