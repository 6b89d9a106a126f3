/**
 * A mark, kept synchronously in localStorage, that a tab has typed changes it has not put in
 * the op log yet. localStorage is written before the typing can reach IndexedDB, so a tab
 * that dies in between always leaves the mark, and the next open of the document sends its
 * whole state (which Yjs dedupes) instead of losing those keystrokes to the other devices.
 */
const PREFIX = 'guanjia.collab.unsent:';
/** A live tab clears its mark within a few hundred ms; an older one belongs to a tab that is gone. */
const STALE_MS = 5_000;

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export function unsentMarker(doc: string, clientId: number): { set(unsent: boolean): void } {
  const name = `${PREFIX}${doc}:${clientId}`;
  return {
    set(unsent) {
      const s = storage();
      if (!s) return;
      if (unsent) s.setItem(name, String(Date.now()));
      else s.removeItem(name);
    }
  };
}

/** Whether a tab left unsent changes of this document (and forget its marks). */
export function recoverUnsent(doc: string, now = Date.now()): boolean {
  const s = storage();
  if (!s) return false;
  let found = false;
  for (let i = s.length - 1; i >= 0; i--) {
    const name = s.key(i);
    if (!name?.startsWith(`${PREFIX}${doc}:`)) continue;
    if (now - Number(s.getItem(name)) < STALE_MS) continue;
    s.removeItem(name);
    found = true;
  }
  return found;
}
