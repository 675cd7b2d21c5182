import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { ImportKind } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { departments, doctors, hospitals, importBatches, keyContacts, products } from '../../db/schema.ts';
import type { Existing, HospitalRef, Lookups } from './import-plan.ts';
import type { Values } from './import-rows.ts';

/** Raw cells by field, compactly: `[row number, ...cells in the order of keys]`. */
export type StoredCells = { keys: string[]; rows: [number, ...string[]][] };
/**
 * How rows are kept between preview and commit. `parsed`: the typed values of the rows that were valid
 * at preview, by field, so the commit plans them again without reading or parsing anything twice.
 * Without `format`: the raw cells of every row, as batches previewed before kept them.
 */
export type StoredRows = { format: 'parsed'; keys: string[]; rows: [number, ...unknown[]][] } | StoredCells;

export async function insertBatch(
  db: Db,
  batch: { userId: string; kind: ImportKind; fileName: string; rows: StoredRows; summary: unknown },
): Promise<string> {
  const [row] = await db
    .insert(importBatches)
    .values({ ...batch, rows: sql`${JSON.stringify(batch.rows)}::jsonb`, summary: batch.summary })
    .returning({ id: importBatches.id });
  return row!.id;
}

const batchColumns = {
  id: importBatches.id,
  userId: importBatches.userId,
  kind: importBatches.kind,
  fileName: importBatches.fileName,
  status: importBatches.status,
  summary: importBatches.summary,
  createdAt: importBatches.createdAt,
  finishedAt: importBatches.finishedAt,
};

/** A batch of its owner's (nobody else's, whatever their role). */
export async function getOwnBatch(db: Db, id: string, userId: string) {
  const [row] = await db
    .select(batchColumns)
    .from(importBatches)
    .where(and(eq(importBatches.id, id), eq(importBatches.userId, userId)));
  return row;
}

/** Locks the owner's batch for a commit or cancel (its stored rows: `batchRows`). */
export async function lockOwnBatch(tx: Db, id: string, userId: string) {
  const [row] = await tx
    .select(batchColumns)
    .from(importBatches)
    .where(and(eq(importBatches.id, id), eq(importBatches.userId, userId)))
    .for('update');
  return row;
}

/** A batch's stored rows, read apart from the batch so the caller holds them no longer than it uses them. */
export async function batchRows(tx: Db, id: string): Promise<StoredRows> {
  const [row] = await tx
    .select({ rows: importBatches.rows })
    .from(importBatches)
    .where(eq(importBatches.id, id));
  return row!.rows as StoredRows;
}

export async function finishBatch(tx: Db, id: string, status: 'committed' | 'cancelled', summary: unknown) {
  await tx
    .update(importBatches)
    // the rows are no longer needed once the batch is finished
    .set({ status, summary, rows: { keys: [], rows: [] }, finishedAt: sql`now()` })
    .where(eq(importBatches.id, id));
}

// ── Lookups ─────────────────────────────────────────────────────────────────

/** A list parameter as one JSON value (a file may name 100,000 codes: too many for one parameter each). */
const textList = (values: Iterable<string>) =>
  sql`(select jsonb_array_elements_text(${JSON.stringify([...new Set(values)])}::jsonb))`;
const uuidList = (values: Iterable<string>) =>
  sql`(select jsonb_array_elements_text(${JSON.stringify([...new Set(values)])}::jsonb)::uuid)`;

export type ScopeOfHospital = (
  column: SQL | typeof hospitals.id | typeof doctors.hospitalId,
) => SQL | undefined;

/**
 * Which of these hospitals the importer covers. Asked once for the set (in a WHERE the scope
 * condition is a join; in a select list it would run once per row).
 */
async function hospitalsInScope(
  db: Db,
  ids: string[],
  scope: ScopeOfHospital,
): Promise<(id: string) => boolean> {
  const condition = scope(hospitals.id);
  if (!condition) return () => true;
  if (!ids.length) return () => false;
  const rows = await db
    .select({ id: hospitals.id })
    .from(hospitals)
    .where(and(sql`${hospitals.id} in ${uuidList(ids)}`, condition));
  const visible = new Set(rows.map((r) => r.id));
  return (id) => visible.has(id);
}

