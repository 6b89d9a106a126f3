import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { columnsOf } from './sqlite-columns';
import { PgStore, redactedUrl } from './store-postgres';

/**
 * `npm run relay -- migrate --from relay-data --to postgres://… [--office <id>]…`
 *
 * Copies an office's relay data (or every office's) from the SQLite file to PostgreSQL, one
 * transaction per office, then checks it: row counts and a SHA-256 over every row (bodies by
 * their own SHA-256) of each table, read back from both sides. Run it with the SQLite relay
 * stopped (or accept that what arrives meanwhile is not copied: run it again, it only adds
 * what is missing). Rows already in PostgreSQL are kept (ON CONFLICT DO NOTHING); if they
 * differ from SQLite's the check says so and the command fails.
 */
interface Table {
  name: string;
  /** Columns in order; `body`-like columns are compared by their hash. */
  columns: string[];
  blobs: string[];
  key: string[];
  /** Column naming the office (offices: id). */
  office: string;
  /** Columns added after the table's first release, as SQL defaults for an older data dir. */
  added?: Record<string, string>;
}

const TABLES: Table[] = [
  {
    name: 'offices',
    columns: ['id', 'public_key', 'bytes', 'revocation_version', 'revoked', 'created_at'],
    blobs: ['public_key'],
    key: ['id'],
    office: 'id'
  },
  {
    name: 'devices',
    columns: ['office', 'device', 'public_key', 'high', 'cert_sig', 'acked', 'pruned'],
    blobs: ['public_key'],
    key: ['office', 'device'],
    office: 'office',
    added: { cert_sig: 'NULL', acked: "'{}'", pruned: '0' }
  },
  {
    name: 'batches',
    columns: ['office', 'device', 'first', 'last', 'epoch', 'schema', 'sig', 'body'],
    blobs: ['body'],
    key: ['office', 'device', 'last'],
    office: 'office'
  },
  {
    name: 'blobs',
    columns: ['hash', 'office', 'body', 'expires'],
    blobs: ['body'],
    key: ['hash'],
    office: 'office'
  },
  {
    name: 'office_blobs',
    columns: ['office', 'id', 'body', 'stored_at', 'kind'],
    blobs: ['body'],
    key: ['office', 'id'],
    office: 'office',
    added: { kind: "'file'" }
  },
  {
    name: 'receipts',
    columns: ['tag', 'office', 'count', 'expires'],
    blobs: [],
    key: ['tag'],
    office: 'office'
  },
  {
    name: 'owner_links',
    columns: ['tag', 'office', 'expires'],
    blobs: [],
    key: ['tag'],
    office: 'office'
  },
  {
    name: 'owner_inbox',
    columns: ['id', 'office', 'tag', 'at', 'body'],
    blobs: ['body'],
    key: ['id'],
    office: 'office'
  },
  {
    name: 'owner_status',
    columns: ['id', 'office', 'at', 'expires', 'body'],
    blobs: ['body'],
    key: ['id'],
    office: 'office'
  }
];

const PAGE = 500;

type Row = Record<string, unknown>;

export interface TableCheck {
  table: string;
  rows: number;
  sha256: string;
  same: boolean;
}

export interface MigrationReport {
  offices: number;
  tables: TableCheck[];
  ok: boolean;
}

/** A row's canonical text for the hash: values in column order, blobs by their SHA-256. */
function canonical(table: Table, row: Row): string {
  return JSON.stringify(
    table.columns.map((column) => {
      const value = row[column];
      if (table.blobs.includes(column) && value !== null)
        return value instanceof Uint8Array
          ? createHash('sha256').update(value).digest('hex')
          : String(value); // PostgreSQL hashed it already
      return value === null || value === undefined ? null : String(value);
    })
  );
}

