/** One JSON object per line on stderr, so an office PC's log can be grepped or shipped as is. */
export type LogFields = Record<string, string | number | boolean | undefined>;
export type RelayLog = (
  level: 'info' | 'warn' | 'error',
  event: string,
  fields?: LogFields
) => void;

export const stderrLog: RelayLog = (level, event, fields = {}) => {
  process.stderr.write(
    JSON.stringify({ ts: new Date().toISOString(), level, event, ...fields }) + '\n'
  );
};

/**
 * Refusals, logged with sampling: a flood of bad frames must not become a flood of log lines
 * (80 MB a minute before). The first `perMinute` of each minute are logged in full; the rest
 * are counted, by code, in one `reject-suppressed` line when the minute ends, so every refusal
 * is still accounted for.
 */
export class RejectLog {
  private windowStart = 0;
  private logged = 0;
  private readonly suppressed = new Map<string, number>();

  constructor(
    private readonly log: RelayLog,
    private readonly perMinute: number
  ) {}

  reject(fields: LogFields & { code: string }, now = Date.now()): void {
    if (now - this.windowStart >= 60_000) this.flush(now);
    if (this.logged < this.perMinute) {
      this.logged++;
      this.log('warn', 'reject', fields);
      return;
    }
    this.suppressed.set(fields.code, (this.suppressed.get(fields.code) ?? 0) + 1);
  }

  /** Writes the count of the refusals not logged, and starts a new minute. */
  flush(now = Date.now()): void {
    if (this.suppressed.size > 0) {
      let count = 0;
      const codes: LogFields = {};
      for (const [code, n] of this.suppressed) {
        count += n;
        codes[`code.${code}`] = n;
      }
      this.log('warn', 'reject-suppressed', { count, ...codes });
      this.suppressed.clear();
    }
    this.windowStart = now;
    this.logged = 0;
  }
}
