/**
 * Backup and restore in one logical format for PGlite and PostgreSQL: a gzip'd text file of lines
 *
 *   H {header: format, schema migrations, table order, deferred references}
 *   T {"table": name}            then one line per row:
 *   R {row as PostgreSQL's row_to_json}
 *   E {"rows": {table: count}}   the end mark (a truncated file has none and is refused)
 *
 * The dump reads every table inside one REPEATABLE READ read-only transaction (one snapshot), in an order
 * where a referenced table comes first; references inside a cycle (teams ↔ users) or to the same table are
 * "deferred": inserted empty and filled in once every row is there, so foreign keys stay checked throughout.
 * The restore migrates the target, refuses one that holds data or is older than the dump, inserts
 * everything in one transaction (all or nothing) and moves the id sequences past the restored ids.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { migrateDatabase, type Database, type Db } from '../db/client.ts';
import { migrationsFolder } from '../paths.ts';

export const backupFormat = 'keqing-backup';
export const backupFormatVersion = 1;

/** A foreign key whose columns are restored in a second step (cycle or self-reference). */
type DeferredReference = { table: string; columns: string[] };

export type BackupHeader = {
  format: typeof backupFormat;
  formatVersion: number;
  createdAt: string;
  engine: Database['engine'];
  /** Applied migrations of the source database (tag from this build's journal, `when` as stored by Drizzle). */
  migrations: { tag: string | null; when: number }[];
  tables: string[];
  deferred: DeferredReference[];
  primaryKeys: Record<string, string[]>;
};

export type BackupSummary = { file: string; rows: Record<string, number>; elapsedMs: number };

/** A backup or restore that cannot proceed; the message is Chinese first, then English. */
export class BackupError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
    this.name = 'BackupError';
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function query<T>(db: Db, text: string): Promise<T[]> {
  return rowsOf<T>(await db.execute(sql.raw(text)));
}

type ForeignKey = { child: string; parent: string; columns: string[]; nullable: boolean };

async function publicTables(db: Db): Promise<string[]> {
  const rows = await query<{ name: string }>(
    db,
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  );
  return rows.map((r) => r.name);
}

async function foreignKeys(db: Db): Promise<ForeignKey[]> {
  const rows = await query<{ child: string; parent: string; columns: string[] | string; nullable: boolean }>(
    db,
    `select ch.relname as child, pa.relname as parent,
            array(select a.attname::text from unnest(c.conkey) k join pg_attribute a
                  on a.attrelid = c.conrelid and a.attnum = k order by a.attnum) as columns,
            not exists (select 1 from unnest(c.conkey) k join pg_attribute a
                        on a.attrelid = c.conrelid and a.attnum = k where a.attnotnull) as nullable
     from pg_constraint c
     join pg_class ch on ch.oid = c.conrelid join pg_namespace n on n.oid = ch.relnamespace
     join pg_class pa on pa.oid = c.confrelid
     where c.contype = 'f' and n.nspname = 'public'`,
  );
  return rows.map((r) => ({ ...r, columns: textArray(r.columns) }));
}

async function primaryKeys(db: Db): Promise<Record<string, string[]>> {
  const rows = await query<{ table: string; columns: string[] | string }>(
    db,
    `select t.relname as table,
            array(select a.attname::text from unnest(i.indkey) k join pg_attribute a
                  on a.attrelid = i.indrelid and a.attnum = k) as columns
     from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
     where i.indisprimary and n.nspname = 'public'`,
  );
  return Object.fromEntries(rows.map((r) => [r.table, textArray(r.columns)]));
}

/** PGlite and node-postgres both parse text[]; a driver that did not would hand over `{a,b}`. */
function textArray(value: string[] | string): string[] {
  return Array.isArray(value)
    ? value
    : value
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);
}

/**
 * Tables so that every referenced table comes before the tables referring to it. A cycle is broken at a
 * table whose references into the cycle are all nullable: those columns are deferred.
 */
