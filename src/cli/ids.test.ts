import { describe, expect, it } from 'vitest';
import { IdHashes, U32Column } from './ids.js';

describe('IdHashes', () => {
  it('flags an id seen before as a suspect, and nothing else, across table growth', () => {
    const s = new IdHashes();
    // 100,000 ids grow the table from 65,536 slots to 262,144 (load kept ≤ 1/2).
    let seen = 0;
    for (let i = 0; i < 100_000; i++) if (s.add(`C202610-${String(i).padStart(7, '0')}`)) seen++;
    expect(seen).toBe(0);
    expect(s.suspects.size).toBe(0);
    expect(s.add('C202610-0000042')).toBe(true);
    expect([...s.suspects]).toEqual([IdHashes.hash('C202610-0000042')]);
  });
});

describe('U32Column', () => {
  it('grows on demand and reads 0 where nothing was set', () => {
    const c = new U32Column();
    c.set(5, 7);
    c.set(5000, 4_294_967_295);
    expect([c.get(5), c.get(6), c.get(5000), c.get(1e9)]).toEqual([7, 0, 4_294_967_295, 0]);
  });
});
