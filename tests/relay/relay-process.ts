import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PgStore } from '../../src/relay/store-postgres';
import type { StoreCounts } from '../../src/relay/store';

/**
 * Which store the suite runs against: tests/relay/vitest.config.ts runs every file twice,
 * once on SQLite and once on PostgreSQL (a throw-away cluster its global setup starts:
 * RELAY_TEST_DATABASE_URL, RELAY_TEST_PG_DATA).
 */
export const TEST_STORE: 'sqlite' | 'postgres' =
  process.env.RELAY_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** Where a relay keeps its data: a SQLite data dir, or a PostgreSQL database (dataDir: the cluster's). */
export interface StoreTarget {
  dataDir: string;
  databaseUrl?: string;
}

let databases = 0;

/** A fresh, empty store for one relay of this suite's kind. */
export async function testStore(kind = TEST_STORE): Promise<StoreTarget> {
  if (kind === 'sqlite') return { dataDir: tempDataDir() };
  const admin = process.env.RELAY_TEST_DATABASE_URL;
  const dataDir = process.env.RELAY_TEST_PG_DATA;
  if (!admin || !dataDir)
    throw new Error('RELAY_TEST_DATABASE_URL is not set: run through tests/relay/vitest.config.ts');
  const name = `relay_${process.pid}_${Date.now().toString(36)}_${++databases}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { dataDir, databaseUrl: url.toString() };
}

/** A real relay process (`node --import tsx src/relay/main.ts`), so kill -9 is a real kill -9. */
export interface RelayProcess extends StoreTarget {
  url: string;
  httpUrl: string;
  port: number;
  pid(): number | undefined;
  logs: LogLine[];
  /**
   * The relay's last stderr lines as written (JSON log lines and anything else: a V8 fatal
   * error, a native crash), newest last, with how it exited once it has.
   */
  tail(): string;
  /** How the process ended, once it has (code, or the signal that ended it). */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  kill9(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

export type LogLine = Record<string, unknown> & { event: string; code?: string; reason?: string };

/** stderr lines kept raw per relay process, for the report when it ends unasked. */
const TAIL_LINES = 80;

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'guanjia-relay-'));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The suites make hundreds of offices and devices from one address (loopback); production
 * defaults would refuse them as a flood. Tests of those caps pass their own values.
 */
export const TEST_GUARDS_ENV: Record<string, string> = {
  RELAY_MAX_OFFICES_PER_ADDRESS_PER_HOUR: '100000',
  RELAY_MAX_DEVICES_PER_ADDRESS_PER_HOUR: '100000',
  RELAY_UNAUTH_RATE_PER_SECOND: '10000',
  RELAY_UNAUTH_BURST: '10000',
  RELAY_MAX_CONNECTIONS_PER_ADDRESS: '10000'
};

export async function spawnRelay(
  env: Record<string, string> = {},
  target?: StoreTarget | string
): Promise<RelayProcess> {
  const { dataDir, databaseUrl } =
    typeof target === 'string'
      ? { dataDir: target, databaseUrl: undefined }
      : (target ?? (await testStore()));
  const port = await freePort();
  const logs: LogLine[] = [];
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let child: ChildProcess | undefined;
  const tailLines: string[] = [];
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Set by stop / kill9 / restart: that exit was asked for. */
  let stopping = false;
  const keep = (text: string): void => {
    tailLines.push(text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text);
    if (tailLines.length > TAIL_LINES) tailLines.shift();
  };
  const tail = (): string =>
    [...tailLines, ...(ended ? [`(exited: code ${ended.code}, signal ${ended.signal})`] : [])].join(
      '\n'
    );

  const start = async (): Promise<void> => {
    const guard = fileURLToPath(new URL('./exit-with-parent.ts', import.meta.url));
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', guard, 'src/relay/main.ts'],
      {
        cwd: process.cwd(),
        env: {
          ...process.env,
          ...TEST_GUARDS_ENV,
          ...env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          DATABASE_URL: databaseUrl ?? ''
        },
        // The IPC channel only tells the relay when this process is gone (exit-with-parent.ts).
        stdio: ['ignore', 'inherit', 'pipe', 'ipc']
      }
    );
    proc.channel?.unref();
    child = proc;
    stopping = false;
    ended = undefined;
    let buffered = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const text of lines) {
        keep(text);
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          process.stderr.write(`[relay] ${text}\n`);
          continue;
        }
        logs.push(line);
        for (const waiter of [...waiters]) {
          if (waiter.match(line)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(line);
          }
        }
      }
    });
    // A relay that ends unasked says why: its last stderr lines (a V8 "heap out of memory",
    // a native crash, the JSON log before it) and its exit code or signal go to this
    // process's stderr, where the runner shows them ('close': after its stderr is read out). (Before, a dead relay left only
    // "connection refused" in the browser tests; issue 12.)
    proc.once('close', (code, signal) => {
      if (buffered) keep(buffered);
      buffered = '';
      if (child === proc) ended = { code, signal };
      if (stopping || child !== proc) return;
      process.stderr.write(
        `[relay] process ${proc.pid} on port ${port} exited unexpectedly (code ${code}, signal ${signal}); its last stderr lines:\n${tailLines.join('\n')}\n`
      );
    });
    // Starting tsx and the relay took more than 20 s at load 40 (issue 12 §7).
    await waitForLog((line) => line.event === 'listening', 60_000).catch((error: unknown) => {
      throw new Error(`relay did not start: ${String(error)}\n${tail()}`);
    });
  };

  const exited = (proc: ChildProcess): Promise<void> =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => proc.once('exit', () => resolve()));

  function waitForLog(match: (line: LogLine) => boolean, timeoutMs = 5_000): Promise<LogLine> {
    const seen = logs.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('relay log line not seen in time')),
        timeoutMs
      );
      waiters.push({ match, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  }

  await start();
  return {
    url: `ws://127.0.0.1:${port}/v1`,
    httpUrl: `http://127.0.0.1:${port}`,
    dataDir,
    databaseUrl,
    port,
    pid: () => child?.pid,
    logs,
    tail,
    exit: () => ended,
    waitForLog,
    async kill9() {
      if (!child) return;
      stopping = true;
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (!child) return;
      stopping = true;
      child.kill('SIGTERM');
      await exited(child);
    },
    async restart() {
      logs.length = 0;
      await start();
    }
  };
}

