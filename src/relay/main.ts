import { relayOptionsFrom } from './config';
import { stderrLog } from './log';
import { startRelay } from './server';

// `npm run relay` — see src/relay/README.md for options, deployment and backups.

// Last line of defence: each session already catches its own exceptions (session.ts); one that
// still escapes is logged and the relay goes on serving every other office.
// With where it was thrown: a message alone did not say which handler let it through.
process.on('uncaughtException', (error) =>
  stderrLog('error', 'uncaught', {
    reason: `${error.name}: ${error.message}`.slice(0, 300),
    stack: error.stack?.slice(0, 1_500)
  })
);
process.on('unhandledRejection', (reason) =>
  stderrLog('error', 'unhandled-rejection', {
    reason: reason instanceof Error ? reason.message.slice(0, 300) : typeof reason,
    stack: reason instanceof Error ? reason.stack?.slice(0, 1_500) : undefined
  })
);
if (process.argv[2] === 'migrate') {
  // `npm run relay -- migrate --from relay-data --to postgres://…` (migrate.ts).
  const { migrateCommand } = await import('./migrate');
  process.exit(
    await migrateCommand(process.argv.slice(3)).catch((error: unknown) => {
      console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    })
  );
}
const relay = await startRelay(relayOptionsFrom(process.argv.slice(2), process.env));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stderrLog('info', 'stopping', { signal });
    void relay.close().then(() => process.exit(0));
  });
}
