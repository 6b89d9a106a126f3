import { describe, expect, it } from 'vitest';
import { checkOfficePin, type PinStore } from './pinning';

function memoryStore(): PinStore {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

describe('owner-link key pinning', () => {
  it('pins the first key seen for an office and flags another key claiming the same office', () => {
    const store = memoryStore();
    expect(checkOfficePin('锦绣物业服务中心', 'AAAA-1111', store)).toBe('first');
    expect(checkOfficePin('锦绣物业服务中心', 'AAAA-1111', store)).toBe('known');
    expect(checkOfficePin('锦绣物业服务中心', 'BBBB-2222', store)).toBe('mismatch');
    expect(checkOfficePin('翠湖苑物业', 'BBBB-2222', store)).toBe('first');
  });

  it('treats unreadable storage as empty', () => {
    const store = memoryStore();
    store.setItem('guanjia.owner.officeKeys', '{not json');
    expect(checkOfficePin('锦绣物业服务中心', 'AAAA-1111', store)).toBe('first');
  });
});
