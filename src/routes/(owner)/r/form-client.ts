/**
 * The script of /r/ (issue 16 §1, §3), written into the prerendered html like the notice
 * page's (owner-script.server.ts). Two views by the link's fragment:
 * - `f1.…` a form link (lobby poster, household, suggestion box): the owner writes, adds
 *   photos (compressed here), and sends; the words are sealed on this phone to the office's
 *   key, wait in the phone's outbox when offline and go when it can;
 * - `p1.…` the status link the phone made when sending: the office's sealed, signed updates
 *   (received, dispatched, done with the reply), and at the end the owner's rating.
 * Everything an owner or the office wrote goes into the page as text nodes (dom.ts).
 */
import * as z from 'zod/mini';
import {
  decodeFormLink,
  decodeStatusLink,
  encodeStatusLink,
  type FormLink,
  type StatusLink
} from '$lib/owner-inbox/form-link';
import { queue, sealSubmission, waiting } from '$lib/owner-inbox/outbox';
import {
  MAX_PHOTOS,
  nameSchema,
  phoneSchema,
  ratingDataSchema,
  requestDataSchema,
  statusUpdateSchema,
  textSchema,
  type StatusUpdate,
  type SubmissionKind
} from '$lib/owner-inbox/payload';
import { fetchStatus } from '$lib/owner-inbox/phone';
import { openStatusWeb } from '$lib/owner-inbox/seal-web';
import { fromBase64Url, fromUtf8, randomBytes, toBase64Url } from '$lib/sync/crypto/bytes';
import zhHans from '$lib/i18n/locales/zh-Hans/owner-form';
import { button, h, type Child } from '../client/dom';
import { paint, sendWaiting, startOutboxPage, store } from '../client/outbox-page';
import { addOwnerArea, t } from '../owner-i18n';
import { compressPhoto, PhotoError } from './photo';

addOwnerArea({
  zhHans,
  loaders: {
    'zh-Hant': () => import('$lib/i18n/locales/zh-Hant/owner-form'),
    en: () => import('$lib/i18n/locales/en/owner-form')
  }
});

const RATED_KEY = 'guanjia.owner.rated';

type Errors = Partial<Record<'text' | 'name' | 'phone' | 'photos' | 'score' | 'form', string>>;

interface FormState {
  kind: SubmissionKind;
  text: string;
  place: string;
  name: string;
  phone: string;
  photos: { data: string; url: string }[];
  errors: Errors;
  busy: boolean;
}

type View =
  | { mode: 'empty' }
  | { mode: 'form'; link: FormLink; form: FormState }
  | { mode: 'sent'; link: StatusLink; queued: boolean }
  | {
      mode: 'status';
      link: StatusLink;
      queued: boolean;
      update?: StatusUpdate;
      problem?: 'offline' | 'altered';
      loading: boolean;
      score: number;
      comment: string;
      errors: Errors;
      rated: boolean;
    };

let view: View = { mode: 'empty' };

function field(
  id: string,
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement,
  error: string | undefined,
  hint?: string
): HTMLElement {
  control.id = id;
  if (error) {
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', `${id}-error`);
  }
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint' }, hint) : null,
    control,
    error ? h('p', { class: 'error', id: `${id}-error`, role: 'alert' }, t(error)) : null
  );
}

function input(
  value: string,
  oninput: (value: string) => void,
  attributes: Record<string, string | boolean | undefined> = {}
) {
  const element = h('input', { type: 'text', ...attributes });
  element.value = value;
  element.addEventListener('input', () => oninput(element.value));
  return element;
}

function textarea(value: string, oninput: (value: string) => void, rows = 5) {
  const element = h('textarea', { rows: String(rows), maxlength: '2000' });
  element.value = value;
  element.addEventListener('input', () => oninput(element.value));
  return element;
}

function askLabel(key: string, ask: 'off' | 'optional' | 'required'): string {
  return t(key) + (ask === 'required' ? '' : t('ownerForm.optional'));
}

