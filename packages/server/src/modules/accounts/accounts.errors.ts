import { AppError } from '../../errors/app-error.ts';
import { isUniqueViolation } from '../../db/errors.ts';

export { fieldError } from '../../errors/app-error.ts';

/** True when a database error (possibly wrapped by Drizzle) is a foreign-key violation. */
export function isForeignKeyViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23503') return true;
  }
  return false;
}

/** Turns a unique violation into a 409 with the rule's message; rethrows anything else. */
export const conflictOnUnique =
  (messageKey: string, params: Record<string, string>) =>
  (err: unknown): never => {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', { messageKey, params });
    throw err;
  };

/** Turns a foreign-key violation (the record is still referenced) into a 409; rethrows anything else. */
export const conflictOnReference =
  (messageKey: string) =>
  (err: unknown): never => {
    if (isForeignKeyViolation(err)) throw new AppError('CONFLICT', { messageKey });
    throw err;
  };
