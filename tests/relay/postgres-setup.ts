import { startPgCluster } from '../../scripts/postgres-cluster';

/** Global setup of the relay suite's PostgreSQL project: one throw-away cluster for all its files. */
export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await startPgCluster();
  // Each relay of a test gets its own database in it (relay-process.ts testStore()).
  process.env.RELAY_TEST_DATABASE_URL = cluster.url();
  process.env.RELAY_TEST_PG_DATA = cluster.dataDir;
  return () => cluster.stop();
}
