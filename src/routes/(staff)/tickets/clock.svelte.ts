/**
 * "Now" for deadline colours, ticking every 30 seconds while a screen reads it, so an
 * arrival that becomes late turns red without a reload.
 */
export function ticking(periodMs = 30_000): { readonly now: number } {
  let now = $state(Date.now());
  $effect(() => {
    const handle = setInterval(() => (now = Date.now()), periodMs);
    return () => clearInterval(handle);
  });
  return {
    get now() {
      return now;
    }
  };
}
