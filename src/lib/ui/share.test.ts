import { describe, expect, it, vi } from 'vitest';
import { readSmsHref, shareLink, smsHref } from './share';

// An owner link as the notices area makes them: the notice travels in the fragment.
const link = 'https://desk.example/n/#n1.eyJ0IjoiQSZCIn0+/x?y=1&z=2%20';
const body = `小区停水通知 & 明日 9:00 #3栋 ${link}\n请转告`;

describe('sms links', () => {
  it('carry the whole text and the link, unbroken', () => {
    const href = smsHref(body);
    expect(href.startsWith('sms:?body=')).toBe(true);
    expect(readSmsHref(href)).toEqual({ number: '', body });
    // Nothing in the body can end the link early.
    expect(href.slice('sms:?body='.length)).not.toMatch(/[#&?\s]/);
  });

  it('keep only the digits of a number', () => {
    const href = smsHref('催缴 ¥1,234.50', '+86 138-1234-5678');
    expect(readSmsHref(href)).toEqual({ number: '+8613812345678', body: '催缴 ¥1,234.50' });
  });

  it('a broken link is not read as a message', () => {
    expect(readSmsHref(`sms:?body=${body}`)).toBeNull(); // not encoded
    expect(readSmsHref('sms:?body=%E4%B8')).toBeNull(); // cut inside a character
    expect(readSmsHref('tel:123')).toBeNull();
  });
});

describe('share', () => {
  const data = { title: '停水通知', text: '停水通知', url: link };
  const clipboard = () => ({ writeText: vi.fn(async (_text: string) => {}) });

  it('uses the share sheet where there is one', async () => {
    const nav = { clipboard: clipboard() as unknown as Clipboard, share: vi.fn(async () => {}) };
    expect(await shareLink(data, nav)).toBe('shared');
    expect(nav.share).toHaveBeenCalledWith(data);
    expect(nav.clipboard.writeText).not.toHaveBeenCalled();
  });

  it('copies the link where there is none, or the sheet cannot take it', async () => {
    const bare = { clipboard: clipboard() as unknown as Clipboard };
    expect(await shareLink(data, bare)).toBe('copied');
    expect(bare.clipboard.writeText).toHaveBeenCalledWith(link);
    const refusing = {
      clipboard: clipboard() as unknown as Clipboard,
      share: vi.fn(async () => {}),
      canShare: () => false
    };
    expect(await shareLink(data, refusing)).toBe('copied');
    expect(refusing.share).not.toHaveBeenCalled();
  });

  it('a closed sheet is not an error and copies nothing', async () => {
    const nav = {
      clipboard: clipboard() as unknown as Clipboard,
      share: vi.fn(async () => {
        throw new DOMException('closed', 'AbortError');
      })
    };
    expect(await shareLink(data, nav)).toBe('cancelled');
    expect(nav.clipboard.writeText).not.toHaveBeenCalled();
  });
});