/** Hospitals named by code (merged ones too, with the records they were merged into) or by name/alias. */
async function loadHospitalRefs(db: Db, codes: string[], names: string[], scope: ScopeOfHospital) {
  const columns = {
    id: hospitals.id,
    code: hospitals.code,
    name: hospitals.name,
    alias: hospitals.alias,
    mergedInto: hospitals.mergedInto,
  };
  const found = await db
    .select(columns)
    .from(hospitals)
    .where(
      sql`${hospitals.code} in ${textList(codes)} or (${hospitals.mergedInto} is null and (${hospitals.name} in ${textList(names)} or ${hospitals.alias} in ${textList(names)}))`,
    );
  const have = new Set(found.map((h) => h.id));
  const kept = found.map((h) => h.mergedInto).filter((id): id is string => !!id && !have.has(id));
  if (kept.length)
    found.push(
      ...(await db
        .select(columns)
        .from(hospitals)
        .where(sql`${hospitals.id} in ${uuidList(kept)}`)),
    );
  const covers = await hospitalsInScope(
    db,
    found.map((h) => h.id),
    scope,
  );
  return found.map((h): HospitalRef => ({ ...h, inScope: covers(h.id) }));
}

const strings = (rows: Values[], key: string) =>
  rows.map((r) => r[key]).filter((v): v is string => typeof v === 'string' && v !== '');

const existingHospitalColumns = {
  id: hospitals.id,
  mergedInto: hospitals.mergedInto,
  code: hospitals.code,
  name: hospitals.name,
  alias: hospitals.alias,
  level: hospitals.level,
  type: hospitals.type,
  province: hospitals.province,
  city: hospitals.city,
  district: hospitals.district,
  address: hospitals.address,
  beds: hospitals.beds,
  outpatientsPerDay: hospitals.outpatientsPerDay,
  drugUseLevel: hospitals.drugUseLevel,
  competitorCount: hospitals.competitorCount,
  competitionStrength: hospitals.competitionStrength,
  hasDominantCompetitor: hospitals.hasDominantCompetitor,
  notes: hospitals.notes,
};
const existingDoctorColumns = {
  id: doctors.id,
  mergedInto: doctors.mergedInto,
  code: doctors.code,
  name: doctors.name,
  gender: doctors.gender,
  hospitalId: doctors.hospitalId,
  departmentId: doctors.departmentId,
  title: doctors.title,
  position: doctors.position,
  phone: doctors.phone,
  bestVisitTime: doctors.bestVisitTime,
  clinicSchedule: doctors.clinicSchedule,
  preferredChannel: doctors.preferredChannel,
  personalityType: doctors.personalityType,
  notes: doctors.notes,
};

function toExisting(
  rows: (Values & { id: string; mergedInto?: string | null; inScope?: boolean })[],
): Existing[] {
  return rows.map(({ id, mergedInto, inScope: visible, ...record }) => ({
    id,
    mergedInto: mergedInto ?? null,
    inScope: visible ?? true,
    record,
  }));
}

/**
 * What planning a file needs: the hospitals it names, their departments, and the existing
 * records its rows may match (by code anywhere, so a code used out of scope is caught; by
 * name within the named hospitals).
 */