export function restoreOrder(
  tables: string[],
  keys: ForeignKey[],
): { tables: string[]; deferred: DeferredReference[] } {
  const deferred: DeferredReference[] = [];
  let pending = keys.filter((k) => {
    if (k.child !== k.parent) return true;
    if (!k.nullable)
      throw new BackupError(
        `表 ${k.child} 引用自身且不可为空，无法恢复`,
        `${k.child} references itself with a NOT NULL key`,
      );
    deferred.push({ table: k.child, columns: k.columns });
    return false;
  });
  const ordered: string[] = [];
  const left = new Set(tables);
  while (left.size) {
    const ready = [...left].filter((t) => !pending.some((k) => k.child === t && left.has(k.parent)));
    if (ready.length) {
      for (const t of ready.sort()) {
        ordered.push(t);
        left.delete(t);
      }
      continue;
    }
    const breakable = [...left]
      .sort()
      .find((t) => pending.filter((k) => k.child === t && left.has(k.parent)).every((k) => k.nullable));
    if (!breakable)
      throw new BackupError(
        '外键存在无法拆开的循环，无法备份',
        'foreign keys form a cycle that cannot be broken',
      );
    const cut = pending.filter((k) => k.child === breakable && left.has(k.parent));
    for (const k of cut) deferred.push({ table: k.child, columns: k.columns });
    pending = pending.filter((k) => !cut.includes(k));
  }
  return { tables: ordered, deferred };
}

