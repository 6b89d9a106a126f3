/**
 * The month's draw of households to visit (001 §4.3 抽样): 在全部走访完之前, 原则上不重复抽取
 * 同一访问对象, 并且不与公司组织的业户访问工作抽取的客户重复 (回访除外). A "cycle" runs until
 * every household has been visited once; within a cycle nobody is drawn twice. Households the
 * company's survey drew are left out of that month's draw and count as visited in the cycle
 * (the company has heard them). Special-care households are not drawn: they are visited on
 * their own cadence (special-care.ts). Pure and seeded: the same inputs draw the same list.
 */

export interface DrawInput {
  seed: number;
  /** The households that may be drawn (occupied, not special-care), by unit id. */
  universe: readonly string[];
  /**
   * What happened before, oldest first: unit ids of counted visits and of survey draws of
   * earlier months. Ids outside the universe are ignored.
   */
  history: Iterable<string>;
  /** Households the company's own survey drew this period. */
  surveyDrawn: ReadonlySet<string>;
  /** How many to draw. */
  count: number;
}

export interface DrawResult {
  drawn: string[];
  /** Households already visited in the current cycle before this draw. */
  coveredBefore: number;
  /** True when the draw ran out of unvisited households and began a new cycle. */
  newCycle: boolean;
}

/** 32-bit FNV-1a of a string, mixed with the seed: the draw's order of households. */
function rank(seed: number, id: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche, so ids that differ only at the end do not rank side by side.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/** The households in the draw's order for a seed (ties, which are rare, by id). */
export function drawOrder(seed: number, ids: Iterable<string>): string[] {
  const ranked = [...ids].map((id) => ({ id, r: rank(seed, id) }));
  ranked.sort((a, b) => a.r - b.r || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked.map((x) => x.id);
}

/** The households visited in the cycle that is still open after `history`. */
export function coveredInCycle(
  universe: ReadonlySet<string>,
  history: Iterable<string>
): Set<string> {
  const covered = new Set<string>();
  for (const id of history) {
    if (!universe.has(id)) continue;
    covered.add(id);
    if (covered.size === universe.size) covered.clear();
  }
  return covered;
}

export function drawHouseholds(input: DrawInput): DrawResult {
  const universe = new Set(input.universe);
  const covered = coveredInCycle(universe, input.history);
  const coveredBefore = covered.size;
  // Survey-drawn households are visited this month by the company: part of the cycle.
  for (const id of input.surveyDrawn) {
    if (!universe.has(id)) continue;
    covered.add(id);
    if (covered.size === universe.size) covered.clear();
  }
  const want = Math.max(0, Math.floor(input.count));
  const order = drawOrder(input.seed, universe);
  const drawn: string[] = [];
  const taken = new Set<string>();
  let newCycle = false;
  const take = () => {
    for (const id of order) {
      if (drawn.length >= want) return;
      if (covered.has(id) || taken.has(id) || input.surveyDrawn.has(id)) continue;
      drawn.push(id);
      taken.add(id);
      covered.add(id);
    }
  };
  take();
  if (drawn.length < want) {
    // Everyone has been visited: a new cycle begins, still without this month's draws twice.
    const before = drawn.length;
    covered.clear();
    take();
    newCycle = drawn.length > before;
  }
  return { drawn, coveredBefore, newCycle };
}

/**
 * The next households of the draw's order that are not in the plan yet and may be drawn
 * (the supervisor replaces one who is away, or adds some): same rules as the draw.
 */
export function nextCandidates(
  input: Omit<DrawInput, 'count'>,
  inPlan: ReadonlySet<string>,
  n: number
): string[] {
  const universe = new Set(input.universe);
  const covered = coveredInCycle(universe, input.history);
  const pool = drawOrder(input.seed, universe).filter(
    (id) => !inPlan.has(id) && !input.surveyDrawn.has(id)
  );
  const fresh = pool.filter((id) => !covered.has(id));
  // Only once the cycle has nobody left may a household of it come round again.
  return (fresh.length ? fresh : pool).slice(0, n);
}
