import { describe, expect, it } from 'vitest';
import { WriteError } from '$lib/db/write-error';
import { FormAction } from './form-action.svelte';

const refusal = (path: string[]) =>
  new WriteError('invalid', [{ change: 0, path, message: 'Refused here', code: 'custom' }]);

describe('FormAction', () => {
  it('is busy while the action runs and returns its result', async () => {
    let finish: (value: string) => void = () => {};
    const save = new FormAction(() => new Promise<string>((done) => (finish = done)));
    const result = save.submit();
    expect(save.busy).toBe(true);
    finish('id-1');
    expect(await result).toBe('id-1');
    expect(save.busy).toBe(false);
  });

  it('ignores a second press while the first still runs', async () => {
    let runs = 0;
    let finish: () => void = () => {};
    const save = new FormAction(() => {
      runs++;
      return new Promise<void>((done) => (finish = done));
    });
    const first = save.submit();
    expect(await save.submit()).toBeUndefined();
    finish();
    await first;
    expect(runs).toBe(1);
  });

  it('shows a refused write at its fields, and clears them after a success', async () => {
    let refuse = true;
    const save = new FormAction(async () => {
      if (refuse) throw refusal(['name']);
      return 'ok';
    });
    expect(await save.submit()).toBeUndefined();
    expect(save.errors).toEqual({ name: 'Refused here' });
    expect(save.busy).toBe(false);
    refuse = false;
    await save.submit();
    expect(save.errors).toEqual({});
  });

  it('rethrows what is not a refused write: it is not the user input', async () => {
    const save = new FormAction(async () => {
      throw new Error('disk full');
    });
    await expect(save.submit()).rejects.toThrow('disk full');
    expect(save.busy).toBe(false);
    expect(save.errors).toEqual({});
  });

  it('stops the browser sending the form', async () => {
    const save = new FormAction(async () => undefined);
    const event = new Event('submit', { cancelable: true });
    await save.submit(event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('forgets the last refusal on reset', async () => {
    const save = new FormAction(async () => {
      throw refusal([]);
    });
    await save.submit();
    expect(save.errors).toEqual({ _form: 'Refused here' });
    save.reset();
    expect(save.errors).toEqual({});
  });
});
