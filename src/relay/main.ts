import { relayOptionsFrom } from './config';
import { stderrLog } from './log';
import { startRelay } from './server';

// `npm run relay` — see src/relay/README.md for options, deployment and backups.
const relay = await startRelay(relayOptionsFrom(process.argv.slice(2), process.env));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stderrLog('info', 'stopping', { signal });
    void relay.close().then(() => process.exit(0));
  });
}