function formNodes(link: FormLink, form: FormState): Child[] {
  const kinds = h(
    'fieldset',
    { class: 'kinds' },
    h('legend', null, t('ownerForm.kind')),
    ...link.k.map((kind) => {
      const radio = h('input', {
        type: 'radio',
        name: 'kind',
        value: kind,
        checked: form.kind === kind
      });
      radio.addEventListener('change', () => {
        form.kind = kind;
        draw();
      });
      return h('label', { class: 'choice' }, radio, t(`ownerForm.kinds.${kind}`));
    })
  );
  const photos = h('input', {
    type: 'file',
    accept: 'image/*',
    multiple: true,
    class: 'file'
  });
  photos.addEventListener('change', () => void addPhotos(form, photos.files));
  const submit = h(
    'button',
    { type: 'submit', class: 'primary', disabled: form.busy },
    t(form.busy ? 'ownerForm.sending' : 'ownerForm.send')
  );
  const element = h(
    'form',
    { novalidate: true },
    link.k.length > 1 ? kinds : null,
    field(
      'text',
      t(link.b ? 'ownerForm.boxText' : `ownerForm.text.${form.kind}`),
      textarea(form.text, (v) => (form.text = v)),
      form.errors.text
    ),
    link.b
      ? null
      : field(
          'place',
          t('ownerForm.place') + t('ownerForm.optional'),
          input(form.place, (v) => (form.place = v), { maxlength: '100' }),
          undefined
        ),
    link.a.name === 'off'
      ? null
      : field(
          'name',
          askLabel('ownerForm.name', link.a.name),
          input(form.name, (v) => (form.name = v), { maxlength: '60', autocomplete: 'name' }),
          form.errors.name
        ),
    link.a.phone === 'off'
      ? null
      : field(
          'phone',
          askLabel('ownerForm.phone', link.a.phone),
          input(form.phone, (v) => (form.phone = v), {
            type: 'tel',
            maxlength: '30',
            autocomplete: 'tel',
            inputmode: 'tel'
          }),
          form.errors.phone
        ),
    link.b
      ? null
      : h(
          'div',
          { class: 'field' },
          h('label', { for: 'photos' }, t('ownerForm.photos', { max: MAX_PHOTOS })),
          Object.assign(photos, { id: 'photos' }),
          form.errors.photos
            ? h('p', { class: 'error', role: 'alert' }, t(form.errors.photos))
            : null,
          h(
            'ul',
            { class: 'thumbs' },
            ...form.photos.map((photo, i) =>
              h(
                'li',
                null,
                h('img', { src: photo.url, alt: t('ownerForm.photoAlt', { n: i + 1 }) }),
                button({ class: 'remove' }, t('ownerForm.removePhoto'), () => {
                  form.photos.splice(i, 1);
                  draw();
                })
              )
            )
          )
        ),
    h('p', { class: 'hint' }, t('ownerForm.private')),
    form.errors.form ? h('p', { class: 'error', role: 'alert' }, t(form.errors.form)) : null,
    submit
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(link, form);
  });
  return [
    h('p', { class: 'kicker' }, link.n),
    h('h1', null, t(link.b ? 'ownerForm.boxTitle' : 'ownerForm.title')),
    element
  ];
}

async function addPhotos(form: FormState, files: FileList | null): Promise<void> {
  form.errors.photos = undefined;
  for (const file of Array.from(files ?? [])) {
    if (form.photos.length >= MAX_PHOTOS) {
      form.errors.photos = 'ownerForm.tooManyPhotos';
      break;
    }
    try {
      const bytes = await compressPhoto(file);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'image/jpeg' }));
      form.photos.push({ data: toBase64Url(bytes), url });
    } catch (error) {
      form.errors.photos =
        error instanceof PhotoError
          ? `ownerForm.photo.${error.reason}`
          : 'ownerForm.photo.unreadable';
    }
  }
  draw();
}

function check<T>(schema: z.ZodMiniType<T>, value: unknown): { value?: T; error?: string } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { value: parsed.data };
  const message = parsed.error.issues[0]?.message ?? '';
  return { error: message.startsWith('owner') ? message : 'ownerForm.invalid' };
}

