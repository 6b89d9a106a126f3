import { normalizeUnitQuery } from './unit-query';
import type { PinyinCache, Syllables } from './pinyin-key';

/** A unit as the search sees it. `codes`: its code and the short form without the entrance. */
export interface SearchUnitDoc {
  id: string;
  code: string;
  codes: string[];
  room: string;
}

/** A person or company as the search sees it, with the units they are on now. */
export interface SearchPersonDoc {
  id: string;
  name: string;
  company: boolean;
  phones: string[];
  tags: string[];
  /** Codes of the units they hold a current role on (with the short forms). */
  codes: string[];
  /** The unit their household page opens on (first current unit), if any. */
  unitId?: string;
}

export type MatchedBy = 'name' | 'initials' | 'pinyin' | 'phone' | 'unit' | 'room' | 'tag';

export interface SearchHit {
  kind: 'person' | 'unit';
  id: string;
  matchedBy: MatchedBy;
  score: number;
}

interface PersonEntry extends SearchPersonDoc {
  full: string;
  initials: string;
  tagsLower: string[];
}

const latin = /^[a-z]+$/;
const digits = /^\d+$/;

/**
 * The desk's one search (issue 5 §5), in memory: name, pinyin initials (zs → 张三) and
 * full pinyin, phone suffix, unit code in the ways people say it, company name, tag.
 * A linear scan over plain strings: 20,000 entries take a millisecond or two, well within
 * a frame, and there is no index to keep in step beyond rebuilding the entries.
 */
export class SearchIndex {
  readonly #people: PersonEntry[];
  readonly #units: SearchUnitDoc[];
  #pinyinDone = 0;

  constructor(people: SearchPersonDoc[], units: SearchUnitDoc[], cache?: PinyinCache) {
    this.#people = people.map((p) => {
      const key = cache?.get(p.name);
      return {
        ...p,
        full: key?.full ?? '',
        initials: key?.initials ?? '',
        tagsLower: p.tags.map((t) => t.toLowerCase())
      };
    });
    this.#units = units;
  }

  get size(): { people: number; units: number } {
    return { people: this.#people.length, units: this.#units.length };
  }

  /** Whether every name has its pinyin (pinyin search works only for those that have it). */
  get pinyinReady(): boolean {
    return this.#pinyinDone >= this.#people.length;
  }

  /**
   * Fills in pinyin for up to `budget` names (names already in the cache cost a lookup) and says whether any are left: the caller
   * runs it in slices between frames, so 15,000 names never block the first paint.
   */
  fillPinyin(cache: PinyinCache, syllables: Syllables, budget = 1000): boolean {
    const end = Math.min(this.#people.length, this.#pinyinDone + budget);
    for (let i = this.#pinyinDone; i < end; i++) {
      const p = this.#people[i];
      const key = cache.compute(p.name, syllables);
      p.full = key.full;
      p.initials = key.initials;
    }
    this.#pinyinDone = end;
    return !this.pinyinReady;
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const hits: SearchHit[] = [];
    const unitCode = normalizeUnitQuery(q);
    if (unitCode) this.#byUnitCode(unitCode, hits);
    else if (digits.test(q)) this.#byDigits(q, hits);
    else {
      const lower = q.toLowerCase().replace(/\s+/g, '');
      if (latin.test(lower)) this.#byLatin(lower, hits);
      this.#byText(q, lower, hits);
    }
    return best(hits, limit);
  }

  #byUnitCode(code: string, hits: SearchHit[]): void {
    for (const u of this.#units) {
      const exact = u.codes.includes(code);
      if (exact || u.codes.some((c) => c.startsWith(code)))
        hits.push({ kind: 'unit', id: u.id, matchedBy: 'unit', score: exact ? 100 : 70 });
    }
    for (const p of this.#people) {
      const exact = p.codes.includes(code);
      if (exact || p.codes.some((c) => c.startsWith(code)))
        hits.push({ kind: 'person', id: p.id, matchedBy: 'unit', score: exact ? 95 : 65 });
    }
  }

  /** Digits: the last digits of a phone (the desk asks for the last 4), a whole number, or a room. */
  #byDigits(q: string, hits: SearchHit[]): void {
    if (q.length >= 3) {
      for (const p of this.#people) {
        for (const phone of p.phones) {
          if (phone === q || phone.endsWith(q)) {
            hits.push({
              kind: 'person',
              id: p.id,
              matchedBy: 'phone',
              score: phone === q ? 100 : 90
            });
            break;
          }
          if (q.length >= 7 && phone.startsWith(q)) {
            hits.push({ kind: 'person', id: p.id, matchedBy: 'phone', score: 80 });
            break;
          }
        }
      }
    }
    for (const u of this.#units) {
      if (u.room === q) hits.push({ kind: 'unit', id: u.id, matchedBy: 'room', score: 60 });
    }
  }

  #byLatin(lower: string, hits: SearchHit[]): void {
    for (const p of this.#people) {
      if (p.initials && p.initials.startsWith(lower)) {
        const score = p.initials === lower ? 90 : 75;
        hits.push({ kind: 'person', id: p.id, matchedBy: 'initials', score });
      } else if (lower.length >= 2 && p.full && p.full.startsWith(lower)) {
        const score = p.full === lower ? 92 : 72;
        hits.push({ kind: 'person', id: p.id, matchedBy: 'pinyin', score });
      }
    }
  }

  /** Chinese (or any) text: names and company names, then the office's tags. */
  #byText(q: string, lower: string, hits: SearchHit[]): void {
    for (const p of this.#people) {
      const name = p.company ? p.name.toLowerCase() : p.name;
      const text = p.company ? lower : q;
      if (name.startsWith(text)) {
        hits.push({ kind: 'person', id: p.id, matchedBy: 'name', score: name === text ? 98 : 85 });
      } else if (name.includes(text)) {
        hits.push({ kind: 'person', id: p.id, matchedBy: 'name', score: 60 });
      } else if (p.tagsLower.includes(lower)) {
        hits.push({ kind: 'person', id: p.id, matchedBy: 'tag', score: 50 });
      }
    }
  }
}

/**
 * The best `limit` hits, a person found twice (by pinyin and by name) counted once. A
 * one-letter query matches thousands of people: hits arrive in a few score levels, so
 * keeping at most `limit` per level and sorting only those keeps a keystroke cheap.
 */
function best(hits: SearchHit[], limit: number): SearchHit[] {
  const levels = new Map<number, SearchHit[]>();
  for (const h of hits) {
    const level = levels.get(h.score);
    if (!level) levels.set(h.score, [h]);
    else if (level.length < limit * 2) level.push(h);
  }
  const seen = new Set<string>();
  const out: SearchHit[] = [];
  for (const score of [...levels.keys()].sort((a, b) => b - a)) {
    for (const h of levels.get(score) ?? []) {
      const key = `${h.kind}/${h.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(h);
      if (out.length === limit) return out;
    }
  }
  return out;
}
