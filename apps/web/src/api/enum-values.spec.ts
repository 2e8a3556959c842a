import { describe, expect, it } from 'vitest';
import { enumValues } from './enum-values';

type Colour = 'red' | 'green' | 'blue';

describe('enumValues', () => {
  it('keeps the values in the order given', () => {
    expect(enumValues<Colour>()(['green', 'red', 'blue'])).toEqual(['green', 'red', 'blue']);
  });

  it('refuses, at compile time, a list that misses, repeats or invents a value', () => {
    // @ts-expect-error 'blue' is missing
    enumValues<Colour>()(['red', 'green']);
    // @ts-expect-error 'red' twice
    enumValues<Colour>()(['red', 'green', 'blue', 'red']);
    // @ts-expect-error 'purple' is no Colour
    enumValues<Colour>()(['red', 'green', 'blue', 'purple']);
  });
});
