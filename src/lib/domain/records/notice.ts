import { z } from 'zod';
import { recordBase, requiredText } from '../record';

/** The kinds of notice the desk publishes (001 §4.2 items 1–6, 篇3 §4.1.1). */
export const noticeKinds = [
  'pestControl',
  'waterCut',
  'powerCut',
  'works',
  'event',
  'fireSafety',
  'financialReport',
  'surveyResults',
  'general'
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** Who a notice is for: the whole community, some buildings, or some units. */
export const noticeScopes = ['community', 'buildings', 'units'] as const;
export type NoticeScope = (typeof noticeScopes)[number];

/** How a household was told, for the desk's list of who still has to be told. */
export const toldChannels = ['phone', 'visit', 'chat', 'sms', 'counter'] as const;
export type ToldChannel = (typeof toldChannels)[number];

const moment = z.number('validation.required').int().nonnegative();

/**
 * A notice 通知单 (001 §4.2, 篇3). Times are ms since the epoch; the rules that apply
 * to them (lead times, no weekend pest control, results deadline) are in
 * domain/notices/rules.ts. Once published a notice is the archived original (001 篇2
 * 4.2.4): it is no longer edited; a correction is a new notice.
 */
export const noticeSchema = z
  .object({
    ...recordBase,
    kind: z.enum(noticeKinds, 'validation.choose'),
    communityId: z.string().min(1, 'validation.required'),
    title: requiredText(80),
    body: requiredText(6000),
    /** When the work, the cut or the event begins. */
    startsAt: moment.optional(),
    endsAt: moment.optional(),
    /** When the department (环境部, 工程部) told the desk: 001 §4.2 items 1–2. */
    deptToldAt: moment.optional(),
    /** Financial report / survey results: when the analysis was finished (001 §4.2 item 5). */
    analysedAt: moment.optional(),
    /** When the desk plans to post it; the desk list shows it when it falls due. */
    publishAt: moment.optional(),
    scope: z.enum(noticeScopes).default('community'),
    buildingIds: z.array(z.string().min(1)).max(500).default([]),
    unitIds: z.array(z.string().min(1)).max(5000).default([]),
    publishedAt: moment.optional(),
    publishedBy: z.string().optional(),
    /** Rules the manager chose to break at publication, and why. */
    overriddenRules: z.array(z.string().max(40)).max(20).default([]),
    overrideReason: z.string().trim().max(500).optional(),
    overriddenBy: z.string().optional(),
    /** The owner link as published (the original travels in it, signed). */
    link: z.string().max(20_000).optional(),
    /** Set when the link is a relay short link (content held encrypted by the relay). */
    shortLink: z.boolean().default(false),
    /**
     * Anonymous read counts per building through the relay (issue 8 Build 4): off unless the
     * desk turns it on for this notice (owners' privacy). Set at publication when the relay
     * opened the counters: where they are, and the opaque tag of each target building's
     * poster and of the chat link (`*`), see owner-link/receipt-format.ts.
     */
    receipts: z.boolean().default(false),
    receiptRelay: z.string().max(300).optional(),
    receiptTags: z.record(z.string().max(64), z.string().max(32)).optional(),
    /** Withdrawn after publication: the original stays in the archive. */
    withdrawnAt: moment.optional()
  })
  .refine((n) => n.endsAt === undefined || n.startsAt === undefined || n.endsAt >= n.startsAt, {
    path: ['endsAt'],
    message: 'validation.endBeforeStart'
  })
  .refine((n) => n.scope !== 'buildings' || n.buildingIds.length > 0, {
    path: ['buildingIds'],
    message: 'notices.target.noBuildings'
  })
  .refine((n) => n.scope !== 'units' || n.unitIds.length > 0, {
    path: ['unitIds'],
    message: 'notices.target.noUnits'
  });
export type Notice = z.infer<typeof noticeSchema>;

/** One household told of a notice (call, door visit, chat message…), by whom and when. */
export const noticeToldSchema = z.object({
  ...recordBase,
  noticeId: z.string().min(1),
  unitId: z.string().min(1),
  channel: z.enum(toldChannels),
  at: moment,
  staffId: z.string().min(1)
});
export type NoticeTold = z.infer<typeof noticeToldSchema>;

/**
 * The company's own wording of a template (001 §4.2: "通知单使用公司统一版本"). One row per
 * kind, id `template-<kind>`; a kind without a row uses the built-in text.
 */
export const noticeTemplateSchema = z.object({
  ...recordBase,
  kind: z.enum(noticeKinds),
  title: requiredText(80),
  body: requiredText(6000)
});
export type NoticeTemplate = z.infer<typeof noticeTemplateSchema>;

export const noticeTemplateId = (kind: NoticeKind): string => `template-${kind}`;
