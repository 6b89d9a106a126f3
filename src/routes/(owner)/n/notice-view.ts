/**
 * The notice as an owner reads it, drawn from what the link carried (issue 8): "已验证 · <office>"
 * or a plain warning, the notice itself, its signature code, print and QR buttons. DOM only,
 * no state: notice-client.ts decides what to show and draws it again on a language change.
 */
import { formatDate, formatTime } from '$lib/i18n/format';
import type { ReadResult } from '$lib/owner-link/decode';
import type { OwnerNotice } from '$lib/owner-link/payload';
import { button, h, type Child } from '../client/dom';
import { linkParts } from '../client/linkify';
import { ownerLocale, t } from '../owner-i18n';

export type NoticeView =
  | Exclude<ReadResult, { status: 'verified' }>
  | { status: 'verified'; notice: OwnerNotice; fingerprint: string; suspect: boolean }
  | { status: 'loading' | 'unreachable' | 'expired' }
  /** Signed and intact, but its time zone is unknown to this phone's Intl: times cannot show. */
  | { status: 'unknownZone'; zone: string };

export interface NoticeActions {
  busy: boolean;
  /** The QR code image when shown. */
  qr: HTMLImageElement | undefined;
  toggleQr(): void;
  retry(): void;
}

function when(notice: OwnerNotice, at: number): string {
  const locale = ownerLocale();
  return `${formatDate(at, locale, notice.zone, 'long')} ${formatTime(at, locale, notice.zone)}`;
}

function period(notice: OwnerNotice): string | undefined {
  if (notice.startsAt === undefined) return undefined;
  if (notice.endsAt === undefined) return when(notice, notice.startsAt);
  const sameDay =
    formatDate(notice.startsAt, 'zh-Hans', notice.zone) ===
    formatDate(notice.endsAt, 'zh-Hans', notice.zone);
  const end = sameDay
    ? formatTime(notice.endsAt, ownerLocale(), notice.zone)
    : when(notice, notice.endsAt);
  return t('owner.range', { start: when(notice, notice.startsAt), end });
}

/**
 * The notice's words with its http(s) addresses tappable (linkify.ts); the office's own owner
 * form link (issue 16 §1, inserted by the notice editor) shows as a button.
 */
function bodyNodes(body: string): Child[] {
  return linkParts(body, location.origin).map((part) =>
    'url' in part
      ? h(
          'a',
          {
            href: part.url,
            rel: 'noopener noreferrer',
            class: part.form ? 'form-link' : 'link',
            'data-owner-form': part.form
          },
          part.form ? t('owner.formLink') : part.text
        )
      : part.text
  );
}

function fact(term: string, value: string): HTMLElement {
  return h('div', null, h('dt', null, term), h('dd', null, value));
}

function checkMark(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'm5 12.5 4.5 4.5L19 7.5');
  svg.append(path);
  return svg;
}

function verifiedNotice(
  view: Extract<NoticeView, { status: 'verified' }>,
  actions: NoticeActions
): Child[] {
  const { notice } = view;
  const when = period(notice);
  const seal = view.suspect
    ? h(
        'div',
        { class: 'status suspect', role: 'alert' },
        h('p', null, h('strong', null, t('owner.suspect.title'))),
        h('p', null, t('owner.suspect.body', { office: notice.office }))
      )
    : h(
        'p',
        { class: 'status verified', role: 'status' },
        checkMark(),
        h('span', null, t('owner.verified', { office: notice.office }))
      );
  const article = h(
    'article',
    null,
    h(
      'p',
      { class: 'kicker' },
      h('span', { class: 'kind' }, t(`owner.kind.${notice.kind}`)),
      h('span', null, notice.community)
    ),
    h('h1', null, notice.title),
    h(
      'dl',
      { class: 'facts' },
      when && fact(t('owner.time'), when),
      fact(t('owner.audience'), notice.audience)
    ),
    h('div', { class: 'body' }, ...bodyNodes(notice.body)),
    h(
      'p',
      { class: 'signature' },
      notice.department && h('span', null, notice.department),
      h('span', null, notice.office),
      h('span', null, formatDate(notice.publishedAt, ownerLocale(), notice.zone, 'long'))
    ),
    notice.phone &&
      h(
        'p',
        { class: 'phone' },
        `${t('owner.phone')}：`,
        h('a', { href: `tel:${notice.phone}` }, notice.phone)
      )
  );
  const shown = actions.qr !== undefined;
  return [
    seal,
    article,
    h('p', { class: 'fingerprint muted' }, t('owner.verifiedHint', { code: view.fingerprint })),
    notice.receipts && h('p', { class: 'fingerprint muted' }, t('owner.receipts')),
    h(
      'div',
      { class: 'actions', 'data-print': 'hide' },
      button({}, t('owner.print'), () => window.print()),
      button(
        { 'aria-expanded': String(shown) },
        shown ? t('owner.hideQr') : t('owner.showQr'),
        () => actions.toggleQr()
      )
    ),
    actions.qr && h('div', { class: 'qr' }, actions.qr)
  ];
}

/** Whether this phone can show times in `zone` (an older WebView may lack a newer zone). */
export function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What the page's <main> holds for a view. */
export function noticeNodes(view: NoticeView, actions: NoticeActions): Child[] {
  if (view.status === 'loading')
    return [h('p', { class: 'status muted', role: 'status' }, t('owner.loading'))];
  if (view.status === 'verified') return verifiedNotice(view, actions);
  const problem = view.status;
  return [
    h(
      'section',
      { class: problem === 'altered' ? 'problem danger' : 'problem', role: 'alert' },
      h('h1', null, t(`owner.${problem}.title`)),
      h(
        'p',
        null,
        t(`owner.${problem}.body`, view.status === 'unknownZone' ? { zone: view.zone } : undefined)
      ),
      problem === 'unreachable' &&
        button({ class: 'retry', disabled: actions.busy }, t('owner.retry'), () => actions.retry())
    )
  ];
}

/** The tab's title: the notice and its office, or plain "通知". */
export function noticeTitle(view: NoticeView): string {
  return view.status === 'verified'
    ? `${view.notice.title} · ${view.notice.office}`
    : t('owner.kind.general');
}