export async function loadLookups(
  db: Db,
  kind: ImportKind,
  rows: Values[],
  scope: ScopeOfHospital,
): Promise<Lookups> {
  const names = strings(rows, 'name');
  const codes = strings(rows, 'code');
  if (kind === 'products') {
    const found = await db
      .select({
        id: products.id,
        name: products.name,
        genericName: products.genericName,
        specification: products.specification,
        therapeuticArea: products.therapeuticArea,
        indications: products.indications,
        targetDepartments: products.targetDepartments,
        competitorProducts: products.competitorProducts,
      })
      .from(products)
      .where(sql`${products.name} in ${textList(names)}`);
    return { hospitals: [], departments: new Map(), existing: toExisting(found) };
  }
  if (kind === 'hospitals') {
    const found = await db
      .select(existingHospitalColumns)
      .from(hospitals)
      .where(
        sql`${hospitals.code} in ${textList(codes)} or (${hospitals.mergedInto} is null and ${hospitals.name} in ${textList(names)})`,
      );
    const have = new Set(found.map((h) => h.id));
    const kept = found.map((h) => h.mergedInto).filter((id): id is string => !!id && !have.has(id));
    if (kept.length)
      found.push(
        ...(await db
          .select(existingHospitalColumns)
          .from(hospitals)
          .where(sql`${hospitals.id} in ${uuidList(kept)}`)),
      );
    return { hospitals: [], departments: new Map(), existing: toExisting(found) };
  }

  const refs = await loadHospitalRefs(
    db,
    strings(rows, 'hospitalCode'),
    strings(rows, 'hospitalName'),
    scope,
  );
  const hospitalIds = refs.filter((h) => h.inScope && !h.mergedInto).map((h) => h.id);
  const departmentRows = hospitalIds.length
    ? await db
        .select({ id: departments.id, hospitalId: departments.hospitalId, name: departments.name })
        .from(departments)
        .where(sql`${departments.hospitalId} in ${uuidList(hospitalIds)}`)
    : [];
  const departmentIds = new Map(departmentRows.map((d) => [`${d.hospitalId}|${d.name}`, d.id]));

  let existing: Existing[];
  if (kind === 'departments') {
    const found = await db
      .select({
        id: departments.id,
        hospitalId: departments.hospitalId,
        name: departments.name,
        headcount: departments.headcount,
        structure: departments.structure,
        beds: departments.beds,
        specialty: departments.specialty,
      })
      .from(departments)
      .where(
        sql`${departments.hospitalId} in ${uuidList(hospitalIds)} and ${departments.name} in ${textList(names)}`,
      );
    existing = toExisting(found);
  } else if (kind === 'doctors') {
    const columns = existingDoctorColumns;
    // two queries rather than one with OR, so each can use its index
    const [byCode, byName] = await Promise.all([
      codes.length
        ? db
            .select(columns)
            .from(doctors)
            .where(sql`${doctors.code} in ${textList(codes)}`)
        : [],
      db
        .select(columns)
        .from(doctors)
        .where(
          sql`${doctors.mergedInto} is null and ${doctors.hospitalId} in ${uuidList(hospitalIds)} and ${doctors.name} in ${textList(names)}`,
        ),
    ]);
    const found = [...new Map([...byCode, ...byName].map((d) => [d.id, d])).values()];
    const have = new Set(found.map((d) => d.id));
    const kept = found.map((d) => d.mergedInto).filter((id): id is string => !!id && !have.has(id));
    if (kept.length)
      found.push(
        ...(await db
          .select(columns)
          .from(doctors)
          .where(sql`${doctors.id} in ${uuidList(kept)}`)),
      );
    const covers = await hospitalsInScope(db, [...new Set(found.map((d) => d.hospitalId))], scope);
    existing = toExisting(found.map((d) => ({ ...d, inScope: covers(d.hospitalId) })));
  } else {
    const found = await db
      .select({
        id: keyContacts.id,
        hospitalId: keyContacts.hospitalId,
        departmentId: keyContacts.departmentId,
        name: keyContacts.name,
        function: keyContacts.function,
        position: keyContacts.position,
        phone: keyContacts.phone,
        personalityType: keyContacts.personalityType,
        notes: keyContacts.notes,
      })
      .from(keyContacts)
      .where(
        sql`${keyContacts.hospitalId} in ${uuidList(hospitalIds)} and ${keyContacts.name} in ${textList(names)}`,
      );
    existing = toExisting(found);
  }
  return { hospitals: refs, departments: departmentIds, existing };
}

// ── Bulk writes ─────────────────────────────────────────────────────────────

type PgType = 'text' | 'int' | 'boolean' | 'uuid' | 'jsonb' | 'text[]';

