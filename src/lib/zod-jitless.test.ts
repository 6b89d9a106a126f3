import { describe, expect, it } from 'vitest';
import { zodJitless } from './zod-jitless';

describe('zodJitless', () => {
  it('is the config zod itself reads, set before zod loads', async () => {
    zodJitless();
    const { z } = await import('zod');
    expect(z.config().jitless).toBe(true);
  });

  it('holds when zod loaded first', async () => {
    const { z } = await import('zod');
    z.config({ jitless: false });
    zodJitless();
    expect(z.config().jitless).toBe(true);
  });
});
