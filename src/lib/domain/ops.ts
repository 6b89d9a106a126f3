/** Moved to lib/oplog (the op format, the clock and the commit road live together). */
export * from '$lib/oplog/format';