async function send(link: FormLink, form: FormState): Promise<void> {
  const errors: Errors = {};
  const text = check(textSchema, form.text);
  if (text.error) errors.text = text.error;
  const name = check(nameSchema, form.name);
  if (name.error) errors.name = name.error;
  else if (link.a.name === 'required' && !name.value) errors.name = 'ownerForm.required';
  const phoneText = form.phone.trim();
  const phone = phoneText ? check(phoneSchema, phoneText) : { value: '' };
  if (phone.error) errors.phone = phone.error;
  else if (link.a.phone === 'required' && !phone.value) errors.phone = 'ownerForm.required';
  form.errors = errors;
  if (Object.keys(errors).length) {
    draw();
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return;
  }
  const status = { id: toBase64Url(randomBytes(16)), key: toBase64Url(randomBytes(32)) };
  const data = requestDataSchema.parse({
    kind: form.kind,
    text: text.value,
    ...(name.value ? { name: name.value } : {}),
    ...(phone.value ? { phone: phone.value } : {}),
    ...(form.place.trim() ? { place: form.place.trim() } : {}),
    link: link.l,
    photos: form.photos.map((p) => ({ type: 'image/jpeg', data: p.data })),
    status
  });
  form.busy = true;
  draw();
  const statusLink: StatusLink = {
    r: link.r,
    t: link.t,
    i: link.i,
    o: link.o,
    s: status.id,
    k: status.key,
    d: (text.value ?? '').slice(0, 40),
    x: form.kind
  };
  try {
    queue(store, {
      id: status.id,
      relay: link.r,
      tag: link.t,
      sealed: await sealSubmission(link.i, 'request', data, Date.now())
    });
  } catch {
    form.busy = false;
    form.errors = { form: 'ownerForm.storageFull' };
    draw();
    return;
  }
  for (const photo of form.photos) URL.revokeObjectURL(photo.url);
  const results = await sendWaiting();
  view = { mode: 'sent', link: statusLink, queued: results.get(status.id) !== 'sent' };
  draw();
}

function statusHref(link: StatusLink): string {
  return `${location.origin}${location.pathname}#${encodeStatusLink(link)}`;
}

function isQueued(id: string): boolean {
  return waiting(store).some((w) => w.id === id);
}

function sentNodes(link: StatusLink, queued: boolean): Child[] {
  const href = statusHref(link);
  return [
    h('h1', null, t(queued ? 'ownerForm.queuedTitle' : 'ownerForm.sentTitle')),
    h('p', { role: 'status' }, t(queued ? 'ownerForm.queuedBody' : 'ownerForm.sentBody')),
    h(
      'p',
      { class: 'status-link' },
      h('a', { href, 'data-status-link': true }, t('ownerForm.statusLink'))
    ),
    h('p', { class: 'hint' }, t('ownerForm.statusLinkHint'))
  ];
}

