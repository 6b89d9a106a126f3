/** Reading one cell of a sheet into what a record needs. Cells arrive as trimmed text. */

/** A mainland mobile from what people type: spaces, dashes and +86 are dropped. */
export function readPhone(cell: string): string {
  return cell.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function splitList(cell: string): string[] {
  return cell
    .split(/[;；,，、/|\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A date as YYYY-MM-DD from 2026-11-03, 2026/11/3, 2026.11.3 or 2026年11月3日; else undefined. */
export function readDate(cell: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cell.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function readNumber(cell: string): number | undefined {
  const text = cell.replace(/[,，\s㎡]|m2$/gi, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** The floor a room number says: 1201 → 12, 0304 → 3, B102 → -1; undefined if it says none. */
export function floorOfRoom(room: string): number | undefined {
  const basement = /^B(\d)\d{2,}$/i.exec(room);
  if (basement) return -Number(basement[1]);
  if (!/^\d{3,}$/.test(room)) return undefined;
  const floor = Number(room.slice(0, -2));
  return floor > 0 ? floor : undefined;
}