/** The columns an import writes, per table, with their SQL types (identifiers are ours, never the file's). */
const writeSpecs: Record<ImportKind, { table: string; columns: Record<string, PgType> }> = {
  hospitals: {
    table: 'hospitals',
    columns: {
      code: 'text',
      name: 'text',
      nameInitials: 'text',
      alias: 'text',
      level: 'text',
      type: 'text',
      province: 'text',
      city: 'text',
      district: 'text',
      address: 'text',
      beds: 'int',
      outpatientsPerDay: 'int',
      drugUseLevel: 'int',
      competitorCount: 'int',
      competitionStrength: 'int',
      hasDominantCompetitor: 'boolean',
      notes: 'text',
    },
  },
  departments: {
    table: 'departments',
    columns: {
      hospitalId: 'uuid',
      name: 'text',
      headcount: 'int',
      structure: 'text',
      beds: 'int',
      specialty: 'text',
    },
  },
  doctors: {
    table: 'doctors',
    columns: {
      code: 'text',
      name: 'text',
      nameInitials: 'text',
      gender: 'text',
      hospitalId: 'uuid',
      departmentId: 'uuid',
      title: 'text',
      position: 'text',
      phone: 'text',
      bestVisitTime: 'text',
      clinicSchedule: 'jsonb',
      preferredChannel: 'text',
      personalityType: 'text',
      notes: 'text',
    },
  },
  keyContacts: {
    table: 'key_contacts',
    columns: {
      hospitalId: 'uuid',
      departmentId: 'uuid',
      name: 'text',
      nameInitials: 'text',
      function: 'text',
      position: 'text',
      phone: 'text',
      personalityType: 'text',
      notes: 'text',
    },
  },
  products: {
    table: 'products',
    columns: {
      name: 'text',
      genericName: 'text',
      specification: 'text',
      therapeuticArea: 'text',
      indications: 'text[]',
      targetDepartments: 'text[]',
      competitorProducts: 'text[]',
    },
  },
};

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const quoted = (camel: string) => `"${snake(camel)}"`;
/** Rows per statement: one JSON parameter each, so the size is about memory, not parameter limits. */
const chunkSize = 5000;

/** What a new record gets where the file left a cell empty but the column may not be null (not audited: the file did not say it). */
const createDefaults: Partial<Record<ImportKind, Record<string, string>>> = {
  doctors: { clinicSchedule: `'[]'::jsonb` },
  products: {
    indications: `'{}'::text[]`,
    targetDepartments: `'{}'::text[]`,
    competitorProducts: `'{}'::text[]`,
  },
};
/** Columns derived on write (search initials of the name): stored, never audited. */
const derivedColumns = ['nameInitials'];

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += chunkSize) yield items.slice(i, i + chunkSize);
}

/**
 * `id uuid, "hospitalId" uuid, …` — the record type jsonb_to_recordset reads the rows as; keys stay the
 * record's own (camelCase), so a create's audit can be built from the same JSON.
 */
function recordType(columns: Record<string, PgType>) {
  return `id uuid, ${Object.entries(columns)
    .map(([c, t]) => `"${c}" ${t}`)
    .join(', ')}`;
}

function asJsonRows(rows: (Values & { id: string })[], columns: Record<string, PgType>) {
  return JSON.stringify(
    rows.map((r) => {
      const out: Record<string, unknown> = { id: r.id };
      for (const c of Object.keys(columns)) out[c] = r[c] ?? null;
      return out;
    }),
  );
}

/**
 * Multi-row INSERT of new records (ids chosen by the caller) and, in the same statement from the same
 * rows, their audit rows: { field: { before: null, after } } for every field the file filled, as
 * diffChanges(undefined, record) words a create. The rows cross the wire once, not twice; the changes
 * are concatenated per field (cheaper than jsonb_each + jsonb_object_agg per row).
 */
