/**
 * Trust on first use for owner links. A link carries its signer's public key, so a
 * signature alone proves the notice was not edited, not who signed it: anyone could sign a
 * notice that claims to come from "锦绣物业服务中心" with a key of their own. The phone
 * remembers which key signed the first notice it verified for each office name; a later
 * notice claiming the same office with another key is shown as suspect, not as verified.
 */
export type PinCheck = 'first' | 'known' | 'mismatch';

export interface PinStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'guanjia.owner.officeKeys';

function read(store: PinStore): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(store.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Check an office's key fingerprint against what this phone saw before, pinning it if new. */
export function checkOfficePin(office: string, fingerprint: string, store: PinStore): PinCheck {
  const pins = read(store);
  const known = pins[office];
  if (known === fingerprint) return 'known';
  if (known !== undefined) return 'mismatch';
  try {
    store.setItem(KEY, JSON.stringify({ ...pins, [office]: fingerprint }));
  } catch {
    // Private browsing may refuse storage: the notice still shows, just without a pin.
  }
  return 'first';
}
