/**
 * A cache of a value worked out once per object (a compiled rubric, an
 * options object), held in a WeakMap so that it goes with its object. The
 * object asked for last is answered without a lookup: scoring asks for the
 * same one call after call, and a WeakMap lookup per call showed in profiles.
 * That last object is held strongly until another is asked for (one object,
 * kept alive at most that long).
 */

/**
 * `make(key)` once per key object, answered from a cache afterwards.
 *
 * @example
 * ```ts
 * const planOf = perObject((rubric: Rubric) => compilePlan(rubric));
 * planOf(rubric) === planOf(rubric); // true: made once
 * ```
 */
export function perObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  let lastKey: K | null = null;
  let lastValue: V | undefined;
  return (key) => {
    if (key === lastKey) return lastValue as V;
    let value = cache.get(key);
    if (value === undefined) {
      value = make(key);
      cache.set(key, value);
    }
    lastKey = key;
    lastValue = value;
    return value;
  };
}
