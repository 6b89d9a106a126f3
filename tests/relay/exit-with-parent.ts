// Loaded into every relay process the tests spawn (relay-process.ts spawnRelay, with an IPC
// channel): when the test process dies without stopping it (a runner interrupted with Ctrl-C, a
// worker torn down after a timeout), the channel closes and the relay exits instead of running on
// as an orphan. unref: the channel alone must not keep a relay alive after a clean close.
if (process.channel) {
  process.channel.unref();
  process.on('disconnect', () => process.exit(1));
}