type JournalEntry = { tag: string; when: number };
function journal(): JournalEntry[] {
  const file = path.join(migrationsFolder, 'meta', '_journal.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: JournalEntry[] }).entries;
}

async function appliedMigrations(db: Db): Promise<BackupHeader['migrations']> {
  const tags = new Map(journal().map((e) => [e.when, e.tag]));
  const rows = await query<{ when: string | number }>(
    db,
    `select created_at as when from drizzle.__drizzle_migrations order by created_at`,
  );
  return rows.map((r) => ({ tag: tags.get(Number(r.when)) ?? null, when: Number(r.when) }));
}

const batchRows = 2000;

/**
 * Writes a consistent dump of the whole database to `file`. Rows stream through a cursor, so memory stays
 * flat whatever the table sizes.
 */
export async function backupDatabase(database: Database, file: string): Promise<BackupSummary> {
  const startedAt = Date.now();
  const rows: Record<string, number> = {};
  await database.db.transaction(
    async (tx) => {
      // row_to_json writes timestamps in the session's zone: UTC makes dumps comparable across servers
      await tx.execute(sql`set local time zone 'UTC'`);
      const tables = await publicTables(tx);
      const order = restoreOrder(tables, await foreignKeys(tx));
      const header: BackupHeader = {
        format: backupFormat,
        formatVersion: backupFormatVersion,
        createdAt: new Date().toISOString(),
        engine: database.engine,
        migrations: await appliedMigrations(tx),
        tables: order.tables,
        deferred: order.deferred,
        primaryKeys: await primaryKeys(tx),
      };
      async function* lines() {
        yield `H ${JSON.stringify(header)}\n`;
        for (const table of order.tables) {
          yield `T ${JSON.stringify({ table })}\n`;
          let count = 0;
          await tx.execute(
            sql.raw(`declare backup_rows no scroll cursor for
                     select row_to_json(t)::text as row from ${quoteIdent(table)} t`),
          );
          for (;;) {
            const batch = await query<{ row: string }>(tx, `fetch ${batchRows} from backup_rows`);
            if (!batch.length) break;
            count += batch.length;
            yield batch.map((r) => `R ${r.row}\n`).join('');
          }
          await tx.execute(sql.raw('close backup_rows'));
          rows[table] = count;
        }
        yield `E ${JSON.stringify({ rows })}\n`;
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return { file, rows, elapsedMs: Date.now() - startedAt };
}

type Line = { kind: 'H' | 'T' | 'R' | 'E'; body: string };

async function* readLines(file: string): AsyncGenerator<Line> {
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of reader) {
      if (!line) continue;
      const kind = line[0];
      if ((kind !== 'H' && kind !== 'T' && kind !== 'R' && kind !== 'E') || line[1] !== ' ')
        throw new BackupError('备份文件格式不正确', 'not a Keqing backup file');
      yield { kind, body: line.slice(2) };
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(
      `备份文件无法读取：${(err as Error).message}`,
      `the backup file cannot be read: ${(err as Error).message}`,
    );
  }
}

async function readHeader(file: string): Promise<BackupHeader> {
  for await (const line of readLines(file)) {
    const header = line.kind === 'H' ? (JSON.parse(line.body) as BackupHeader) : undefined;
    if (header?.format !== backupFormat)
      throw new BackupError('不是客情的备份文件', 'not a Keqing backup file');
    if (header.formatVersion > backupFormatVersion)
      throw new BackupError(
        '备份文件来自更新的版本，请先升级客情',
        'the backup was written by a newer Keqing; upgrade first',
      );
    return header;
  }
  throw new BackupError('备份文件为空', 'the backup file is empty');
}

/**
 * Tables that the migrations themselves fill (a settings row, say): top-level `INSERT INTO` statements.
 * Their rows in a freshly migrated target are not data anyone entered; the dump's rows replace them.
 */
export function tablesFilledByMigrations(): Set<string> {
  const tables = new Set<string>();
  for (const entry of journal()) {
    const text = readFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), 'utf8');
    for (const statement of text.split('--> statement-breakpoint')) {
      const code = statement.replace(/^\s*(--[^\n]*\n\s*)*/, '');
      const insert = /^INSERT\s+INTO\s+(?:"?public"?\.)?"?(\w+)"?/i.exec(code);
      if (insert) tables.add(insert[1]!);
    }
  }
  return tables;
}

/** The tables that hold at least one row. */
async function tablesWithRows(db: Db): Promise<string[]> {
  const tables = await publicTables(db);
  if (!tables.length) return [];
  const checks = tables.map((t) => `select '${t}' as name where exists (select 1 from ${quoteIdent(t)})`);
  return (await query<{ name: string }>(db, checks.join(' union all '))).map((r) => r.name);
}

/**
 * Brings a dump back into an empty database (migrated first). Everything happens in one transaction:
 * a failure leaves the database as empty as it was.
 */
export async function restoreDatabase(database: Database, file: string): Promise<BackupSummary> {
  const startedAt = Date.now();
  const header = await readHeader(file);
  const known = new Set(journal().map((e) => e.when));
  const newer = header.migrations.filter((m) => !known.has(m.when));
  if (newer.length)
    throw new BackupError(
      `备份来自更新的数据库结构（${newer.length} 个未知迁移），请先升级客情`,
      `the backup comes from a newer schema (${newer.length} unknown migrations); upgrade Keqing first`,
    );
  await migrateDatabase(database);
  const filledByMigrations = tablesFilledByMigrations();
  const holding = (await tablesWithRows(database.db)).filter((t) => !filledByMigrations.has(t));
  if (holding.length)
    throw new BackupError(
      `目标数据库不是空的（${holding.slice(0, 5).join('、')}${holding.length > 5 ? '…' : ''} 已有数据），恢复已取消`,
      `the target database is not empty (${holding.slice(0, 5).join(', ')} hold rows); nothing restored`,
    );

  const rows: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const targetColumns = new Map<string, Set<string>>();
    for (const r of await query<{ table: string; column: string }>(
      tx,
      `select table_name as table, column_name as column from information_schema.columns
       where table_schema = 'public'`,
    )) {
      if (!targetColumns.has(r.table)) targetColumns.set(r.table, new Set());
      targetColumns.get(r.table)!.add(r.column);
    }
    // Triggers that keep derived tables (summaries) would count the restored rows twice: the dump carries
    // those tables already. The audit log's guard only refuses updates and deletes, which a restore never does
    // to it. Transactional, so they are back on when this commits or rolls back.
    const triggered = (
      await query<{ table: string }>(
        tx,
        `select distinct c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid
         join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not g.tgisinternal`,
      )
    ).map((r) => r.table);
    for (const t of triggered) await tx.execute(sql.raw(`alter table ${quoteIdent(t)} disable trigger user`));
    for (const t of header.tables.filter((t) => filledByMigrations.has(t)))
      await tx.execute(sql.raw(`delete from ${quoteIdent(t)}`));

    const deferredOf = new Map<string, string[]>();
    for (const d of header.deferred)
      deferredOf.set(d.table, [...(deferredOf.get(d.table) ?? []), ...d.columns]);
    // deferred references, filled in after every row is in: table → rows of (primary key + deferred columns)
    const later = new Map<string, Record<string, unknown>[]>();

    let table: string | undefined;
    let batch: string[] = [];
    let ended = false;
    const flush = async () => {
      if (!table || !batch.length) return;
      const columns = targetColumns.get(table);
      if (!columns)
        throw new BackupError(`备份中的表 ${table} 在当前版本中不存在`, `table ${table} no longer exists`);
      const deferred = new Set(deferredOf.get(table) ?? []);
      const parsed = batch.map((b) => JSON.parse(b) as Record<string, unknown>);
      const dumped = Object.keys(parsed[0]!).filter((c) => columns.has(c));
      const unknown = Object.keys(parsed[0]!).filter((c) => !columns.has(c));
      if (unknown.length)
        throw new BackupError(
          `备份中的列 ${table}.${unknown.join('、')} 在当前版本中不存在`,
          `columns ${unknown.join(', ')} of ${table} no longer exist`,
        );
      if (deferred.size) {
        const keys = header.primaryKeys[table] ?? [];
        if (!keys.length)
          throw new BackupError(`表 ${table} 没有主键，无法恢复`, `table ${table} has no primary key`);
        const pending = later.get(table) ?? [];
        for (const row of parsed) {
          if ([...deferred].some((c) => row[c] !== null && row[c] !== undefined))
            pending.push(Object.fromEntries([...keys, ...deferred].map((c) => [c, row[c]])));
        }
        later.set(table, pending);
      }
      const inserted = dumped
        .filter((c) => !deferred.has(c))
        .map(quoteIdent)
        .join(', ');
      await tx.execute(
        sql`${sql.raw(`insert into ${quoteIdent(table)} (${inserted}) select ${inserted} from json_populate_recordset(null::${quoteIdent(table)}, `)}${`[${batch.join(',')}]`}::json)`,
      );
      rows[table] = (rows[table] ?? 0) + batch.length;
      batch = [];
    };

    for await (const line of readLines(file)) {
      if (line.kind === 'H') continue;
      if (line.kind === 'T') {
        await flush();
        table = (JSON.parse(line.body) as { table: string }).table;
        rows[table] = 0;
      } else if (line.kind === 'R') {
        batch.push(line.body);
        if (batch.length >= batchRows) await flush();
      } else {
        await flush();
        const expected = (JSON.parse(line.body) as { rows: Record<string, number> }).rows;
        for (const [t, n] of Object.entries(expected))
          if ((rows[t] ?? 0) !== n)
            throw new BackupError(
              `表 ${t} 的行数与备份记录不符（${rows[t] ?? 0} ≠ ${n}）`,
              `${t} has ${rows[t] ?? 0} rows, the backup says ${n}`,
            );
        ended = true;
      }
    }
    if (!ended)
      throw new BackupError('备份文件不完整（缺少结束标记），恢复已取消', 'the backup file is truncated');

    for (const [t, pending] of later) {
      const keys = header.primaryKeys[t]!;
      const deferred = deferredOf.get(t)!;
      for (let i = 0; i < pending.length; i += batchRows) {
        const set = deferred.map((c) => `${quoteIdent(c)} = d.${quoteIdent(c)}`).join(', ');
        const match = keys.map((k) => `x.${quoteIdent(k)} = d.${quoteIdent(k)}`).join(' and ');
        await tx.execute(
          sql`${sql.raw(`update ${quoteIdent(t)} x set ${set} from json_populate_recordset(null::${quoteIdent(t)}, `)}${JSON.stringify(pending.slice(i, i + batchRows))}${sql.raw(`::json) d where ${match}`)}`,
        );
      }
    }

    for (const t of triggered) await tx.execute(sql.raw(`alter table ${quoteIdent(t)} enable trigger user`));

    // serial ids continue after the restored ones
    const serials = await query<{ table: string; column: string; sequence: string }>(
      tx,
      `select table_name as table, column_name as column,
              pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
       from information_schema.columns
       where table_schema = 'public' and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null`,
    );
    for (const s of serials) {
      await tx.execute(
        sql.raw(
          `select setval('${s.sequence.replace(/'/g, "''")}', coalesce((select max(${quoteIdent(s.column)}) from ${quoteIdent(s.table)}), 0) + 1, false)`,
        ),
      );
    }
  });
  return { file, rows, elapsedMs: Date.now() - startedAt };
}
