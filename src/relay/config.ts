import { DEFAULT_LIMITS, type RelayLimits } from '../lib/sync/protocol';
import { DEFAULT_GUARDS, type RelayGuards } from './limits';
import type { RelayOptions } from './server';

/** Guard flags: `--hello-timeout-ms` / `RELAY_HELLO_TIMEOUT_MS` … (README table). */
const GUARD_FLAGS: Record<Exclude<keyof RelayGuards, 'adminToken'>, [string, string]> = {
  helloTimeoutMs: ['hello-timeout-ms', 'RELAY_HELLO_TIMEOUT_MS'],
  maxConnections: ['max-connections', 'RELAY_MAX_CONNECTIONS'],
  maxConnectionsPerAddress: ['max-connections-per-address', 'RELAY_MAX_CONNECTIONS_PER_ADDRESS'],
  unauthRatePerSecond: ['unauth-rate-per-second', 'RELAY_UNAUTH_RATE_PER_SECOND'],
  unauthBurst: ['unauth-burst', 'RELAY_UNAUTH_BURST'],
  maxPairingsPerAddress: ['max-pairings-per-address', 'RELAY_MAX_PAIRINGS_PER_ADDRESS'],
  maxPairingBytes: ['max-pairing-bytes', 'RELAY_MAX_PAIRING_BYTES'],
  maxOfficesPerAddressPerHour: [
    'max-offices-per-address-per-hour',
    'RELAY_MAX_OFFICES_PER_ADDRESS_PER_HOUR'
  ],
  maxDevicesPerAddressPerHour: [
    'max-devices-per-address-per-hour',
    'RELAY_MAX_DEVICES_PER_ADDRESS_PER_HOUR'
  ],
  maxStoredBytes: ['max-stored-bytes', 'RELAY_MAX_STORED_BYTES'],
  maxSendBufferBytes: ['max-send-buffer-bytes', 'RELAY_MAX_SEND_BUFFER_BYTES'],
  logRejectsPerMinute: ['log-rejects-per-minute', 'RELAY_LOG_REJECTS_PER_MINUTE']
};

/** Flags (--port 8787) win over environment variables (PORT=8787), which win over defaults. */
export function relayOptionsFrom(argv: string[], env: NodeJS.ProcessEnv): RelayOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unknown argument ${argv[i]}`);
    flags.set(match[1], match[2] ?? argv[++i] ?? '');
  }
  const value = (flag: string, name: string): string | undefined => flags.get(flag) ?? env[name];
  const number = (flag: string, name: string, fallback: number): number => {
    const text = value(flag, name);
    if (text === undefined || text === '') return fallback;
    const parsed = Number(text);
    if (!Number.isFinite(parsed) || parsed < 0)
      throw new Error(`${name} must be a non-negative number, got ${text}`);
    return parsed;
  };
  const limits: RelayLimits = {
    maxBodyBytes: number('max-body-bytes', 'RELAY_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
    maxHeaderBytes: number(
      'max-header-bytes',
      'RELAY_MAX_HEADER_BYTES',
      DEFAULT_LIMITS.maxHeaderBytes
    ),
    ratePerSecond: number('rate-per-second', 'RELAY_RATE_PER_SECOND', DEFAULT_LIMITS.ratePerSecond),
    rateBurst: number('rate-burst', 'RELAY_RATE_BURST', DEFAULT_LIMITS.rateBurst),
    officeQuotaBytes: number(
      'office-quota-bytes',
      'RELAY_OFFICE_QUOTA_BYTES',
      DEFAULT_LIMITS.officeQuotaBytes
    ),
    maxConnectionsPerOffice: number(
      'max-connections-per-office',
      'RELAY_MAX_CONNECTIONS_PER_OFFICE',
      DEFAULT_LIMITS.maxConnectionsPerOffice
    ),
    maxBlobTtlSeconds: number(
      'max-blob-ttl-seconds',
      'RELAY_MAX_BLOB_TTL_SECONDS',
      DEFAULT_LIMITS.maxBlobTtlSeconds
    ),
    pairingTtlSeconds: number(
      'pairing-ttl-seconds',
      'RELAY_PAIRING_TTL_SECONDS',
      DEFAULT_LIMITS.pairingTtlSeconds
    )
  };
  const guards: RelayGuards = { ...DEFAULT_GUARDS };
  for (const [key, [flag, name]] of Object.entries(GUARD_FLAGS) as [
    keyof typeof GUARD_FLAGS,
    [string, string]
  ][])
    guards[key] = number(flag, name, DEFAULT_GUARDS[key]);
  guards.adminToken = value('admin-token', 'RELAY_ADMIN_TOKEN') ?? '';
  return {
    port: number('port', 'PORT', 8787),
    host: value('host', 'HOST') || '127.0.0.1',
    dataDir: value('data-dir', 'DATA_DIR') || './relay-data',
    databaseUrl: value('database-url', 'DATABASE_URL') || undefined,
    limits,
    guards
  };
}