function sqliteTables(db: Database.Database): Set<string> {
  return new Set(
    (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((row) => row.name)
  );
}

/**
 * A table's rows of one office, in key order, every column of `table.columns`: a column an
 * older data dir lacks reads as its default.
 */
function sqliteRowsOf(db: Database.Database, table: Table): Database.Statement {
  const have = columnsOf(db, table.name);
  const select = table.columns
    .map((c) => (have.has(c) ? c : `${table.added?.[c] ?? 'NULL'} AS ${c}`))
    .join(', ');
  return db.prepare(
    `SELECT ${select} FROM ${table.name} WHERE ${table.office} = ? ORDER BY ${table.key.join(', ')}`
  );
}

/** Hash and count of a table's rows of these offices, read from SQLite in key order. */
function sqliteDigest(db: Database.Database, table: Table, offices: string[]): [number, string] {
  const hash = createHash('sha256');
  let rows = 0;
  const statement = sqliteRowsOf(db, table);
  for (const office of [...offices].sort()) {
    for (const row of statement.iterate(office) as Iterable<Row>) {
      hash.update(canonical(table, row));
      hash.update('\n');
      rows++;
    }
  }
  return [rows, hash.digest('hex')];
}

async function pgDigest(
  client: pg.ClientBase,
  table: Table,
  offices: string[]
): Promise<[number, string]> {
  const hash = createHash('sha256');
  let rows = 0;
  // Bodies hashed in PostgreSQL (sha256(), PostgreSQL 11+): the command needs no second copy.
  const select = table.columns
    .map((c) => (table.blobs.includes(c) ? `encode(sha256(${c}), 'hex') AS ${c}` : c))
    .join(', ');
  // COLLATE "C": the same byte order as SQLite, whatever the database's locale.
  const numeric = (c: string): boolean =>
    c === 'last' || (c === 'id' && table.name === 'owner_inbox');
  const order = table.key.map((c) => (numeric(c) ? c : `${c} COLLATE "C"`)).join(', ');
  for (const office of [...offices].sort()) {
    let after = 0;
    for (;;) {
      const page = await client.query<Row>(
        `SELECT ${select} FROM ${table.name} WHERE ${table.office} = $1 ORDER BY ${order} LIMIT ${PAGE} OFFSET ${after}`,
        [office]
      );
      for (const row of page.rows) {
        hash.update(canonical(table, row));
        hash.update('\n');
        rows++;
      }
      if (page.rows.length < PAGE) break;
      after += PAGE;
    }
  }
  return [rows, hash.digest('hex')];
}

/** Copies one office's rows of one table, a page at a time. */
async function copyTable(
  db: Database.Database,
  client: pg.ClientBase,
  table: Table,
  office: string
): Promise<void> {
  const statement = sqliteRowsOf(db, table);
  let page: Row[] = [];
  const flush = async (): Promise<void> => {
    if (page.length === 0) return;
    const values: unknown[] = [];
    const tuples = page.map((row) => {
      const slots = table.columns.map((column) => {
        values.push(row[column] ?? null);
        return `$${values.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await client.query(
      `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
      values
    );
    page = [];
  };
  for (const row of statement.iterate(office) as Iterable<Row>) {
    page.push(row);
    if (page.length >= 100) await flush();
  }
  await flush();
}

export async function migrate(options: {
  from: string;
  to: string;
  offices?: string[];
  log?: (line: string) => void;
}): Promise<MigrationReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const file = join(options.from, 'relay.sqlite');
  if (!existsSync(file)) throw new Error(`no relay.sqlite in ${options.from}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const store = await PgStore.open(options.to, Number.MAX_SAFE_INTEGER, 2);
  try {
    const present = sqliteTables(db);
    const tables = TABLES.filter((table) => present.has(table.name));
    const all = (db.prepare('SELECT id FROM offices ORDER BY id').all() as { id: string }[]).map(
      (row) => row.id
    );
    const offices = options.offices?.length ? options.offices : all;
    const unknown = offices.filter((office) => !all.includes(office));
    if (unknown.length) throw new Error(`not in ${file}: ${unknown.join(', ')}`);
    log(`migrating ${offices.length} office(s) from ${file} to ${redactedUrl(options.to)}`);
    for (const office of offices) {
      await store.transaction(async (client) => {
        for (const table of tables) await copyTable(db, client, table, office);
      });
    }
    // owner_inbox ids continue after the copied ones.
    if (tables.some((table) => table.name === 'owner_inbox'))
      await store.query(
        "SELECT setval(pg_get_serial_sequence('owner_inbox', 'id'), greatest((SELECT max(id) FROM owner_inbox), 1))"
      );
    const checks: TableCheck[] = [];
    const client = await store.pool.connect();
    try {
      for (const table of tables) {
        const [rows, sha256] = sqliteDigest(db, table, offices);
        const [pgRows, pgSha256] = await pgDigest(client, table, offices);
        const same = rows === pgRows && sha256 === pgSha256;
        checks.push({ table: table.name, rows, sha256, same });
        log(
          `${same ? 'ok  ' : 'DIFF'} ${table.name}: ${rows} rows${same ? '' : ` (PostgreSQL: ${pgRows})`} sha256 ${sha256.slice(0, 16)}${same ? '' : ` vs ${pgSha256.slice(0, 16)}`}`
        );
      }
    } finally {
      client.release();
    }
    const ok = checks.every((check) => check.same);
    log(ok ? 'verified: counts and hashes match' : 'NOT verified: see DIFF lines');
    return { offices: offices.length, tables: checks, ok };
  } finally {
    db.close();
    await store.close();
  }
}

/** The command line: `migrate --from DIR --to URL [--office ID]…`. */
export async function migrateCommand(argv: string[]): Promise<number> {
  let from: string | undefined;
  let to: string | undefined;
  const offices: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = inline ?? argv[++i];
    if (flag === '--from') from = value;
    else if (flag === '--to') to = value;
    else if (flag === '--office') offices.push(value);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  to ??= process.env.DATABASE_URL;
  if (!from || !to) {
    console.error(
      'usage: npm run relay -- migrate --from <data dir> --to postgres://… [--office <id>]…'
    );
    return 2;
  }
  const report = await migrate({ from, to, offices });
  return report.ok ? 0 : 1;
}