function rated(): string[] {
  try {
    const list: unknown = JSON.parse(store.getItem(RATED_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const STATE_KEYS: Record<StatusUpdate['state'], string> = {
  received: 'ownerForm.state.received',
  dispatched: 'ownerForm.state.dispatched',
  done: 'ownerForm.state.done',
  closed: 'ownerForm.state.closed'
};

function statusNodes(v: Extract<View, { mode: 'status' }>): Child[] {
  const { link, update } = v;
  const steps = (['received', 'dispatched', 'done'] as const).map((state, i) => {
    const reached =
      !!update &&
      (update.state === 'closed'
        ? i === 0
        : ['received', 'dispatched', 'done'].indexOf(update.state) >= i);
    return h('li', { class: reached ? 'reached' : '', 'data-state': state }, t(STATE_KEYS[state]));
  });
  const nodes: Child[] = [
    h('p', { class: 'kicker' }, t(`ownerForm.kinds.${link.x}`)),
    h('h1', null, t('ownerForm.statusTitle')),
    h('p', { class: 'excerpt' }, link.d),
    v.queued ? h('p', { class: 'notice', role: 'status' }, t('ownerForm.queuedBody')) : null,
    update
      ? h(
          'p',
          { class: 'state', role: 'status', 'data-owner-state': update.state },
          t(STATE_KEYS[update.state]),
          update.number ? h('span', { class: 'number' }, ` · ${update.number}`) : null
        )
      : !v.queued && !v.loading && !v.problem
        ? h(
            'p',
            { class: 'state', role: 'status', 'data-owner-state': 'waiting' },
            t('ownerForm.state.waiting')
          )
        : null,
    update ? h('ol', { class: 'steps' }, ...steps) : null,
    update?.reply
      ? h(
          'div',
          { class: 'reply' },
          h('h2', null, t('ownerForm.reply')),
          h('p', null, update.reply)
        )
      : null,
    v.problem
      ? h('p', { class: 'error', role: 'alert' }, t(`ownerForm.problem.${v.problem}`))
      : null
  ];
  if (update?.state === 'done' && !update.rated && !v.rated) nodes.push(ratingForm(v));
  else if (v.rated || update?.rated) nodes.push(h('p', { class: 'thanks' }, t('ownerForm.thanks')));
  nodes.push(
    button(
      { class: 'secondary', disabled: v.loading },
      t('ownerForm.refresh'),
      () => void openStatusView(link)
    )
  );
  return nodes;
}

function ratingForm(v: Extract<View, { mode: 'status' }>): HTMLElement {
  const stars = h(
    'fieldset',
    { class: 'stars' },
    h('legend', null, t('ownerForm.rate')),
    ...[1, 2, 3, 4, 5].map((n) => {
      const radio = h('input', {
        type: 'radio',
        name: 'score',
        value: String(n),
        checked: v.score === n
      });
      radio.addEventListener('change', () => (v.score = n));
      return h('label', { class: 'choice' }, radio, t('ownerForm.stars', { n }));
    })
  );
  const comment = textarea(v.comment, (value) => (v.comment = value), 3);
  const form = h(
    'form',
    { novalidate: true, class: 'rating' },
    stars,
    v.errors.score ? h('p', { class: 'error', role: 'alert' }, t(v.errors.score)) : null,
    field('comment', t('ownerForm.comment') + t('ownerForm.optional'), comment, v.errors.text),
    h('button', { type: 'submit', class: 'primary' }, t('ownerForm.sendRating'))
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendRating(v);
  });
  return form;
}

async function sendRating(v: Extract<View, { mode: 'status' }>): Promise<void> {
  const parsed = ratingDataSchema.safeParse({
    status: v.link.s,
    score: v.score,
    comment: v.comment
  });
  if (!parsed.success) {
    v.errors = v.score ? { text: 'ownerForm.tooLong' } : { score: 'ownerForm.chooseScore' };
    return draw();
  }
  queue(store, {
    id: `${v.link.s}.rating`,
    relay: v.link.r,
    tag: v.link.t,
    sealed: await sealSubmission(v.link.i, 'rating', parsed.data, Date.now())
  });
  try {
    store.setItem(RATED_KEY, JSON.stringify([...rated(), v.link.s].slice(-100)));
  } catch {
    // at worst the rating form shows again until the office's update says it is rated
  }
  v.rated = true;
  v.errors = {};
  draw();
  await sendWaiting();
  v.queued = isQueued(v.link.s) || isQueued(`${v.link.s}.rating`);
  draw();
}

async function openStatusView(link: StatusLink): Promise<void> {
  const previous = view.mode === 'status' && view.link.s === link.s ? view : undefined;
  view = {
    mode: 'status',
    link,
    queued: isQueued(link.s),
    update: previous?.update,
    loading: true,
    score: previous?.score ?? 0,
    comment: previous?.comment ?? '',
    errors: {},
    rated: rated().includes(link.s)
  };
  const current = view;
  draw();
  await sendWaiting();
  current.queued = isQueued(link.s);
  try {
    const sealed = await fetchStatus(link.r, link.s);
    if (sealed) {
      const json = fromUtf8(
        await openStatusWeb(link.s, fromBase64Url(link.k), sealed, fromBase64Url(link.o))
      );
      const parsed = statusUpdateSchema.safeParse(JSON.parse(json));
      if (parsed.success) current.update = parsed.data;
      else current.problem = 'altered';
    }
    current.problem = current.problem === 'altered' ? 'altered' : undefined;
  } catch (error) {
    current.problem = error instanceof TypeError ? 'offline' : 'altered';
  }
  current.loading = false;
  if (view === current) draw();
}

function draw(): void {
  const nodes =
    view.mode === 'form'
      ? formNodes(view.link, view.form)
      : view.mode === 'sent'
        ? sentNodes(view.link, view.queued)
        : view.mode === 'status'
          ? statusNodes(view)
          : [h('h1', null, t('ownerForm.empty.title')), h('p', null, t('ownerForm.empty.body'))];
  paint(
    nodes,
    false,
    t(
      view.mode === 'status'
        ? 'ownerForm.statusTitle'
        : view.mode === 'form' && view.link.b
          ? 'ownerForm.boxTitle'
          : 'ownerForm.title'
    ),
    view.mode
  );
}

let opening = 0;
async function open(): Promise<void> {
  const mine = ++opening;
  const fragment = location.hash.slice(1);
  const form = await decodeFormLink(fragment);
  if (mine !== opening) return; // the fragment changed meanwhile
  if (form) {
    view = {
      mode: 'form',
      link: form,
      form: {
        kind: form.k[0],
        text: '',
        place: '',
        name: '',
        phone: '',
        photos: [],
        errors: {},
        busy: false
      }
    };
    return draw();
  }
  const status = decodeStatusLink(fragment);
  if (status) return void openStatusView(status);
  view = { mode: 'empty' };
  draw();
}

startOutboxPage(draw, open, () => {
  if (view.mode === 'status') void openStatusView(view.link);
  else if (view.mode === 'sent') {
    view.queued = isQueued(view.link.s);
    draw();
  }
});
