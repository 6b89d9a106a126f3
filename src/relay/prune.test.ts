import { describe, expect, it } from 'vitest';
import { parseVector, raiseAcks } from './prune';

describe('raiseAcks', () => {
  const office = new Set(['deviceA0', 'deviceB0']);

  it('raises entries of the office devices only; never lowers them', () => {
    expect(raiseAcks({ deviceA0: 5 }, { deviceA0: 3, deviceB0: 2 }, office)).toEqual({
      deviceA0: 5,
      deviceB0: 2
    });
    expect(raiseAcks({ deviceA0: 5 }, { deviceA0: 4 }, office)).toBeUndefined();
  });

  it('keeps no name the device made up, and drops such names kept before', () => {
    const made = Object.fromEntries(
      Array.from({ length: 10_000 }, (_, i) => [`made${i}up`, i + 1])
    );
    expect(raiseAcks({}, made, office)).toBeUndefined();
    expect(raiseAcks({ deviceA0: 1, ...made }, { deviceA0: 1 }, office)).toEqual({ deviceA0: 1 });
  });

  it('ignores counters that are not safe integers', () => {
    expect(raiseAcks({}, { deviceA0: 2 ** 60, deviceB0: Number.NaN }, office)).toBeUndefined();
  });
});

describe('parseVector', () => {
  it('reads what it can and nothing else', () => {
    expect(parseVector('{"a":1,"b":"x"}')).toEqual({ a: 1 });
    expect(parseVector('[1]')).toEqual({});
    expect(parseVector('not json')).toEqual({});
    expect(parseVector(null)).toEqual({});
  });
});