/** Row counts read through a separate (read-only) connection: what is committed, not what the relay believes. */
export async function storeCounts(target: StoreTarget): Promise<StoreCounts> {
  if (target.databaseUrl) {
    const store = await PgStore.open(target.databaseUrl, 0, 1);
    try {
      return await store.counts();
    } finally {
      await store.close();
    }
  }
  const db = new Database(join(target.dataDir, 'relay.sqlite'), {
    readonly: true,
    fileMustExist: true
  });
  try {
    const tables = new Set(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((row) => row.name)
    );
    const count = (table: string, sql: string): number =>
      tables.has(table) ? ((db.prepare(sql).get() as { n: number | null }).n ?? 0) : 0;
    return {
      offices: count('offices', 'SELECT count(*) AS n FROM offices'),
      devices: count('devices', 'SELECT count(*) AS n FROM devices'),
      batches: count('batches', 'SELECT count(*) AS n FROM batches'),
      blobs: count('blobs', 'SELECT count(*) AS n FROM blobs'),
      officeBlobs: count('office_blobs', 'SELECT count(*) AS n FROM office_blobs'),
      receipts: count('receipts', 'SELECT count(*) AS n FROM receipts'),
      bytes: count('offices', 'SELECT sum(bytes) AS n FROM offices'),
      highs: count('devices', 'SELECT sum(high) AS n FROM devices'),
      revocations: count('offices', 'SELECT sum(revocation_version) AS n FROM offices')
    };
  } finally {
    db.close();
  }
}

export async function hasBatch(
  target: StoreTarget,
  device: string,
  last: number
): Promise<boolean> {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM batches WHERE device = $1 AND last = $2', [
        device,
        last
      ]);
      return found.rowCount === 1;
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(target.dataDir, 'relay.sqlite'), {
    readonly: true,
    fileMustExist: true
  });
  try {
    return (
      db.prepare('SELECT 1 FROM batches WHERE device = ? AND last = ?').get(device, last) !==
      undefined
    );
  } finally {
    db.close();
  }
}

/**
 * The files that hold a store's data, raw: SQLite's data dir (database, -wal, -shm); on
 * PostgreSQL the relay database's own directory and the cluster's WAL (not the whole shared
 * cluster: other tests' databases are there too).
 */
export async function storeFiles(target: StoreTarget): Promise<{ file: string; bytes: Buffer }[]> {
  if (!target.databaseUrl) return dataDirBytes(target.dataDir);
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ oid: number }>(
    'SELECT oid FROM pg_database WHERE datname = current_database()'
  );
  await client.query('CHECKPOINT');
  await client.end();
  return dataDirBytes(target.dataDir).filter(
    ({ file }) => file.startsWith(`base/${rows[0].oid}/`) || file.startsWith('pg_wal/')
  );
}

/** Every file of the data dir (SQLite: database, -wal, -shm; PostgreSQL: the cluster's files), raw. */
export function dataDirBytes(dataDir: string): { file: string; bytes: Buffer }[] {
  const files: { file: string; bytes: Buffer }[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(path, `${prefix}${name}/`);
      else if (stat?.isFile()) {
        try {
          files.push({ file: `${prefix}${name}`, bytes: readFileSync(path) });
        } catch {
          // a PostgreSQL temp file gone between the listing and the read
        }
      }
    }
  };
  walk(dataDir, '');
  return files;
}
