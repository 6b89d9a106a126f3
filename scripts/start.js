#!/usr/bin/env node
// `npm start`: serves the built app and, when it exists, the office's local relay, and stops both
// on Ctrl-C. (`npm start` runs `npm run build` first.)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { serve } from './serve.js';

if (!existsSync('build/200.html')) {
  console.error('No built app in build/: run `npm run build` (or `npm start`, which builds).');
  process.exit(1);
}

const app = await serve({ dir: 'build', port: Number(process.env.PORT ?? 4173) });
console.log(`Guanjia app:   ${app.url}/`);

/** @type {import('node:child_process').ChildProcess | undefined} */
let relay;
const relayEntry = 'src/relay/main.ts';
if (existsSync(relayEntry)) {
  const relayPort = process.env.RELAY_PORT ?? '8787';
  const relayData = process.env.RELAY_DATA_DIR ?? 'relay-data';
  // Flags, not env: the relay also reads PORT, which here is the app's.
  relay = spawn(
    process.execPath,
    ['--import', 'tsx', relayEntry, '--port', relayPort, '--data-dir', relayData],
    { stdio: 'inherit' }
  );
  const relayHost = process.env.HOST ?? '127.0.0.1';
  console.log(`Guanjia relay: ws://${relayHost}:${relayPort}/  (data in ${relayData}/)`);
  relay.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`The relay stopped (${signal ?? `exit code ${code}`}); the app keeps serving.`);
    relay = undefined;
  });
} else {
  console.log('Guanjia relay: not built yet (src/relay/main.ts is missing)');
}
console.log('Press Ctrl-C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  relay?.kill('SIGTERM');
  await app.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
