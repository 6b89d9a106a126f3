// A throw-away PostgreSQL cluster for the relay's tests, benches and browser tests: initdb into a
// temp dir, a free port on loopback, the unix socket in the temp dir, fsync on (the kill -9
// tests rely on it), stopped and deleted at the end. The binaries come from the machine
// (Debian's postgresql package: `node scripts/ensure-postgres.js` installs it when missing).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgCluster {
  /** postgres://relay@127.0.0.1:port/<database> */
  url(database?: string): string;
  port: number;
  /** The cluster's data directory (tests scan it for plaintext). */
  dataDir: string;
  /** A new empty database; its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Immediate shutdown (SIGQUIT: no checkpoint, crash recovery at the next start), then a start. */
  crashAndRestart(): Promise<void>;
  stop(): Promise<void>;
}

/** Where initdb and postgres are: `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config on PATH
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root))
    for (const version of readdirSync(root).sort((a, b) => Number(b) - Number(a)))
      candidates.push(join(root, version, 'bin'));
  return candidates.find(
    (dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))
  );
}

function freePort(): Promise<number> {
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
 * initdb and postgres refuse to run as root (CI runs as root): then they run as the `postgres`
 * user that Debian's package creates, through setpriv (it execs, so the pid is the postmaster's).
 */
function asClusterUser(
  command: string,
  args: string[]
): { command: string; args: string[]; owner?: { uid: number; gid: number } } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { command, args };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error(
      'Running as root, and there is no `postgres` user to run the test cluster as. ' +
        'Install Debian’s postgresql package (node scripts/ensure-postgres.js) or run as a normal user.'
    );
  }
  return {
    command: 'setpriv',
    args: [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', command, ...args],
    owner: { uid, gid }
  };
}

export async function startPgCluster(
  options: { maxConnections?: number; log?: boolean } = {}
): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      'PostgreSQL binaries not found (pg_config --bindir, /usr/lib/postgresql/*/bin). ' +
        'Run `node scripts/ensure-postgres.js` (installs Debian’s postgresql package as root).'
    );
  const root = mkdtempSync(join(tmpdir(), 'guanjia-pg-'));
  const dataDir = join(root, 'data');
  const initdb = asClusterUser(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'relay',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-instructions',
    '--no-sync' // only initdb's own writes; the server runs with fsync on
  ]);
  if (initdb.owner) chownSync(root, initdb.owner.uid, initdb.owner.gid);
  execFileSync(initdb.command, initdb.args, { stdio: options.log ? 'inherit' : 'ignore' });
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const server = asClusterUser(join(bin, 'postgres'), [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      root,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=on',
      '-c',
      'synchronous_commit=on',
      '-c',
      `max_connections=${options.maxConnections ?? 200}`
    ]);
    const proc = spawn(server.command, server.args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        log += chunk.toString('utf8');
        if (options.log) process.stderr.write(chunk);
        if (log.includes('database system is ready to accept connections')) {
          proc.stderr?.off('data', onData);
          if (options.log) proc.stderr?.on('data', (c: Buffer) => process.stderr.write(c));
          else proc.stderr?.resume();
          resolve();
        }
      };
      proc.stderr?.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`postgres exited (${code}):\n${log}`)));
    });
  };

  const exited = (proc: ChildProcess | undefined): Promise<void> =>
    !proc || proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => proc.once('exit', () => resolve()));

  const url = (database = 'postgres'): string => `postgres://relay@127.0.0.1:${port}/${database}`;

  await start();
  let databases = 0;
  return {
    url,
    port,
    dataDir,
    async createDatabase(name = `relay_${process.pid}_${++databases}`) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/gi, '')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async crashAndRestart() {
      child?.kill('SIGQUIT');
      await exited(child);
      await start();
    },
    async stop() {
      child?.kill('SIGINT'); // fast shutdown
      await exited(child);
      rmSync(root, { recursive: true, force: true });
    }
  };
}
