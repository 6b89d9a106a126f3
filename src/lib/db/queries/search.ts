import { Dexie } from 'dexie';
import { isCurrent, unitCode } from '$lib/domain/unit-code';
import { PinyinCache, type Syllables } from '$lib/domain/search/pinyin-key';
import {
  SearchIndex,
  type SearchHit,
  type SearchPersonDoc,
  type SearchUnitDoc
} from '$lib/domain/search/search-index';
import { database, type GuanjiaDexie } from '../database';

/** The tables the index is made of: a change to any of them makes it stale. */
const sourceTables = ['person', 'occupancy', 'unit', 'building'];

export interface SearchDocs {
  people: SearchPersonDoc[];
  units: SearchUnitDoc[];
}

const roleRank: Record<string, number> = { owner: 0, tenant: 1, companyContact: 2, family: 3 };

/** The index's documents from the live tables: ~40,000 rows read once, no per-keystroke query. */
export async function loadSearchDocs(db: GuanjiaDexie, today: string): Promise<SearchDocs> {
  const [buildings, units, occupancies, people] = await Promise.all([
    db.building.toArray(),
    db.unit.toArray(),
    db.occupancy.toArray(),
    db.person.toArray()
  ]);
  const buildingCode = new Map(buildings.map((b) => [b.id, String(b.code)]));
  const unitDocs = new Map<string, SearchUnitDoc>();
  for (const u of units) {
    if (u.deleted) continue;
    const b = buildingCode.get(String(u.buildingId)) ?? '';
    const room = String(u.room);
    const entrance = String(u.entrance ?? '');
    const code = unitCode(b, { entrance, room });
    unitDocs.set(u.id, { id: u.id, code, codes: entrance ? [code, `${b}-${room}`] : [code], room });
  }
  // Per person: codes of the units they are on now, and the unit their page opens on.
  const held = new Map<string, { codes: string[]; unitId?: string; rank: number; last: string }>();
  for (const o of occupancies) {
    if (o.deleted) continue;
    const unit = unitDocs.get(String(o.unitId));
    if (!unit) continue;
    const from = String(o.from);
    const to = o.to === undefined ? undefined : String(o.to);
    const current = isCurrent({ from, to }, today);
    const entry = held.get(String(o.personId)) ?? { codes: [], rank: 99, last: '' };
    const rank = current ? (roleRank[String(o.role)] ?? 9) : 50;
    if (current) entry.codes.push(...unit.codes);
    // A person with no current role still opens on the unit they were last on.
    if (rank < entry.rank || (rank === entry.rank && from > entry.last)) {
      entry.unitId = unit.id;
      entry.rank = rank;
      entry.last = from;
    }
    held.set(String(o.personId), entry);
  }
  const personDocs: SearchPersonDoc[] = [];
  for (const p of people) {
    if (p.deleted) continue;
    const h = held.get(p.id);
    personDocs.push({
      id: p.id,
      name: String(p.name),
      company: p.kind === 'company',
      phones: (p.phones as string[] | undefined) ?? [],
      tags: (p.tags as string[] | undefined) ?? [],
      codes: h?.codes ?? [],
      unitId: h?.unitId
    });
  }
  return { people: personDocs, units: [...unitDocs.values()] };
}

/** One search result as the box shows it. Phones are never part of it (see maskPhone). */
export interface SearchResult extends SearchHit {
  title: string;
  /** Unit codes (a person's current units, or the unit's own code). */
  codes: string[];
  company: boolean;
  /** The household page it opens, if any. */
  unitId?: string;
  phones: string[];
}

const yieldToBrowser = () => new Promise<void>((done) => setTimeout(done, 0));

async function pinyinSyllables(): Promise<Syllables> {
  const { pinyin } = await import('pinyin-pro');
  return (name) => pinyin(name, { toneType: 'none', type: 'array', surname: 'head' });
}