export async function insertRecords(
  tx: Db,
  kind: ImportKind,
  rows: (Values & { id: string })[],
  audit: { actorId: string; requestId: string; entity: string },
) {
  const { table, columns } = writeSpecs[kind];
  const defaults = createDefaults[kind] ?? {};
  const names = Object.keys(columns).map(quoted).join(', ');
  const values = Object.keys(columns)
    .map((c) => (defaults[c] ? `coalesce(v."${c}", ${defaults[c]})` : `v."${c}"`))
    .join(', ');
  const changes = Object.keys(columns)
    .filter((c) => !derivedColumns.includes(c))
    .map(
      (c) =>
        `case when v."${c}" is null then '{}'::jsonb else jsonb_build_object('${c}', jsonb_build_object('before', null, 'after', v."${c}")) end`,
    )
    .join(' || ');
  for (const chunk of chunks(rows)) {
    await tx.execute(sql`
      with v as materialized (
        select * from jsonb_to_recordset(${asJsonRows(chunk, columns)}::jsonb) as v(${sql.raw(recordType(columns))})
      ),
      inserted as (
        insert into ${sql.raw(table)} (id, ${sql.raw(names)}) select v.id, ${sql.raw(values)} from v
      )
      insert into audit_log (actor_id, request_id, entity, entity_id, action, changes)
      select ${audit.actorId}::uuid, ${audit.requestId}, ${audit.entity}, v.id::text, 'create', ${sql.raw(changes)}
      from v`);
  }
}

/** Multi-row UPDATE of matched records, bumping their version. */
export async function updateRecords(tx: Db, kind: ImportKind, rows: (Values & { id: string })[]) {
  const { table, columns } = writeSpecs[kind];
  const assignments = Object.keys(columns)
    .map((c) => `${quoted(c)} = v."${c}"`)
    .join(', ');
  for (const chunk of chunks(rows)) {
    await tx.execute(
      sql`update ${sql.raw(table)} as t set ${sql.raw(assignments)}, version = t.version + 1, updated_at = now() from jsonb_to_recordset(${asJsonRows(chunk, columns)}::jsonb) as v(${sql.raw(recordType(columns))}) where t.id = v.id`,
    );
  }
}

/** Creates the 科室 the rows name (idempotent on hospital + name); `ids` maps `${hospitalId}|${name}` → id. */
export async function ensureDepartments(tx: Db, named: { hospitalId: string; name: string }[]) {
  const ids = new Map<string, string>();
  const inserted: { id: string; hospitalId: string; name: string }[] = [];
  // many rows name the same 科室
  const wanted = [...new Map(named.map((d) => [`${d.hospitalId}|${d.name}`, d])).values()];
  if (!wanted.length) return { ids, inserted };
  for (const chunk of chunks(wanted)) {
    inserted.push(
      ...(await tx
        .insert(departments)
        .values(chunk)
        .onConflictDoNothing({ target: [departments.hospitalId, departments.name] })
        .returning({ id: departments.id, hospitalId: departments.hospitalId, name: departments.name })),
    );
  }
  const found = await tx
    .select({ id: departments.id, hospitalId: departments.hospitalId, name: departments.name })
    .from(departments)
    .where(
      sql`${departments.hospitalId} in ${uuidList(wanted.map((w) => w.hospitalId))} and ${departments.name} in ${textList(wanted.map((w) => w.name))}`,
    );
  for (const d of found) ids.set(`${d.hospitalId}|${d.name}`, d.id);
  return { ids, inserted };
}

export type AuditRow = { entity: string; entityId: string; action: 'create' | 'update'; changes: unknown };

/** The per-record audit rows of a commit, in chunks (the audit table is append-only). */
export async function insertAuditRows(
  tx: Db,
  actor: { actorId: string; requestId: string },
  rows: AuditRow[],
) {
  for (const chunk of chunks(rows)) {
    const json = JSON.stringify(
      chunk.map((r) => ({ entity: r.entity, entity_id: r.entityId, action: r.action, changes: r.changes })),
    );
    await tx.execute(
      sql`insert into audit_log (actor_id, request_id, entity, entity_id, action, changes) select ${actor.actorId}::uuid, ${actor.requestId}, entity, entity_id, action, changes from jsonb_to_recordset(${json}::jsonb) as v(entity text, entity_id text, action text, changes jsonb)`,
    );
  }
}
