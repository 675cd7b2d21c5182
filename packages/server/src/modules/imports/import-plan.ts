/**
 * Decides, for each parsed row, what a commit would do: create a record, update which one, or
 * nothing (with the reasons). Pure over lookups the repository loads, so the preview and the
 * commit (which plans again inside its transaction) decide alike.
 */
import type { ImportKind } from '@keqing/shared';
import type { Problem, Values } from './import-rows.ts';

export type ParsedRow = { row: number; values: Values; problems: Problem[] };

/** An existing record a row may match. */
export type Existing = {
  id: string;
  /** Set on a record merged into another (查重合并): a match follows it to the kept record. */
  mergedInto: string | null;
  /** Whether the importer may change it (its hospital is in their scope). */
  inScope: boolean;
  /** Its importable fields, as the record fields below. */
  record: Values;
};

export type HospitalRef = {
  id: string;
  code: string | null;
  name: string;
  alias: string | null;
  mergedInto: string | null;
  inScope: boolean;
};

export type Lookups = {
  /** Hospitals the file names (by code or name), merged ones included. */
  hospitals: HospitalRef[];
  /** `${hospitalId}|${name}` → department id, for the hospitals above. */
  departments: Map<string, string>;
  /** Existing records of the kind being imported that the file may match. */
  existing: Existing[];
};

export type PlannedRow = {
  row: number;
  action: 'create' | 'update' | 'invalid';
  problems: Problem[];
  /** The record to write (update: the existing one with the file's non-empty cells applied). */
  record: Values;
  /** update: the matched record's id and fields before. */
  targetId?: string;
  before?: Values;
  /** A 科室 the row names that does not exist yet: created on commit. */
  newDepartment?: { hospitalId: string; name: string };
};

/** The fields each kind writes (camelCase; nameInitials is derived on write). */
export const recordFields: Record<ImportKind, readonly string[]> = {
  hospitals: [
    'code',
    'name',
    'alias',
    'level',
    'type',
    'province',
    'city',
    'district',
    'address',
    'beds',
    'outpatientsPerDay',
    'drugUseLevel',
    'competitorCount',
    'competitionStrength',
    'hasDominantCompetitor',
    'notes',
  ],
  departments: ['hospitalId', 'name', 'headcount', 'structure', 'beds', 'specialty'],
  doctors: [
    'code',
    'name',
    'gender',
    'hospitalId',
    'departmentId',
    'title',
    'position',
    'phone',
    'bestVisitTime',
    'clinicSchedule',
    'preferredChannel',
    'personalityType',
    'notes',
  ],
  keyContacts: [
    'hospitalId',
    'departmentId',
    'name',
    'function',
    'position',
    'phone',
    'personalityType',
    'notes',
  ],
  products: [
    'name',
    'genericName',
    'specification',
    'therapeuticArea',
    'indications',
    'targetDepartments',
    'competitorProducts',
  ],
};

/** The kinds that hang under a hospital named in the row. */
const underHospital: ReadonlySet<ImportKind> = new Set(['departments', 'doctors', 'keyContacts']);

const str = (v: unknown) => (typeof v === 'string' ? v : null);

class HospitalIndex {
  private byCode = new Map<string, HospitalRef>();
  private byId = new Map<string, HospitalRef>();
  private byName = new Map<string, HospitalRef[]>();
  constructor(hospitals: HospitalRef[]) {
    for (const h of hospitals) {
      this.byId.set(h.id, h);
      if (h.code) this.byCode.set(h.code, h);
      if (h.mergedInto || !h.inScope) continue;
      for (const name of new Set([h.name, h.alias].filter((n): n is string => !!n))) {
        const list = this.byName.get(name) ?? [];
        list.push(h);
        this.byName.set(name, list);
      }
    }
  }
  /** By code (a merged hospital's code leads to the kept one), else by name or alias within scope. */
  resolve(code: string | null, name: string | null): { id: string } | Problem {
    if (code) {
      let h = this.byCode.get(code);
      if (h?.mergedInto) h = this.byId.get(h.mergedInto);
      if (!h || h.mergedInto || !h.inScope)
        return { key: 'hospitalCode', messageKey: 'import.unknownHospital', params: { name: code } };
      if (name && name !== h.name && name !== h.alias)
        return {
          key: 'hospitalName',
          messageKey: 'import.hospitalCodeMismatch',
          params: { code, name: h.name },
        };
      return { id: h.id };
    }
    const found = name ? (this.byName.get(name) ?? []) : [];
    if (found.length === 1) return { id: found[0]!.id };
    return {
      key: 'hospitalName',
      messageKey: found.length ? 'import.ambiguousHospital' : 'import.unknownHospital',
      params: { name: name ?? '' },
    };
  }
}

class ExistingIndex {
  private byId = new Map<string, Existing>();
  private byCode = new Map<string, Existing>();
  private byKey = new Map<string, Existing[]>();
  constructor(
    existing: Existing[],
    private keyOf: (record: Values) => string,
  ) {
    for (const e of existing) {
      this.byId.set(e.id, e);
      const code = str(e.record.code);
      if (code) this.byCode.set(code, e);
      if (e.mergedInto) continue;
      const key = keyOf(e.record);
      const list = this.byKey.get(key) ?? [];
      list.push(e);
      this.byKey.set(key, list);
    }
  }
  /** The record an external code names (following a merge), if any. */
  byExternalCode(code: string): Existing | undefined {
    const e = this.byCode.get(code);
    return e?.mergedInto ? this.byId.get(e.mergedInto) : e;
  }
  byNaturalKey(record: Values): Existing[] {
    return this.byKey.get(this.keyOf(record)) ?? [];
  }
}

