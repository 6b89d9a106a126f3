import { DEFAULT_LIMITS, type RelayLimits } from '../lib/sync/protocol';
import type { RelayOptions } from './server';

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
  return {
    port: number('port', 'PORT', 8787),
    host: value('host', 'HOST') || '127.0.0.1',
    dataDir: value('data-dir', 'DATA_DIR') || './relay-data',
    limits
  };
}
