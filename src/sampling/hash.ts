/**
 * cyrb53: a fast 53-bit string hash (bryc, public domain) with good avalanche,
 * keyed by a numeric seed. A keyed hash of (seed, call id) — rather than a
 * PRNG stream consumed in input order — is what makes a sample independent of
 * the order of the records.
 *
 * @param text - the string to hash (e.g. a call id)
 * @param seed - any integer; different seeds give unrelated hashes
 * @returns an integer in [0, 2⁵³)
 *
 * @example
 * ```ts
 * cyrb53('call-1', 42) === cyrb53('call-1', 42); // true
 * cyrb53('call-1', 42) !== cyrb53('call-1', 43); // true (almost surely)
 * ```
 */
export function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A seeded uniform number in (0, 1) for an id: cyrb53 of the id keyed by the
 * seed (a string seed is first hashed to an integer), shifted by half a step
 * so that it is never exactly 0 or 1.
 *
 * @example
 * ```ts
 * const u = uniformForId('2024-05', 'call-17'); // same value on every run and platform
 * u > 0 && u < 1; // true
 * ```
 */
export function uniformForId(seed: string | number, id: string): number {
  const s = typeof seed === 'number' ? seed | 0 : cyrb53(seed, 0x9e3779b9) % 0x7fffffff;
  return (cyrb53(id, s) + 0.5) / 2 ** 53;
}
