import type { NoticeKind } from '$lib/domain/records/notice';

/**
 * What a notice link carries to an owner's phone: only what the printed notice shows, never
 * a household's name or phone. Checked by hand rather than with zod so the owner page stays
 * small (DESIGN.md "Owner-facing pages"; issue 8: ≤ 50 KB of JS).
 */
export interface OwnerNotice {
  v: 1;
  /** The notice's id: the same original in the archive, the poster and the link. */
  id: string;
  office: string;
  /** The issuing department, as signed on paper (001 篇2 4.2.2: 客户服务部). */
  department?: string;
  phone?: string;
  community: string;
  kind: NoticeKind;
  title: string;
  body: string;
  startsAt?: number;
  endsAt?: number;
  /** Who it is for, in words: "全体业主", "3栋、5栋". */
  audience: string;
  publishedAt: number;
  /** The office's time zone, so the phone shows the office's wall-clock times. */
  zone: string;
  /**
   * Read receipts are on: the relay (http address) the page tells, once, that the notice was
   * opened (receipt-format.ts). Signed with the rest, so nobody can send phones elsewhere.
   */
  receipts?: string;
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isTime = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const optional = <T>(v: unknown, check: (v: unknown) => v is T): boolean =>
  v === undefined || check(v);

export function isOwnerNotice(value: unknown): value is OwnerNotice {
  if (!value || typeof value !== 'object') return false;
  const n = value as Record<string, unknown>;
  return (
    n.v === 1 &&
    isText(n.id, 64) &&
    isText(n.office, 60) &&
    optional(n.department, (v) => isText(v, 60)) &&
    optional(n.phone, (v) => isText(v, 30)) &&
    isText(n.community, 60) &&
    isText(n.kind, 30) &&
    isText(n.title, 80) &&
    isText(n.body, 6000) &&
    optional(n.startsAt, isTime) &&
    optional(n.endsAt, isTime) &&
    isText(n.audience, 2000) &&
    isTime(n.publishedAt) &&
    isText(n.zone, 60) &&
    optional(n.receipts, (v): v is string => isText(v, 300) && /^https?:\/\/[^\s]+$/.test(v))
  );
}
