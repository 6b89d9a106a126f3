/**
 * The script of /n/ (written into the prerendered html, see owner-script.server.ts): reads the
 * notice from the link's fragment — or, for a short link, from the office's relay — checks the
 * office's signature and draws it into the page's <main> (issue 8).
 */
import {
  ShortLinkError,
  parseShortLink,
  readFragment,
  readShortLink,
  type ReadResult,
  type ShortLinkProblem
} from '$lib/owner-link/decode';
import { SHORT_PREFIX } from '$lib/owner-link/link-format';
import { checkOfficePin } from '$lib/owner-link/pinning';
import { tellRead } from '$lib/owner-link/read-receipt';
import { splitReceiptTag } from '$lib/owner-link/receipt-format';
import { startOwnerFrame } from '../client/owner-frame';
import { t } from '../owner-i18n';
import {
  knownZone,
  noticeNodes,
  noticeTitle,
  type NoticeActions,
  type NoticeView
} from './notice-view';

const main = document.getElementById('notice');
let view: NoticeView = { status: 'loading' };
let load = 0;

const actions: NoticeActions = {
  busy: false,
  qr: undefined,
  async toggleQr() {
    if (actions.qr) actions.qr = undefined;
    else {
      const { qrImage } = await import('../client/qr-image');
      actions.qr = qrImage(location.href, t('owner.qrLabel'), 240);
    }
    draw();
  },
  retry: () => void open()
};

/** Private browsing may refuse storage: then the notice shows without the key check. */
function phoneStorage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

function draw(): void {
  if (!main) return;
  main.replaceChildren(...noticeNodes(view, actions).filter((n): n is Node | string => !!n));
  main.setAttribute('aria-busy', String(view.status === 'loading'));
  document.title = noticeTitle(view);
  // The page's own "ready" mark for the benchmarks: the notice (or its warning) is on screen.
  if (view.status !== 'loading') document.documentElement.dataset.ready = '1';
}

async function read(fragment: string): Promise<ReadResult | { status: ShortLinkProblem }> {
  if (!fragment.startsWith(SHORT_PREFIX)) return readFragment(fragment);
  const link = parseShortLink(fragment);
  if (!link) return { status: 'altered' };
  try {
    return await readShortLink(link);
  } catch (error) {
    if (error instanceof ShortLinkError) return { status: error.problem };
    throw error;
  }
}

async function open(): Promise<void> {
  const mine = ++load;
  actions.busy = true;
  if (view.status === 'unreachable') draw(); // the retry button shows it is busy
  // A building's poster and the chat link differ only in the receipt tag after the signed part.
  const { fragment, tag } = splitReceiptTag(location.hash.slice(1));
  const result = await read(fragment);
  if (mine !== load) return; // the fragment changed meanwhile
  actions.busy = false;
  actions.qr = undefined;
  const storage = phoneStorage();
  view =
    result.status === 'verified' && !knownZone(result.notice.zone)
      ? { status: 'unknownZone', zone: result.notice.zone.slice(0, 60) }
      : result.status === 'verified'
        ? {
            ...result,
            // A notice signed with another key than the one this phone first saw for that office.
            suspect:
              !!storage &&
              checkOfficePin(result.notice.office, result.fingerprint, storage) === 'mismatch'
          }
        : result;
  draw();
  if (result.status !== 'verified') return;
  const told = await tellRead(result.notice, tag, storage);
  // For the browser tests: whether this open was counted (counted, already, off, failed).
  if (mine === load) document.documentElement.dataset.receipt = told;
}

startOwnerFrame(draw);
window.addEventListener('hashchange', () => void open());
void open();
