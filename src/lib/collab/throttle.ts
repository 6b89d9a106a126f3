export interface Throttled {
  /** Ask for a run: at once if none ran within the window, else once at its end. */
  (): void;
  /** Forget a run that is waiting. */
  cancel(): void;
}

/**
 * At most one `run` per `ms`, the last request never lost: for messages that carry the whole
 * current state (this tab's awareness), so the one sent at the end of a window replaces
 * every request made during it.
 */
export function throttle(run: () => void, ms: number, now: () => number = Date.now): Throttled {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = now();
    run();
  };
  const request = (() => {
    if (timer !== undefined) return;
    const wait = last + ms - now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  }) as Throttled;
  request.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return request;
}
