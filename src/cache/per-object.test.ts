import { describe, expect, it } from 'vitest';
import { perObject } from './per-object.js';

describe('perObject', () => {
  it('makes a value once per object, whatever the order of asking', () => {
    const made: string[] = [];
    const of = perObject((o: { name: string }) => {
      made.push(o.name);
      return { upper: o.name.toUpperCase() };
    });
    const a = { name: 'a' };
    const b = { name: 'b' };
    const first = of(a);
    expect(first).toEqual({ upper: 'A' });
    expect(of(a)).toBe(first); // the last object: no lookup, same value
    expect(of(b)).toEqual({ upper: 'B' });
    expect(of(a)).toBe(first); // from the cache after another object
    expect(of(b)).toBe(of(b));
    expect(made).toEqual(['a', 'b']); // two objects, two makes
  });
});
