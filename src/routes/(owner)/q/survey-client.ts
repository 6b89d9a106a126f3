/**
 * The script of /q/ (issue 16 §5: owners answer the satisfaction survey by link), written into
 * the prerendered html like the request form's (owner-script.server.ts). The fragment holds a
 * signed survey link (lib/owner-inbox/survey-link.ts): a household's own (its code inside) or
 * a building's poster (the owner types the code printed on their letter). The questionnaire
 * comes from the relay once and is kept on the phone, so the page opens again offline; the
 * answer is sealed here to the office's inbox key, waits in the phone's outbox when offline,
 * and goes when it can. Everything the office wrote goes into the page as text nodes.
 */
import * as z from 'zod/mini';
import { surveyLinkAnswerSchema } from '$lib/domain/survey/link-answer-data';
import { queue, sealSubmission, waiting } from '$lib/owner-inbox/outbox';
import {
  decodeSurveyLink,
  fetchQuestionnaire,
  ownerQuestionnaireSchema,
  type OwnerQuestionnaire,
  type SurveyLink
} from '$lib/owner-inbox/survey-link';
import zhHans from '$lib/i18n/locales/zh-Hans/owner-survey';
import { button, h, type Child } from '../client/dom';
import { paint, sendWaiting, startOutboxPage, store } from '../client/outbox-page';
import { addOwnerArea, ownerLocale, t } from '../owner-i18n';

addOwnerArea({
  zhHans,
  loaders: {
    'zh-Hant': () => import('$lib/i18n/locales/zh-Hant/owner-survey'),
    en: () => import('$lib/i18n/locales/en/owner-survey')
  }
});

const ANSWERED_KEY = 'guanjia.owner.surveys';
const copyKey = (hash: string) => `guanjia.owner.survey.${hash}`;

/** A household code as typed: upper case, no spaces or dashes (household-code.ts). */
const codeSchema = z.string().check(
  z.overwrite((s) => s.toUpperCase().replace(/[\s-]/g, '')),
  z.regex(/^[A-Z2-9]{6}$/, 'ownerSurvey.codeInvalid')
);
const wordsSchema = z.string().check(z.trim(), z.maxLength(1000, 'ownerSurvey.tooLong'));

interface Answer {
  /** Score; 0 = 不了解 / not answered. */
  score: number;
  words: string;
}

type Errors = Record<string, string>;

type View =
  | { mode: 'loading' }
  | { mode: 'empty' }
  | { mode: 'closed'; link: SurveyLink }
  | { mode: 'problem'; link: SurveyLink; problem: 'offline' | 'expired' | 'altered' }
  | {
      mode: 'form';
      link: SurveyLink;
      questionnaire: OwnerQuestionnaire;
      code: string;
      answers: Record<string, Answer>;
      errors: Errors;
      busy: boolean;
    }
  | { mode: 'sent'; link: SurveyLink; outcome: 'sent' | 'queued' | 'refused' }
  | { mode: 'answered'; link: SurveyLink };

let view: View = { mode: 'loading' };

