/**
 * The pinyin keys of a name: full pinyin without spaces ("zhangsan") and the initials
 * ("zs"), from the syllables a converter gives (pinyin-pro in the app). Characters that
 * are not Chinese (Latin letters of a company name, digits) are kept as they are.
 */
export interface PinyinKey {
  full: string;
  initials: string;
}

export type Syllables = (name: string) => string[];

export function pinyinKey(syllables: string[]): PinyinKey {
  let full = '';
  let initials = '';
  for (const s of syllables) {
    const clean = s.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (!clean) continue;
    full += clean;
    initials += clean[0];
  }
  return { full, initials };
}

/** Pinyin keys by name: 15,000 residents share far fewer names, and a rebuild reuses them. */
export class PinyinCache {
  readonly #keys = new Map<string, PinyinKey>();

  get(name: string): PinyinKey | undefined {
    return this.#keys.get(name);
  }

  compute(name: string, syllables: Syllables): PinyinKey {
    let key = this.#keys.get(name);
    if (!key) {
      key = pinyinKey(syllables(name));
      this.#keys.set(name, key);
    }
    return key;
  }

  get size(): number {
    return this.#keys.size;
  }
}
