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
