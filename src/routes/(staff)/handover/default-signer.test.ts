import { describe, expect, it } from 'vitest';
import { defaultSigner } from './default-signer';

const signers = [{ id: 'wang' }, { id: 'li' }, { id: 'zhao' }];

describe('the signature dialog preselects the right person (issue 20 fault 8)', () => {
  it('the outgoing signature: the signed-in person, else the one person on duty', () => {
    expect(defaultSigner('ready', { me: 'li', signers, onDuty: ['wang'] })).toBe('li');
    expect(defaultSigner('ready', { me: 'engineer', signers, onDuty: ['wang'] })).toBe('wang');
    expect(defaultSigner('ready', { me: 'engineer', signers, onDuty: ['wang', 'li'] })).toBe(
      undefined
    );
  });

  it('the incoming signature: the signed-in person unless they signed as outgoing', () => {
    const context = { signers, onDuty: ['wang'], outgoing: 'wang' };
    expect(defaultSigner('accept', { ...context, me: 'li' })).toBe('li');
    expect(defaultSigner('refuse', { ...context, me: 'li' })).toBe('li');
    expect(defaultSigner('accept', { ...context, me: 'wang' })).toBe(undefined);
  });

  it('resolving a refusal: the signed-in supervisor', () => {
    expect(defaultSigner('resolve', { me: 'zhao', signers, onDuty: [] })).toBe('zhao');
  });
});
