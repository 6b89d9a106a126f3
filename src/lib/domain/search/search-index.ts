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

const latin = /^[a-z]+$/;
const digits = /^\d+$/;
const SEP = '\u0001';
/** `|a|b|` with an unprintable separator: "is one of" and "one starts with" become one includes(). */
const joined = (list: readonly string[]) => (list.length ? SEP + list.join(SEP) + SEP : '');

/**
 * The desk's one search (issue 5 §5), in memory: name, pinyin initials (zs → 张三) and
 * full pinyin, phone suffix, unit code in the ways people say it, company name, tag.
 * A linear scan over parallel arrays of plain strings (no objects in the loop): 20,000
 * entries take about a millisecond, within a frame, and there is no index to keep in step
 * beyond rebuilding the arrays.
 */
export class SearchIndex {
  readonly #ids: string[];
  readonly #names: string[];
  /** Lower-cased names of companies (Latin letters in them), '' for people. */
  readonly #companyNames: string[];
  readonly #full: string[];
  readonly #initials: string[];
  /** Phones joined with SEP and ending in SEP: a suffix q matches as includes(q + SEP). */
  readonly #phones: string[];
  readonly #codes: string[];
  readonly #tags: string[];
  readonly #units: SearchUnitDoc[];
  readonly #unitCodes: string[];
  readonly #rooms: string[];
  #pinyinDone = 0;

  constructor(people: SearchPersonDoc[], units: SearchUnitDoc[]) {
    this.#ids = people.map((p) => p.id);
    this.#names = people.map((p) => p.name);
    this.#companyNames = people.map((p) => (p.company ? p.name.toLowerCase() : ''));
    this.#full = people.map(() => '');
    this.#initials = people.map(() => '');
    this.#phones = people.map((p) => joined(p.phones));
    this.#codes = people.map((p) => joined(p.codes));
    this.#tags = people.map((p) => joined(p.tags.map((t) => t.toLowerCase())));
    this.#units = units;
    this.#unitCodes = units.map((u) => joined(u.codes));
    this.#rooms = units.map((u) => u.room);
  }

  get size(): { people: number; units: number } {
    return { people: this.#ids.length, units: this.#units.length };
  }

  /** Whether every name has its pinyin (pinyin search works only for those that have it). */
  get pinyinReady(): boolean {
    return this.#pinyinDone >= this.#ids.length;
  }

  /**
   * Fills in pinyin for up to `budget` names (names already in the cache cost a lookup)
   * and says whether any are left: the caller runs it in slices between frames, so 15,000
   * names never block the first paint.
   */
  fillPinyin(cache: PinyinCache, syllables: Syllables, budget = 1000): boolean {
    const end = Math.min(this.#ids.length, this.#pinyinDone + budget);
    for (let i = this.#pinyinDone; i < end; i++) {
      const key = cache.compute(this.#names[i], syllables);
      this.#full[i] = key.full;
      this.#initials[i] = key.initials;
    }
    this.#pinyinDone = end;
    return !this.pinyinReady;
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const hits = new Hits(limit);
    const unitCode = normalizeUnitQuery(q);
    if (unitCode) this.#byUnitCode(unitCode, hits);
    else if (digits.test(q)) this.#byDigits(q, hits);
    else {
      const lower = q.toLowerCase().replace(/\s+/g, '');
      if (latin.test(lower)) this.#byLatin(lower, hits);
      this.#byText(q, lower, hits);
    }
    return hits.best();
  }

  #byUnitCode(code: string, hits: Hits): void {
    const exact = SEP + code + SEP;
    const prefix = SEP + code;
    const units = this.#unitCodes;
    for (let i = 0; i < units.length; i++) {
      const c = units[i];
      if (c.includes(exact)) hits.add('unit', this.#units[i].id, 'unit', 100);
      else if (c.includes(prefix)) hits.add('unit', this.#units[i].id, 'unit', 70);
    }
    const codes = this.#codes;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (!c) continue;
      if (c.includes(exact)) hits.add('person', this.#ids[i], 'unit', 95);
      else if (c.includes(prefix)) hits.add('person', this.#ids[i], 'unit', 65);
    }
  }

  /** Digits: the last digits of a phone (the desk asks for the last 4), a whole number, or a room. */
  #byDigits(q: string, hits: Hits): void {
    if (q.length >= 3) {
      const whole = SEP + q + SEP;
      const suffix = q + SEP;
      const start = SEP + q;
      const phones = this.#phones;
      for (let i = 0; i < phones.length; i++) {
        const p = phones[i];
        if (!p || !p.includes(q)) continue;
        if (p.includes(whole)) hits.add('person', this.#ids[i], 'phone', 100);
        else if (p.includes(suffix)) hits.add('person', this.#ids[i], 'phone', 90);
        else if (q.length >= 7 && p.includes(start)) hits.add('person', this.#ids[i], 'phone', 80);
      }
    }
    const rooms = this.#rooms;
    for (let i = 0; i < rooms.length; i++)
      if (rooms[i] === q) hits.add('unit', this.#units[i].id, 'room', 60);
  }

  #byLatin(lower: string, hits: Hits): void {
    const initials = this.#initials;
    const full = this.#full;
    for (let i = 0; i < initials.length; i++) {
      const ini = initials[i];
      if (ini && ini.startsWith(lower)) {
        hits.add('person', this.#ids[i], 'initials', ini.length === lower.length ? 90 : 75);
      } else if (lower.length >= 2 && full[i].startsWith(lower)) {
        hits.add('person', this.#ids[i], 'pinyin', full[i].length === lower.length ? 92 : 72);
      }
    }
  }

  /** Chinese (or any) text: names and company names, then the office's tags. */
  #byText(q: string, lower: string, hits: Hits): void {
    const names = this.#names;
    const companies = this.#companyNames;
    const tags = this.#tags;
    const tag = SEP + lower + SEP;
    for (let i = 0; i < names.length; i++) {
      const company = companies[i];
      const name = company || names[i];
      const text = company ? lower : q;
      if (name.startsWith(text)) {
        hits.add('person', this.#ids[i], 'name', name.length === text.length ? 98 : 85);
      } else if (name.includes(text)) {
        hits.add('person', this.#ids[i], 'name', 60);
      } else if (tags[i] && tags[i].includes(tag)) {
        hits.add('person', this.#ids[i], 'tag', 50);
      }
    }
  }
}

/**
 * The best `limit` hits as they come, a person found twice (by pinyin and by name) counted
 * once. A one-letter query matches thousands of people, but hits arrive in a few score
 * levels: keeping at most `limit` per level, in scan order, is all the sorting needed.
 */
class Hits {
  readonly #levels = new Map<number, SearchHit[]>();
  constructor(readonly limit: number) {}

  add(kind: SearchHit['kind'], id: string, matchedBy: MatchedBy, score: number): void {
    const level = this.#levels.get(score);
    if (!level) this.#levels.set(score, [{ kind, id, matchedBy, score }]);
    else if (level.length < this.limit) level.push({ kind, id, matchedBy, score });
  }

  best(): SearchHit[] {
    const seen = new Set<string>();
    const out: SearchHit[] = [];
    for (const score of [...this.#levels.keys()].sort((a, b) => b - a)) {
      for (const h of this.#levels.get(score) ?? []) {
        const key = `${h.kind}/${h.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(h);
        if (out.length === this.limit) return out;
      }
    }
    return out;
  }
}
