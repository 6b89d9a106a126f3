import type { Random } from './random';

/**
 * Mainland mobile prefixes (China Mobile 13x/15x/18x, Unicom 13x/15x/18x/166/17x, Telecom
 * 133/153/17x/18x/19x), weighted roughly by how often they are seen: older 13x numbers
 * dominate among owners who bought years ago.
 */
const prefixes: readonly (readonly [string, number])[] = [
  ['139', 9],
  ['138', 9],
  ['137', 6],
  ['136', 6],
  ['135', 6],
  ['134', 3],
  ['186', 6],
  ['158', 5],
  ['159', 5],
  ['150', 4],
  ['151', 3],
  ['152', 3],
  ['157', 2],
  ['188', 4],
  ['187', 4],
  ['182', 3],
  ['183', 2],
  ['184', 1],
  ['177', 3],
  ['178', 2],
  ['176', 2],
  ['175', 1],
  ['173', 2],
  ['180', 3],
  ['181', 3],
  ['189', 4],
  ['133', 3],
  ['153', 3],
  ['130', 3],
  ['131', 3],
  ['132', 3],
  ['155', 2],
  ['156', 2],
  ['185', 3],
  ['166', 1],
  ['198', 1],
  ['199', 2],
  ['191', 1]
];

/** Hands out mobile numbers, never the same one twice in one demo office. */
export class PhoneBook {
  private readonly used = new Set<string>();
  constructor(private readonly r: Random) {}

  next(): string {
    for (;;) {
      const phone = this.r.weighted(prefixes) + String(this.r.int(0, 99_999_999)).padStart(8, '0');
      if (!this.used.has(phone)) {
        this.used.add(phone);
        return phone;
      }
    }
  }
}