function answeredList(): string[] {
  try {
    const list: unknown = JSON.parse(store.getItem(ANSWERED_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
const answeredMark = (link: SurveyLink, code: string) => `${link.s}/${code}`;
const outboxId = (link: SurveyLink, code: string) => `survey.${link.s}.${code}`;

/** The office's words in the page's language, else the Simplified Chinese they wrote. */
function wording(text: OwnerQuestionnaire['q'][number]['text']): string {
  const locale = ownerLocale();
  return (
    (locale === 'zh-Hant' ? text['zh-Hant'] : locale === 'en' ? text.en : '') || text['zh-Hans']
  );
}

function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  try {
    return new Intl.DateTimeFormat(ownerLocale(), {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC'
    }).format(new Date(Date.UTC(y, m - 1, d)));
  } catch {
    return iso;
  }
}

function errorText(id: string, error: string | undefined): Child {
  return error ? h('p', { class: 'error', id: `${id}-error`, role: 'alert' }, t(error)) : null;
}

function wordsBox(
  id: string,
  label: string,
  value: string,
  error: string | undefined,
  oninput: (v: string) => void,
  rows = 2
): HTMLElement {
  const area = h('textarea', { id, rows: String(rows), maxlength: '1000' });
  area.value = value;
  if (error) {
    area.setAttribute('aria-invalid', 'true');
    area.setAttribute('aria-describedby', `${id}-error`);
  }
  area.addEventListener('input', () => oninput(area.value));
  return h('div', { class: 'field' }, h('label', { for: id }, label), area, errorText(id, error));
}

function scaleWord(n: number, max: number): string {
  return max === 5 ? `${n} ${t(`ownerSurvey.scale.${n}`)}` : String(n);
}

function formNodes(v: Extract<View, { mode: 'form' }>): Child[] {
  const { link, questionnaire } = v;
  const items = questionnaire.q.map((q, i) => {
    const answer = (v.answers[q.q] ??= { score: 0, words: '' });
    const number = `${i + 1}. `;
    if (q.kind === 'text')
      return h(
        'li',
        { class: 'question' },
        wordsBox(
          `q-${q.q}`,
          number + wording(q.text) + t('ownerSurvey.optional'),
          answer.words,
          v.errors[q.q],
          (value) => (answer.words = value),
          4
        )
      );
    const choices = [...Array.from({ length: q.max }, (_, k) => q.max - k), 0].map((n) => {
      const radio = h('input', {
        type: 'radio',
        name: `s-${q.q}`,
        value: String(n),
        checked: answer.score === n
      });
      radio.addEventListener('change', () => (answer.score = n));
      return h(
        'label',
        { class: 'choice' },
        radio,
        n ? scaleWord(n, q.max) : t('ownerSurvey.scale.none')
      );
    });
    return h(
      'li',
      { class: 'question' },
      h('fieldset', { class: 'scale' }, h('legend', null, number + wording(q.text)), ...choices),
      q.why
        ? wordsBox(`w-${q.q}`, t('ownerSurvey.why'), answer.words, v.errors[q.q], (value) => {
            answer.words = value;
          })
        : null
    );
  });
  const codeInput = h('input', {
    type: 'text',
    id: 'code',
    maxlength: '8',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: false
  });
  codeInput.value = v.code;
  codeInput.addEventListener('input', () => (v.code = codeInput.value));
  if (v.errors.code) {
    codeInput.setAttribute('aria-invalid', 'true');
    codeInput.setAttribute('aria-describedby', 'code-error');
  }
  const form = h(
    'form',
    { novalidate: true },
    link.c
      ? null
      : h(
          'div',
          { class: 'field' },
          h('label', { for: 'code' }, t('ownerSurvey.code')),
          h('p', { class: 'hint' }, t('ownerSurvey.codeHint')),
          codeInput,
          errorText('code', v.errors.code)
        ),
    h('ol', { class: 'questions' }, ...items),
    h('p', { class: 'hint' }, t('ownerSurvey.private')),
    v.errors.form ? h('p', { class: 'error', role: 'alert' }, t(v.errors.form)) : null,
    h(
      'button',
      { type: 'submit', class: 'primary', disabled: v.busy },
      t(v.busy ? 'ownerSurvey.sending' : 'ownerSurvey.send')
    )
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(v);
  });
  return [
    h('p', { class: 'kicker' }, [questionnaire.office, link.n].filter(Boolean).join(' · ')),
    h('h1', null, questionnaire.title || t('ownerSurvey.title')),
    h('p', { class: 'hint' }, t('ownerSurvey.deadline', { date: formatDay(link.x) })),
    h('p', null, t('ownerSurvey.intro')),
    form
  ];
}

/** Checks at the field; the data as the desk reads it (link-answer-data.ts), or the errors. */
function validate(v: Extract<View, { mode: 'form' }>) {
  const errors: Errors = {};
  let code = v.link.c ?? '';
  if (!v.link.c) {
    const parsed = codeSchema.safeParse(v.code);
    if (parsed.success) code = parsed.data;
    else errors.code = 'ownerSurvey.codeInvalid';
  }
  const a: { q: string; v: number; s?: number; t?: string }[] = [];
  for (const q of v.questionnaire.q) {
    const answer = v.answers[q.q] ?? { score: 0, words: '' };
    const words = wordsSchema.safeParse(answer.words);
    if (!words.success) {
      errors[q.q] = 'ownerSurvey.tooLong';
      continue;
    }
    const score = q.kind === 'scale' && answer.score > 0 ? answer.score : undefined;
    if (score !== undefined || words.data)
      a.push({
        q: q.q,
        v: q.v,
        ...(score !== undefined ? { s: score } : {}),
        ...(words.data ? { t: words.data } : {})
      });
  }
  if (!Object.keys(errors).length && !a.length) errors.form = 'ownerSurvey.nothing';
  const data = surveyLinkAnswerSchema.safeParse({ s: v.link.s, c: code, a });
  if (!data.success && !Object.keys(errors).length) errors.form = 'ownerSurvey.nothing';
  return { errors, code, data: data.success ? data.data : undefined };
}

async function send(v: Extract<View, { mode: 'form' }>): Promise<void> {
  const { errors, code, data } = validate(v);
  v.errors = errors;
  if (Object.keys(errors).length || !data) {
    draw();
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return;
  }
  // One answer per household (issue 16 §5): this phone answers a household once; the desk
  // refuses a second answer from anywhere (domain/survey/link-answer.ts).
  if (answeredList().includes(answeredMark(v.link, code))) {
    view = { mode: 'answered', link: v.link };
    return draw();
  }
  v.busy = true;
  draw();
  const id = outboxId(v.link, code);
  try {
    queue(store, {
      id,
      relay: v.link.r,
      tag: v.link.t,
      sealed: await sealSubmission(v.link.i, 'survey', data, Date.now())
    });
    store.setItem(
      ANSWERED_KEY,
      JSON.stringify([...answeredList(), answeredMark(v.link, code)].slice(-50))
    );
  } catch {
    v.busy = false;
    v.errors = { form: 'ownerSurvey.storageFull' };
    return draw();
  }
  const result = (await sendWaiting()).get(id);
  view = {
    mode: 'sent',
    link: v.link,
    outcome: result === 'sent' ? 'sent' : result === 'refused' ? 'refused' : 'queued'
  };
  draw();
}

function messageNodes(title: string, body: string, ...more: Child[]): Child[] {
  return [h('h1', null, title), h('p', { role: 'status' }, body), ...more];
}

function draw(): void {
  let nodes: Child[];
  switch (view.mode) {
    case 'loading':
      nodes = [h('p', { class: 'muted', role: 'status' }, t('ownerSurvey.loading'))];
      break;
    case 'empty':
      nodes = messageNodes(t('ownerSurvey.empty.title'), t('ownerSurvey.empty.body'));
      break;
    case 'closed':
      nodes = messageNodes(
        t('ownerSurvey.closed.title'),
        t('ownerSurvey.closed.body', { date: formatDay(view.link.x) })
      );
      break;
    case 'problem': {
      const link = view.link;
      nodes = [
        h('h1', null, t('ownerSurvey.title')),
        h('p', { class: 'error', role: 'alert' }, t(`ownerSurvey.problem.${view.problem}`)),
        button({ class: 'primary' }, t('ownerSurvey.retry'), () => void load(link))
      ];
      break;
    }
    case 'form':
      nodes = formNodes(view);
      break;
    case 'sent':
      nodes =
        view.outcome === 'sent'
          ? messageNodes(t('ownerSurvey.sentTitle'), t('ownerSurvey.sentBody'))
          : view.outcome === 'queued'
            ? messageNodes(t('ownerSurvey.queuedTitle'), t('ownerSurvey.queuedBody'))
            : messageNodes(t('ownerSurvey.title'), t('ownerSurvey.refusedBody'));
      break;
    case 'answered':
      nodes = messageNodes(t('ownerSurvey.answeredTitle'), t('ownerSurvey.answeredBody'));
      break;
  }
  paint(
    nodes,
    view.mode === 'loading',
    view.mode === 'form'
      ? view.questionnaire.title || t('ownerSurvey.title')
      : t('ownerSurvey.title'),
    view.mode
  );
}

/** Today on the phone, as an ISO date (the link's last day is the office's calendar day). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function keptCopy(link: SurveyLink): OwnerQuestionnaire | undefined {
  try {
    const parsed = ownerQuestionnaireSchema.safeParse(
      JSON.parse(store.getItem(copyKey(link.h)) ?? 'null')
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function load(link: SurveyLink): Promise<void> {
  let questionnaire = keptCopy(link);
  if (!questionnaire) {
    view = { mode: 'loading' };
    draw();
    const result = await fetchQuestionnaire(link);
    if (!result.ok) {
      view = { mode: 'problem', link, problem: result.problem };
      return draw();
    }
    questionnaire = result.questionnaire;
    try {
      store.setItem(copyKey(link.h), JSON.stringify(questionnaire));
    } catch {
      // not kept: the page asks the relay again next time
    }
  }
  view = { mode: 'form', link, questionnaire, code: '', answers: {}, errors: {}, busy: false };
  draw();
}

let opening = 0;
async function open(): Promise<void> {
  const mine = ++opening;
  const link = await decodeSurveyLink(location.hash.slice(1));
  if (mine !== opening) return; // the fragment changed meanwhile
  if (!link) {
    view = { mode: 'empty' };
    return draw();
  }
  if (today() > link.x) {
    view = { mode: 'closed', link };
    return draw();
  }
  if (link.c && answeredList().includes(answeredMark(link, link.c))) {
    const id = outboxId(link, link.c);
    view = waiting(store).some((w) => w.id === id)
      ? { mode: 'sent', link, outcome: 'queued' }
      : { mode: 'answered', link };
    return draw();
  }
  await load(link);
}

startOutboxPage(draw, open, (results) => {
  if (view.mode !== 'sent' || view.outcome !== 'queued') return;
  const link = view.link;
  const went = [...results.entries()].find(([id]) => id.startsWith(`survey.${link.s}.`));
  if (went && went[1] !== 'offline' && went[1] !== 'busy') {
    view = { mode: 'sent', link, outcome: went[1] === 'sent' ? 'sent' : 'refused' };
    draw();
  }
});
