/**
 * How people say a unit at the desk, turned into the registry's code (building-entrance-room,
 * see unitCode): "3-2-1201", "3栋1201", "3栋2单元1201", "3号楼2单元1201室", "3幢2-1201".
 * Returns the normalized code (or a prefix of one, "3-2-12"), or null when the text does
 * not read as a unit: plain digits ("1201", "5678") are rooms or phone digits instead.
 */
export function normalizeUnitQuery(query: string): string | null {
  const raw = query.trim().toUpperCase().replace(/\s+/g, '');
  if (!raw) return null;
  const spoken = /号楼|栋|幢|座|单元|-|－|—|–|\//.test(raw);
  if (!spoken) return null;
  const code = raw
    .replace(/号楼|栋|幢|座/g, '-')
    .replace(/单元/g, '-')
    .replace(/[室房号]$/, '')
    .replace(/[－—–/]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-/, '');
  return /^[0-9A-Z]+(-[0-9A-Z]*)*$/.test(code) ? code : null;
}