/**
 * The search from every screen (issue 5 §5). The index lives in memory; it is built on
 * first use, and rebuilt lazily after any change to people, roles, units or buildings —
 * from this tab, another tab or a sync — at the next search. Pinyin (pinyin-pro, loaded
 * only then) is filled in slices between tasks, and names computed once are cached, so
 * neither the first paint nor a rebuild blocks the page.
 */
export class SearchService {
  #db: () => GuanjiaDexie;
  #today: () => string;
  #cache = new PinyinCache();
  #index: SearchIndex | undefined;
  #docs = new Map<string, SearchPersonDoc | SearchUnitDoc>();
  /** Units' own codes, to show a person's units without the short aliases. */
  #primary = new Set<string>();
  #building: Promise<SearchIndex> | undefined;
  #stale = true;
  #listeners = new Set<() => void>();

  constructor(db: () => GuanjiaDexie, today: () => string) {
    this.#db = db;
    this.#today = today;
    Dexie.on('storagemutated', (parts) => {
      const name = this.#db().name;
      const touched = Object.keys(parts).some((key) =>
        sourceTables.some((t) => key.startsWith(`idb://${name}/${t}/`))
      );
      if (touched) this.#stale = true;
    });
  }

  /** Called when a rebuild or a pinyin slice finishes: the box runs its query again. */
  onUpdate(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get ready(): boolean {
    return this.#index !== undefined;
  }

  /** Build (or rebuild, if stale) now; resolves when names, phones and units are searchable. */
  prepare(): Promise<SearchIndex> {
    if (this.#index && !this.#stale) return Promise.resolve(this.#index);
    this.#building ??= this.#build().finally(() => (this.#building = undefined));
    return this.#building;
  }

  async #build(): Promise<SearchIndex> {
    this.#stale = false;
    const docs = await loadSearchDocs(this.#db(), this.#today());
    const index = new SearchIndex(docs.people, docs.units);
    const byId = new Map<string, SearchPersonDoc | SearchUnitDoc>();
    for (const p of docs.people) byId.set(`person/${p.id}`, p);
    for (const u of docs.units) byId.set(`unit/${u.id}`, u);
    this.#index = index;
    this.#docs = byId;
    this.#primary = new Set(docs.units.map((u) => u.code));
    this.#notify();
    void this.#fillPinyin(index);
    return index;
  }

  async #fillPinyin(index: SearchIndex): Promise<void> {
    const syllables = await pinyinSyllables();
    while (index.fillPinyin(this.#cache, syllables, 1500)) {
      await yieldToBrowser();
      if (index !== this.#index) return;
    }
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Results for what is typed now, from the index as it is (a stale one is refreshed behind). */
  search(query: string, limit = 12): SearchResult[] {
    if (this.#stale) void this.prepare();
    const index = this.#index;
    if (!index) return [];
    return index.search(query, limit).flatMap((hit) => {
      const doc = this.#docs.get(`${hit.kind}/${hit.id}`);
      if (!doc) return [];
      if ('room' in doc)
        return [
          {
            ...hit,
            title: doc.code,
            codes: doc.codes.slice(0, 1),
            company: false,
            unitId: doc.id,
            phones: []
          }
        ];
      return [
        {
          ...hit,
          title: doc.name,
          codes: doc.codes.filter((c) => this.#primary.has(c)),
          company: doc.company,
          unitId: doc.unitId,
          phones: doc.phones
        }
      ];
    });
  }

  /** Wait until pinyin is filled in everywhere (tests, benchmarks). */
  async whenComplete(): Promise<SearchIndex> {
    const index = await this.prepare();
    while (!index.pinyinReady) await new Promise((done) => setTimeout(done, 20));
    return index;
  }
}

let shared: SearchService | undefined;

/** The app's search service (one per tab). */
export function searchService(today: () => string): SearchService {
  shared ??= new SearchService(database, today);
  return shared;
}
