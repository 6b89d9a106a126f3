import type { Role } from '../roles';

/** The departments a request is dispatched to (DOMAIN "Who uses it"). */
export const departments = [
  'engineering',
  'security',
  'cleaning',
  'greening',
  'finance',
  'customerService'
] as const;
export type Department = (typeof departments)[number];

/** Whose work queue a department's requests land in: department staff have its role. */
export const departmentRoles: Record<Department, readonly Role[]> = {
  engineering: ['engineer'],
  security: ['security'],
  cleaning: ['cleaning'],
  greening: ['greening'],
  finance: ['finance'],
  customerService: ['frontDesk', 'supervisor']
};

export function departmentOf(role: Role): Department | undefined {
  for (const d of departments) if (departmentRoles[d].includes(role)) return d;
  return undefined;
}
