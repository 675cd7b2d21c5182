export type FieldChange = { before: unknown; after: unknown };
export type Changes = Record<string, FieldChange>;

/** Fields never written to the audit log, whatever the entity. */
const secretFields = new Set([
  'passwordHash',
  'password',
  'tokenHash',
  'csrfToken',
  'secret',
  'secretEncrypted',
]);
/** Bookkeeping fields whose change says nothing to an auditor. */
const noiseFields = new Set(['updatedAt', 'version']);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == b;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/**
 * The fields that differ between two versions of a record, as before/after pairs.
 * A create has `before` undefined; a delete has `after` undefined. Secrets are
 * marked as changed but their values never appear (an unset one stays null).
 */
export function diffChanges(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (noiseFields.has(key)) continue;
    const b = before?.[key];
    const a = after?.[key];
    if (same(b, a)) continue;
    changes[key] = secretFields.has(key)
      ? { before: b == null ? null : '***', after: a == null ? null : '***' }
      : { before: b === undefined ? null : b, after: a === undefined ? null : a };
  }
  return changes;
}
