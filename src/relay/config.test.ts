import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../lib/sync/protocol';
import { relayOptionsFrom } from './config';
import { DEFAULT_GUARDS } from './limits';

describe('relay options', () => {
  it('defaults to loopback, 8787 and ./relay-data', () => {
    expect(relayOptionsFrom([], {})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      dataDir: './relay-data',
      limits: DEFAULT_LIMITS,
      guards: DEFAULT_GUARDS
    });
  });

  it('reads the environment, and flags win over it', () => {
    const options = relayOptionsFrom(['--port', '9000', '--data-dir=/srv/relay'], {
      PORT: '4173',
      HOST: '0.0.0.0',
      DATA_DIR: 'elsewhere',
      RELAY_MAX_BODY_BYTES: '2048'
    });
    expect(options).toMatchObject({ port: 9000, host: '0.0.0.0', dataDir: '/srv/relay' });
    expect(options.limits?.maxBodyBytes).toBe(2048);
  });

  it('reads the guards against hostile input', () => {
    const options = relayOptionsFrom(['--max-connections-per-address', '7'], {
      RELAY_HELLO_TIMEOUT_MS: '500',
      RELAY_ADMIN_TOKEN: 'secret'
    });
    expect(options.guards).toMatchObject({
      maxConnectionsPerAddress: 7,
      helloTimeoutMs: 500,
      adminToken: 'secret',
      maxPairingsPerAddress: DEFAULT_GUARDS.maxPairingsPerAddress
    });
  });

  it('refuses unknown arguments and bad numbers', () => {
    expect(() => relayOptionsFrom(['serve'], {})).toThrow(/unknown argument/);
    expect(() => relayOptionsFrom([], { RELAY_RATE_BURST: 'many' })).toThrow(/RELAY_RATE_BURST/);
  });
});
