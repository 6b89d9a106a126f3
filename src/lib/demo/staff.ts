import type { Role } from '$lib/domain/roles';
import { demoId } from './ids';
import { personName } from './names';
import { PhoneBook } from './phones';
import { random } from './random';
import type { DemoSize, DemoStaff } from './types';

/**
 * The demo PINs, published in the settings page and the README: the manager signs in with
 * 123456, everyone else with 0000. They are demo data, not secrets.
 */
export const DEMO_PINS: Record<Role, string> = {
  manager: '123456',
  supervisor: '0000',
  frontDesk: '0000',
  engineer: '0000',
  security: '0000',
  cleaning: '0000',
  greening: '0000',
  finance: '0000',
  // The company device has no staff member in an office (issue 21 §4).
  company: '0000'
};

/** How many of each role (DOMAIN "Who uses it"); the large office has more hands. */
const headcount: Record<DemoSize, Record<Role, number>> = {
  small: {
    manager: 1,
    supervisor: 1,
    frontDesk: 2,
    engineer: 2,
    security: 1,
    cleaning: 1,
    greening: 1,
    finance: 1,
    company: 0
  },
  large: {
    manager: 1,
    supervisor: 1,
    frontDesk: 3,
    engineer: 3,
    security: 1,
    cleaning: 1,
    greening: 1,
    finance: 1,
    company: 0
  }
};

export interface DemoTeam {
  staff: DemoStaff[];
  /** Staff id → the PIN the loader hashes. */
  pins: Record<string, string>;
  byRole: Record<Role, DemoStaff[]>;
}

export function demoStaff(seed: number, size: DemoSize): DemoTeam {
  const r = random(seed, size, 'staff');
  // Their own stream, so adding residents never renames the staff; the tests check that
  // no staff phone is also a resident's.
  const phones = new PhoneBook(random(seed, size, 'staff-phones'));
  const staff: DemoStaff[] = [];
  const pins: Record<string, string> = {};
  const byRole = {} as Record<Role, DemoStaff[]>;
  for (const [role, count] of Object.entries(headcount[size]) as [Role, number][]) {
    byRole[role] = [];
    for (let i = 0; i < count; i++) {
      const sex = r.chance(role === 'frontDesk' || role === 'cleaning' ? 0.2 : 0.7)
        ? 'male'
        : 'female';
      let name = personName(r, sex, r.int(1970, 2000));
      // Colleagues pick their name on the sign-in screen: no two may share one.
      while (staff.some((s) => s.name === name)) name = personName(r, sex, 1985);
      const row: DemoStaff = { id: demoId(r), name, role, phone: phones.next(), active: true };
      staff.push(row);
      byRole[role].push(row);
      pins[row.id] = DEMO_PINS[role];
    }
  }
  return { staff, pins, byRole };
}
