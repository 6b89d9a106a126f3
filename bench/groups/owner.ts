// Owner inbox figures (issue 16): the owner's request form as a phone opens it from a lobby
// poster — its JavaScript and Lighthouse scores on Lighthouse's default mobile profile — and
// how long a submission takes from the owner's tap on 提交 to a desk device holding it opened,
// through a relay on loopback (long poll).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { measurePageJs } from '../foundation/bundle-size.ts';
import { lighthouseMedian } from '../foundation/lighthouse.ts';
import { round } from '../lib/stats.ts';
import type { BenchContext, BenchGroup, Figure } from '../types.ts';
import { startRelay } from '../../src/relay/index.ts';
import { listInbox, deleteFromInbox, openLinkTags } from '../../src/lib/owner-inbox/client.ts';
import { encodeFormLink } from '../../src/lib/owner-inbox/form-link-sign.ts';
import { requestDataSchema, submissionEnvelopeSchema } from '../../src/lib/owner-inbox/payload.ts';
import { inboxKeyPair, openFromInbox } from '../../src/lib/owner-inbox/seal.ts';
import { fromUtf8, randomBytes, toBase64Url } from '../../src/lib/sync/crypto/bytes.ts';
import { issueDeviceCertificate, officeIdOf } from '../../src/lib/sync/crypto/identity.ts';

async function guarded(
  ctx: BenchContext,
  names: readonly string[],
  measure: () => Promise<Figure[]>
): Promise<Figure[]> {
  try {
    return await measure();
  } catch (error) {
    const note = `failed: ${String(error).split('\n')[0]}`;
    ctx.log(`${names.join(', ')} ${note}`);
    return names.map((name) => ({ name, value: null, unit: '', note }));
  }
}

/** An office with one desk device, as the desk holds its keys. */
function office() {
  const signing = ed25519.keygen();
  const officeId = officeIdOf(signing.publicKey);
  const device = ed25519.keygen();
  const id = 'bench-desk-1';
  return {
    officeId,
    office: signing,
    device: {
      id,
      signing: device,
      cert: issueDeviceCertificate(signing.secretKey, officeId, id, device.publicKey)
    }
  };
}

/** A lobby poster's link: what the QR code carries. */
function posterLink(appUrl: string, relay: string, keys: ReturnType<typeof office>, tag: string) {
  return `${appUrl}/r/#${encodeFormLink(
    {
      r: relay,
      t: tag,
      i: toBase64Url(inboxKeyPair(keys.office.secretKey).publicKey),
      o: toBase64Url(keys.office.publicKey),
      l: 'poster-3',
      n: '锦绣花园 3号楼',
      k: ['repair', 'complaint', 'suggestion', 'praise'],
      a: { name: 'optional', phone: 'optional' }
    },
    keys.office.secretKey
  )}`;
}

const SUBMISSIONS = 20;

/** The nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export default {
  name: 'owner',
  async run(ctx) {
    if (!existsSync(join(ctx.app.dir, 'r', 'index.html'))) {
      const note = 'no prerendered owner form r/index.html in build/';
      return ['bundle.ownerFormKbGz', 'lighthouse.ownerForm.performance', 'owner.inboxP95Ms'].map(
        (name) => ({ name, value: null, unit: '', note })
      );
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'guanjia-bench-owner-'));
    const relay = await startRelay({
      port: 0,
      dataDir,
      log: () => undefined,
      // One phone sends 20 in a row here; the real limits would make it wait.
      inboxLimits: { perAddressBurst: 1000, perTagBurst: 1000 }
    });
    try {
      const keys = office();
      const tag = toBase64Url(randomBytes(16));
      await openLinkTags(relay.httpUrl, keys, [tag], 3600);
      const link = posterLink(ctx.app.url, relay.httpUrl, keys, tag);
      ctx.log(`poster link: ${link.length - ctx.app.url.length} characters`);

      const bundle = await guarded(ctx, ['bundle.ownerFormKbGz'], async () => {
        const js = await measurePageJs(ctx.browser, link);
        ctx.log(`owner form: ${js.files.length} scripts, ${js.kbGz.toFixed(1)} KB gz`);
        return [
          {
            name: 'bundle.ownerFormKbGz',
            value: round(js.kbGz),
            unit: 'KB gz',
            target: { op: '<=', value: 30 }
          }
        ];
      });

      const names = [
        'lighthouse.ownerForm.performance',
        'lighthouse.ownerForm.accessibility',
        'lighthouse.ownerForm.bestPractices'
      ] as const;
      const lighthouse = await guarded(ctx, names, async () => {
        const scores = await lighthouseMedian(ctx.chromium.path, link);
        ctx.log(
          `owner form lighthouse runs (perf/a11y/bp): ${scores.runs
            .map((r) => `${r.performance}/${r.accessibility}/${r.bestPractices}`)
            .join(', ')}`
        );
        const target = { op: '>=', value: 95 } as const;
        return [
          { name: names[0], value: scores.performance, unit: 'score', target },
          { name: names[1], value: scores.accessibility, unit: 'score', target },
          { name: names[2], value: scores.bestPractices, unit: 'score', target }
        ];
      });

      const inbox = await guarded(ctx, ['owner.inboxP95Ms'], async () => {
        const secret = inboxKeyPair(keys.office.secretKey);
        const context = await ctx.browser.newContext({ viewport: { width: 390, height: 844 } });
        const phone = await context.newPage();
        await phone.goto(link);
        await phone.waitForSelector('html[data-ready="form"]');
        const times: number[] = [];
        for (let i = 0; i < SUBMISSIONS; i++) {
          // The desk device waits in its long poll, as the desk loop does, for this round's
          // request (an earlier round's left in the inbox must not end this one).
          const text = `三号楼大堂感应灯不亮 #${i}`;
          const desk = (async () => {
            for (;;) {
              const items = await listInbox(relay.httpUrl, keys, fetch, 20);
              if (!items.length) continue;
              const at = Date.now();
              const envelopes = items.map((item) =>
                submissionEnvelopeSchema.parse(
                  JSON.parse(fromUtf8(openFromInbox(secret, item.body)))
                )
              );
              await deleteFromInbox(
                relay.httpUrl,
                keys,
                items.map((item) => item.id)
              );
              const mine = envelopes.find((e) => requestDataSchema.parse(e.data).text === text);
              if (mine) return { at, envelope: mine };
            }
          })();
          if (i > 0) {
            await phone.goto('about:blank');
            await phone.goto(link);
            await phone.waitForSelector('html[data-ready="form"]');
          }
          await phone.getByRole('textbox').first().fill(text);
          const tapped = await phone.evaluate(() => {
            const button = document.querySelector<HTMLButtonElement>('button[type=submit]');
            const at = Date.now();
            button?.click();
            return at;
          });
          const { at } = await desk;
          times.push(at - tapped);
        }
        await context.close();
        const p95 = percentile(times, 95);
        ctx.log(`owner → desk (ms): ${times.join(', ')}; p95 ${p95}`);
        return [
          {
            name: 'owner.inboxP95Ms',
            value: round(p95),
            unit: 'ms',
            target: { op: '<=', value: 1000 }
          }
        ];
      });
      return [...bundle, ...lighthouse, ...inbox];
    } finally {
      await relay.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
} satisfies BenchGroup;
