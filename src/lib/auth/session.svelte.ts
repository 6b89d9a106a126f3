import type { Role } from '$lib/domain/roles';
import type { Actor } from '$lib/db/write';

export interface SessionStaff {
  id: string;
  name: string;
  role: Role;
}

const KEY = 'guanjia.session';

/**
 * Who is using this tablet now. Kept in sessionStorage: a reload keeps the person signed
 * in, closing the app signs them out. `locked` keeps who it was, so the same person
 * unlocks with their PIN after an idle lock while anyone can still switch user.
 */
class Session {
  #staff = $state<SessionStaff | null>(null);
  #locked = $state(false);

  constructor() {
    if (typeof sessionStorage === 'undefined') return;
    try {
      const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as {
        staff: SessionStaff;
        locked: boolean;
      } | null;
      if (saved?.staff) {
        this.#staff = saved.staff;
        this.#locked = saved.locked;
      }
    } catch {
      sessionStorage.removeItem(KEY);
    }
  }

  get staff(): SessionStaff | null {
    return this.#staff;
  }

  get locked(): boolean {
    return this.#locked;
  }

  /** The actor for writes, or null when nobody is signed in (or the tablet is locked). */
  get actor(): Actor | null {
    return this.#staff && !this.#locked
      ? { staffId: this.#staff.id, role: this.#staff.role }
      : null;
  }

  signedIn(staff: SessionStaff): void {
    this.#staff = { id: staff.id, name: staff.name, role: staff.role };
    this.#locked = false;
    this.#save();
  }

  lock(): void {
    if (!this.#staff) return;
    this.#locked = true;
    this.#save();
  }

  signOut(): void {
    this.#staff = null;
    this.#locked = false;
    this.#save();
  }

  #save(): void {
    if (typeof sessionStorage === 'undefined') return;
    if (this.#staff)
      sessionStorage.setItem(KEY, JSON.stringify({ staff: this.#staff, locked: this.#locked }));
    else sessionStorage.removeItem(KEY);
  }
}

export const session = new Session();
