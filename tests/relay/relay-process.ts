import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A real relay process (`node --import tsx src/relay/main.ts`), so kill -9 is a real kill -9. */
export interface RelayProcess {
  url: string;
  httpUrl: string;
  dataDir: string;
  port: number;
  pid(): number | undefined;
  logs: LogLine[];
  kill9(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

export type LogLine = Record<string, unknown> & { event: string; code?: string; reason?: string };

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
  dataDir = tempDataDir()
): Promise<RelayProcess> {
  const port = await freePort();
  const logs: LogLine[] = [];
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/relay/main.ts'], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        ...TEST_GUARDS_ENV,
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir
      },
      stdio: ['ignore', 'inherit', 'pipe']
    });
    child = proc;
    let buffered = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const text of lines) {
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
    await waitForLog((line) => line.event === 'listening', 20_000);
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
    port,
    pid: () => child?.pid,
    logs,
    waitForLog,
    async kill9() {
      if (!child) return;
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (!child) return;
      child.kill('SIGTERM');
      await exited(child);
    },
    async restart() {
      logs.length = 0;
      await start();
    }
  };
}

/** Row counts read through a separate read-only connection: what is committed, not what the relay believes. */
export function storeCounts(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'relay.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
    return {
      offices: count('SELECT count(*) AS n FROM offices'),
      devices: count('SELECT count(*) AS n FROM devices'),
      batches: count('SELECT count(*) AS n FROM batches'),
      blobs: count('SELECT count(*) AS n FROM blobs'),
      bytes: count('SELECT sum(bytes) AS n FROM offices'),
      highs: count('SELECT sum(high) AS n FROM devices'),
      revocations: count('SELECT sum(revocation_version) AS n FROM offices')
    };
  } finally {
    db.close();
  }
}

export function hasBatch(dataDir: string, device: string, last: number): boolean {
  const db = new Database(join(dataDir, 'relay.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare('SELECT 1 FROM batches WHERE device = ? AND last = ?').get(device, last) !==
      undefined
    );
  } finally {
    db.close();
  }
}

/** Every file of the data dir (database, -wal, -shm), raw. */
export function dataDirBytes(dataDir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dataDir).map((file) => ({ file, bytes: readFileSync(join(dataDir, file)) }));
}
