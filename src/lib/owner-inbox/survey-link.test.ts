import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  fromBase64Url,
  fromUtf8,
  randomBytes,
  toBase64Url,
  toHex,
  utf8
} from '../sync/crypto/bytes';
import { defaultQuestionnaire } from '$lib/domain/survey/questionnaire';
import type { Survey } from '$lib/domain/records/survey';
import { SURVEY_PREFIX, decodeSurveyLink, openQuestionnaire, type SurveyLink } from './survey-link';
import { encodeSurveyLink, questionnaireCopy, sealCopy } from './survey-links';
import { sha256 } from '../sync/crypto/hash';

// Issue 16 §5: the survey link is signed by the office (a forged or edited link does not open)
// and names the questionnaire's sealed copy on the relay by hash and key.

const secret = ed25519.utils.randomSecretKey();
const link: SurveyLink = {
  r: 'http://127.0.0.1:8787',
  t: 'AAAAAAAAAAAAAAAAAAAAAA',
  i: toBase64Url(randomBytes(32)),
  o: toBase64Url(ed25519.getPublicKey(secret)),
  s: 'survey1',
  h: 'a'.repeat(64),
  k: toBase64Url(randomBytes(16)),
  n: '锦绣花园 3-1201',
  c: 'ABCD23',
  x: '2026-11-30'
};

describe('survey links', () => {
  it('opens a link the office signed, and no link edited or signed by another key', async () => {
    const fragment = encodeSurveyLink(link, secret);
    expect(fragment.startsWith(SURVEY_PREFIX)).toBe(true);
    expect(await decodeSurveyLink(fragment)).toEqual(link);
    // Another household's code put into the link: the signature no longer holds.
    const [body, sig] = fragment.slice(SURVEY_PREFIX.length).split('.');
    const edited = toBase64Url(utf8(fromUtf8(fromBase64Url(body)).replace('ABCD23', 'ZZZZ23')));
    expect(await decodeSurveyLink(`${SURVEY_PREFIX}${edited}.${sig}`)).toBeUndefined();
    // Signed by another key than the one it names; cut short; not a survey link.
    const other = ed25519.utils.randomSecretKey();
    const forged = encodeSurveyLink(link, other);
    expect(await decodeSurveyLink(forged)).toBeUndefined();
    expect(await decodeSurveyLink(fragment.slice(0, -4))).toBeUndefined();
    expect(await decodeSurveyLink('f1.xyz')).toBeUndefined();
  });

  it('seals the questionnaire to the same bytes every time, and refuses an altered copy', async () => {
    const survey = {
      id: 's1',
      title: '2026年度客户满意度调查',
      questions: defaultQuestionnaire(),
      closesOn: '2026-11-30'
    } as unknown as Survey;
    const copy = questionnaireCopy(survey, '锦绣物业服务中心');
    expect(copy.q).toHaveLength(11);
    expect(JSON.stringify(copy)).not.toContain('codeKey');
    const key = randomBytes(16);
    const plain = utf8(JSON.stringify(copy));
    const sealed = await sealCopy(plain, key);
    expect(await sealCopy(plain, key)).toEqual(sealed);
    const h = toHex(sha256(sealed));
    const k = toBase64Url(key);
    expect(await openQuestionnaire(sealed, { h, k })).toEqual(copy);
    const altered = sealed.slice();
    altered[20] ^= 1;
    expect(await openQuestionnaire(altered, { h, k })).toBeUndefined();
    expect(await openQuestionnaire(altered, { h: toHex(sha256(altered)), k })).toBeUndefined();
    expect(await openQuestionnaire(sealed, { h, k: toBase64Url(randomBytes(16)) })).toBeUndefined();
  });
});
