#!/usr/bin/env node
// Makes sure PostgreSQL's server binaries (initdb, postgres) exist before the relay tests and the
// `scale` bench run: they start a throw-away cluster of their own (scripts/postgres-cluster.ts).
// On a fresh Debian machine as root: installs Debian's postgresql package with apt-get (the
// package's own cluster is not used; the `postgres` user it creates runs the test clusters).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function binDir() {
  const candidates = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(
      execFileSync('pg_config', ['--bindir'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      }).trim()
    );
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

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const found = binDir();
const hasPostgresUser = () => {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

// As root the test clusters run as the `postgres` user (initdb refuses root).
if (found && (!isRoot || hasPostgresUser())) {
  console.log(`PostgreSQL: ${found}`);
  process.exit(0);
}

const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
if (isRoot && hasApt) {
  console.log('No PostgreSQL server found: installing Debian’s postgresql package with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
      stdio: 'inherit',
      env
    });
  } catch {
    console.error('apt-get could not install postgresql.');
    process.exit(1);
  }
  const installed = binDir();
  if (installed && hasPostgresUser()) {
    console.log(`PostgreSQL: ${installed}`);
    process.exit(0);
  }
  console.error('apt-get finished, but no initdb/postgres is under /usr/lib/postgresql/*/bin.');
  process.exit(1);
}

console.error(
  found
    ? `PostgreSQL is at ${found}, but this runs as root and there is no \`postgres\` user to run the test cluster as (initdb refuses root).\n` +
        'Create one (`useradd --system postgres`) or run the tests as a normal user.'
    : 'No PostgreSQL server binaries found for the relay tests (initdb, postgres).\n' +
        'Install them (Debian/Ubuntu: `sudo apt-get install postgresql`; elsewhere your distribution’s PostgreSQL server package),\n' +
        'or set PG_BINDIR to the directory holding initdb and postgres.\n' +
        'Looked in: $PG_BINDIR, `pg_config --bindir`, /usr/lib/postgresql/*/bin.'
);
process.exit(1);