const naturalKey: Record<ImportKind, (r: Values) => string> = {
  hospitals: (r) => `${str(r.name)}|${str(r.city)}`,
  departments: (r) => `${str(r.hospitalId)}|${str(r.name)}`,
  doctors: (r) => `${str(r.hospitalId)}|${str(r.name)}`,
  keyContacts: (r) => `${str(r.hospitalId)}|${str(r.name)}`,
  products: (r) => str(r.name) ?? '',
};

/**
 * Among same-name records of one hospital, a doctor row naming a 科室 matches the record in that 科室
 * (or one without any, which it then fills); a row without 科室 matches whichever record there is.
 */
function pickDoctor(
  candidates: Existing[],
  departmentId: string | null,
  departmentNamed: boolean,
): Existing[] {
  if (!departmentNamed) return candidates;
  const same = departmentId ? candidates.filter((c) => c.record.departmentId === departmentId) : [];
  return same.length ? same : candidates.filter((c) => !c.record.departmentId);
}

/** JSON with sorted keys: jsonb hands objects back in its own key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
const sameValue = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'object' && typeof b === 'object' && canonical(a) === canonical(b));

export function planRows(kind: ImportKind, rows: ParsedRow[], lookups: Lookups): PlannedRow[] {
  const hospitals = new HospitalIndex(lookups.hospitals);
  const existing = new ExistingIndex(lookups.existing, naturalKey[kind]);
  const fields = recordFields[kind];
  const seenKeys = new Map<string, number>();
  const seenTargets = new Map<string, number>();

  return rows.map((parsed): PlannedRow => {
    const problems = [...parsed.problems];
    const v = parsed.values;
    const record: Values = {};
    for (const f of fields) record[f] = v[f] ?? null;
    let newDepartment: PlannedRow['newDepartment'];

    if (
      underHospital.has(kind) &&
      !problems.some((p) => p.key === 'hospitalCode' || p.key === 'hospitalName')
    ) {
      const h = hospitals.resolve(str(v.hospitalCode), str(v.hospitalName));
      if ('id' in h) record.hospitalId = h.id;
      else problems.push(h);
    }
    const departmentName = str(v.departmentName);
    if (record.hospitalId && departmentName && (kind === 'doctors' || kind === 'keyContacts')) {
      const id = lookups.departments.get(`${record.hospitalId as string}|${departmentName}`);
      if (id) record.departmentId = id;
      else newDepartment = { hospitalId: record.hospitalId as string, name: departmentName };
    }
    if (problems.length) return { row: parsed.row, action: 'invalid', problems, record };

    // the record this row updates, if any
    const code = fields.includes('code') ? str(record.code) : null;
    let target: Existing | undefined;
    const byCode = code ? existing.byExternalCode(code) : undefined;
    if (byCode) {
      if (!byCode.inScope || byCode.mergedInto)
        problems.push({ key: 'code', messageKey: 'import.codeTaken', params: { code: code! } });
      else target = byCode;
    } else {
      // without a (known) code: the natural key; a record carrying another code is another record
      let candidates = existing.byNaturalKey(record).filter((e) => !code || !e.record.code);
      if (kind === 'doctors') candidates = pickDoctor(candidates, str(record.departmentId), !!departmentName);
      if (candidates.length > 1) problems.push({ key: 'name', messageKey: 'import.ambiguousMatch' });
      else if (candidates.length === 1) {
        if (candidates[0]!.inScope) target = candidates[0];
        else problems.push({ key: 'name', messageKey: 'import.ambiguousMatch' });
      }
    }

    // the same record twice in one file: the first row wins
    const fileKey = code ? `code:${code}` : `key:${naturalKey[kind](record)}|${departmentName ?? ''}`;
    const firstRow = seenKeys.get(fileKey) ?? (target ? seenTargets.get(target.id) : undefined);
    if (firstRow !== undefined)
      problems.push({
        key: code ? 'code' : 'name',
        messageKey: 'import.duplicateInFile',
        params: { row: firstRow },
      });
    if (problems.length) return { row: parsed.row, action: 'invalid', problems, record };
    seenKeys.set(fileKey, parsed.row);
    if (target) seenTargets.set(target.id, parsed.row);

    if (!target) return { row: parsed.row, action: 'create', problems, record, newDepartment };
    const before = target.record;
    const after: Values = { ...before };
    for (const f of fields) if (record[f] !== null && !sameValue(record[f], before[f])) after[f] = record[f];
    // a doctor or contact moved to another hospital leaves its old 科室 behind
    if ('departmentId' in after && after.hospitalId !== before.hospitalId && record.departmentId === null)
      after.departmentId = null;
    return {
      row: parsed.row,
      action: 'update',
      problems,
      record: after,
      targetId: target.id,
      before,
      newDepartment,
    };
  });
}
