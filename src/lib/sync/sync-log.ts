/**
 * Sync's log: refused batches and failures, one line each, so a forged or corrupt message
 * leaves a trace (the relay logs the same way). Tests read `recentSyncLog`.
 */
export interface SyncLogLine {
  event: string;
  at: number;
  [field: string]: unknown;
}

export const recentSyncLog: SyncLogLine[] = [];

export function syncLog(event: string, fields: Record<string, unknown> = {}): void {
  const line = { event, at: Date.now(), ...fields };
  recentSyncLog.push(line);
  if (recentSyncLog.length > 200) recentSyncLog.shift();
  if (event === 'reject' || event.endsWith('-failed')) console.warn('[sync]', line);
}
