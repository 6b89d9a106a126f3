/**
 * Lock a shared tablet after `minutes` without a touch or a key (foundation issue §5),
 * so the next person at the desk cannot act under someone else's name.
 * Returns a function that stops watching.
 */
export function watchIdle(
  minutes: number,
  onIdle: () => void,
  target: Window = window
): () => void {
  const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
  let timer: ReturnType<typeof setTimeout>;
  const reset = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, minutes * 60_000);
  };
  for (const e of events) target.addEventListener(e, reset, { passive: true });
  reset();
  return () => {
    clearTimeout(timer);
    for (const e of events) target.removeEventListener(e, reset);
  };
}
