import { describe, expect, it, vi } from 'vitest';
import { InstallPrompt } from './install-prompt.svelte';

/** A window as far as the install offer needs one. */
function fakeWindow(options: { standalone?: boolean; userAgent?: string } = {}) {
  const target = new EventTarget();
  return Object.assign(target, {
    matchMedia: () => ({ matches: options.standalone ?? false }),
    navigator: {
      userAgent: options.userAgent ?? 'Mozilla/5.0 (Linux; Android 14) Chrome/130',
      platform: 'Linux',
      maxTouchPoints: 5
    }
  }) as unknown as Window;
}

function offer(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  const prompt = vi.fn(async () => undefined);
  Object.assign(event, { prompt, userChoice: Promise.resolve({ outcome }) });
  return { event, prompt };
}

describe('install prompt (issue 20 fault 8)', () => {
  it('keeps the browser’s offer for the button and shows its dialog once', async () => {
    const win = fakeWindow();
    const install = new InstallPrompt();
    install.listen(win);
    expect(install.available).toBe(false);
    const { event, prompt } = offer('accepted');
    win.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(install.available).toBe(true);
    expect(await install.install()).toBe(true);
    expect(prompt).toHaveBeenCalledOnce();
    expect(install.installed).toBe(true);
    expect(install.available).toBe(false);
    expect(await install.install()).toBe(false);
  });

  it('says it is installed on the home screen, and how on iOS', () => {
    const installed = new InstallPrompt();
    installed.listen(fakeWindow({ standalone: true }));
    expect(installed.installed).toBe(true);
    const ios = new InstallPrompt();
    ios.listen(fakeWindow({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1' }));
    expect(ios.iosHint).toBe(true);
    expect(ios.available).toBe(false);
  });
});
