import { describe, expect, it } from 'vitest';
import { defaultMessages } from '$lib/i18n/catalog';
import { deskAreas, isCurrent } from './nav-items';

describe('isCurrent', () => {
  it('matches an area and the pages under it', () => {
    expect(isCurrent('/tickets', '/tickets')).toBe(true);
    expect(isCurrent('/tickets', '/tickets/0193a')).toBe(true);
    expect(isCurrent('/tickets', '/ticketsx')).toBe(false);
  });

  it('matches home only on itself, also under a base path', () => {
    expect(isCurrent('/', '/')).toBe(true);
    expect(isCurrent('/', '/tickets')).toBe(false);
    expect(isCurrent('/guanjia/', '/guanjia/')).toBe(true);
    expect(isCurrent('/guanjia/', '/guanjia/fees')).toBe(false);
  });
});

it('has a message for every desk area', () => {
  for (const area of Object.values(deskAreas))
    expect(defaultMessages[area.labelKey], area.labelKey).toBeTruthy();
});
