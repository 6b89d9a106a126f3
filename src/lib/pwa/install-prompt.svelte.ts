/**
 * Installing the desk to the home screen (issue 20 fault 8). Chromium offers it through
 * `beforeinstallprompt`, which fires once, early, and must be kept to be shown later from a
 * button; iOS Safari has no such event (Share → 添加到主屏幕 is the only way, so we say so).
 */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export class InstallPrompt {
  #event = $state<BeforeInstallPromptEvent | null>(null);
  #installed = $state(false);
  #ios = $state(false);
  #listening = false;

  /** Starts listening (once); the staff frame calls it on its first paint. */
  listen(win: Window = window): void {
    if (this.#listening) return;
    this.#listening = true;
    const nav = win.navigator as Navigator & { standalone?: boolean };
    this.#installed =
      win.matchMedia?.('(display-mode: standalone)').matches === true || nav.standalone === true;
    // iPadOS reports itself as a Mac; its touch points tell it apart.
    this.#ios =
      /iPad|iPhone|iPod/.test(nav.userAgent) ||
      (nav.platform === 'MacIntel' && (nav.maxTouchPoints ?? 0) > 1);
    win.addEventListener('beforeinstallprompt', (event) => {
      event.preventDefault(); // shown from our button, not the browser's mini-bar
      this.#event = event as BeforeInstallPromptEvent;
    });
    win.addEventListener('appinstalled', () => {
      this.#installed = true;
      this.#event = null;
    });
  }

  /** The browser offered installing, and the app is not installed yet. */
  get available(): boolean {
    return this.#event !== null && !this.#installed;
  }

  /** Running from the home screen (or installed during this visit). */
  get installed(): boolean {
    return this.#installed;
  }

  /** iOS/iPadOS in the browser: installing is done by hand from the share menu. */
  get iosHint(): boolean {
    return this.#ios && !this.#installed;
  }

  /** Shows the browser's install dialog; true when the person accepted. */
  async install(): Promise<boolean> {
    const event = this.#event;
    if (!event) return false;
    // The event can prompt only once.
    this.#event = null;
    await event.prompt();
    const { outcome } = await event.userChoice;
    if (outcome === 'accepted') this.#installed = true;
    return outcome === 'accepted';
  }
}

export const installPrompt = new InstallPrompt();
