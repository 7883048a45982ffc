/*
 * A compact Aho–Corasick automaton, stored in flat typed arrays so that scanning
 * allocates nothing. Its alphabet is not UTF-16 but the small set of code units
 * that occur in the patterns, numbered 1…A (0 = any other unit): a transcript
 * unit outside the alphabet simply resets the automaton to the root.
 *
 * - The root has a dense transition table over the alphabet: in Chinese text
 *   most steps fall back to the root, and a direct index beats any search there.
 * - Other nodes keep their edges sorted in one shared array (CSR layout);
 *   lookups scan linearly when a node has few edges, else bisect.
 * - When nodes × alphabet is small (≤ 2^20 cells, e.g. a few hundred phrases)
 *   the goto/failure function is also unrolled into a full DFA table, so each
 *   transcript unit costs one array read.
 * - `dict` links jump straight to the next suffix node that ends a pattern, so
 *   reporting costs only the matches found.
 * - {@link buildRuleEntries} adds, per node, the longest pattern of each rule
 *   among all patterns the node reports (its dictionary chain): with nested
 *   phrases (a, aa, aaa …) a node reports K patterns, but only one per rule
 *   can be leftmost-longest, so the resolver reads one entry per rule, not K.
 */

/**
 * One (rule, phrase) pair that ends at a node.
 *
 * @example
 * ```ts
 * const t: Terminal = { rule: 0, phrase: 2 }; // rules[0].phrases[2]
 * ```
 */
export interface Terminal {
  readonly rule: number;
  readonly phrase: number;
}

/**
 * A compiled automaton. Fields are public for the scanner's hot loop.
 *
 * @example
 * ```ts
 * const ac = buildAutomaton(['不知道', '知道'], [[{ rule: 0, phrase: 0 }], [{ rule: 1, phrase: 0 }]]);
 * ac.nodeCount; // 6: root, 不, 不知, 不知道, 知, 知道
 * ```
 */
export interface Automaton {
  readonly nodeCount: number;
  /** Code unit → alphabet index (1…A). Units not in the map are index 0. */
  readonly alphabet: ReadonlyMap<number, number>;
  /** Root transitions for every alphabet index (0 = stay at root). */
  readonly rootNext: Int32Array;
  /** Edges of node s are at indices edgeStart[s] … edgeStart[s + 1] - 1. */
  readonly edgeStart: Int32Array;
  readonly edgeChar: Int32Array;
  readonly edgeTo: Int32Array;
  readonly fail: Int32Array;
  /** Pattern length in code units (= node depth). */
  readonly depth: Int32Array;
  /** Terminals of node s: termRule/termPhrase[termStart[s] … termStart[s + 1] - 1]. */
  readonly termStart: Int32Array;
  readonly termRule: Int32Array;
  readonly termPhrase: Int32Array;
  /** Nearest proper suffix node that has terminals, or -1. */
  readonly dict: Int32Array;
  /** First node reached on the report path: the node itself if terminal, else dict. */
  readonly report: Int32Array;
  /** Length of the longest pattern. */
  readonly maxLength: number;
  /**
   * Full transition table when small enough, else undefined:
   * `dfa[s * stride + c] = next * 2 + (next reports a match ? 1 : 0)`.
   */
  readonly dfa: Int32Array | undefined;
  /** Row length of `dfa`: alphabet size + 1. */
  readonly stride: number;
}

/**
 * Largest DFA table built by default, in cells (4 MiB of Int32).
 *
 * @example
 * ```ts
 * buildAutomaton(patterns, terminals, DFA_LIMIT); // the default
 * ```
 */
export const DFA_LIMIT = 1 << 20;

/**
 * Builds the automaton for distinct, non-empty patterns; `terminals[i]` lists who
 * declared `patterns[i]`. `dfaLimit` caps the full DFA table (0 = never build it).
 *
 * @example
 * ```ts
 * const ac = buildAutomaton(['喂'], [[{ rule: 0, phrase: 0 }]]);
 * ac.rootNext[ac.alphabet.get('喂'.charCodeAt(0))!]; // 1
 * ```
 */
export function buildAutomaton(
  patterns: readonly string[],
  terminals: readonly (readonly Terminal[])[],
  dfaLimit: number = DFA_LIMIT,
  sharedAlphabet?: ReadonlyMap<number, number>,
): Automaton {
  // Build phase: a plain trie with Map children (cost paid once per compile).
  const children: Map<number, number>[] = [new Map()];
  const depthList: number[] = [0];
  const termsOf: Terminal[][] = [[]];
  // A second automaton over the same units (the reversed patterns) reuses the
  // first one's numbering, so one class table serves both.
  const alphabet = new Map<number, number>(sharedAlphabet ?? []);
  let maxLength = 0;
  for (let p = 0; p < patterns.length; p++) {
    const pat = patterns[p] as string;
    maxLength = Math.max(maxLength, pat.length);
    let s = 0;
    for (let i = 0; i < pat.length; i++) {
      const unit = pat.charCodeAt(i);
      let c = alphabet.get(unit);
      if (c === undefined) {
        if (sharedAlphabet) throw new RangeError('a unit is missing from the shared alphabet');
        c = alphabet.size + 1;
        alphabet.set(unit, c);
      }
      const kids = children[s] as Map<number, number>;
      let t = kids.get(c);
      if (t === undefined) {
        t = children.length;
        kids.set(c, t);
        children.push(new Map());
        depthList.push(i + 1);
        termsOf.push([]);
      }
      s = t;
    }
    (termsOf[s] as Terminal[]).push(...(terminals[p] ?? []));
  }

  const nodeCount = children.length;
  const rootNext = new Int32Array(alphabet.size + 1);
  const edgeStart = new Int32Array(nodeCount + 1);
  let edgeTotal = 0;
  for (let s = 0; s < nodeCount; s++) {
    edgeStart[s] = edgeTotal;
    if (s !== 0) edgeTotal += (children[s] as Map<number, number>).size;
  }
  edgeStart[nodeCount] = edgeTotal;
  const edgeChar = new Int32Array(edgeTotal);
  const edgeTo = new Int32Array(edgeTotal);
  for (let s = 0; s < nodeCount; s++) {
    const kids = [...(children[s] as Map<number, number>)].sort((a, b) => a[0] - b[0]);
    if (s === 0) {
      for (const [c, t] of kids) rootNext[c] = t;
      continue;
    }
    let e = edgeStart[s] as number;
    for (const [c, t] of kids) {
      edgeChar[e] = c;
      edgeTo[e] = t;
      e++;
    }
  }

  // Failure and dictionary links, breadth first so a node's suffixes are done first.
  const fail = new Int32Array(nodeCount);
  const dict = new Int32Array(nodeCount).fill(-1);
  const queue: number[] = [];
  for (const t of (children[0] as Map<number, number>).values()) queue.push(t);
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q] as number;
    for (const [c, t] of children[s] as Map<number, number>) {
      let f = fail[s] as number;
      let next: number | undefined;
      for (;;) {
        next = f === 0 ? rootNext[c] : (children[f] as Map<number, number>).get(c);
        if ((next !== undefined && next !== 0) || f === 0) break;
        f = fail[f] as number;
      }
      const ft = next ?? 0;
      fail[t] = ft;
      dict[t] = (termsOf[ft] as Terminal[]).length > 0 ? ft : (dict[ft] as number);
      queue.push(t);
    }
  }

  const termStart = new Int32Array(nodeCount + 1);
  let termTotal = 0;
  for (let s = 0; s < nodeCount; s++) {
    termStart[s] = termTotal;
    termTotal += (termsOf[s] as Terminal[]).length;
  }
  termStart[nodeCount] = termTotal;
  const termRule = new Int32Array(termTotal);
  const termPhrase = new Int32Array(termTotal);
  const report = new Int32Array(nodeCount);
  for (let s = 0; s < nodeCount; s++) {
    let k = termStart[s] as number;
    for (const t of termsOf[s] as Terminal[]) {
      termRule[k] = t.rule;
      termPhrase[k] = t.phrase;
      k++;
    }
    report[s] = (termsOf[s] as Terminal[]).length > 0 ? s : (dict[s] as number);
  }

  const stride = alphabet.size + 1;
  let dfa: Int32Array | undefined;
  if (nodeCount * stride <= dfaLimit) {
    dfa = new Int32Array(nodeCount * stride);
    // Breadth-first, so the row of fail[s] (a shallower node) is complete before s.
    const order = [0, ...queue];
    for (const s of order) {
      const row = s * stride;
      const frow = (fail[s] as number) * stride;
      const kids = children[s] as Map<number, number>;
      for (let c = 1; c < stride; c++) {
        const t = s === 0 ? (rootNext[c] as number) : (kids.get(c) ?? ((dfa[frow + c] as number) >> 1));
        dfa[row + c] = t * 2 + ((report[t] as number) >= 0 ? 1 : 0);
      }
    }
  }

  return {
    nodeCount,
    alphabet,
    dfa,
    stride,
    rootNext,
    edgeStart,
    edgeChar,
    edgeTo,
    fail,
    depth: Int32Array.from(depthList),
    termStart,
    termRule,
    termPhrase,
    dict,
    report,
    maxLength,
  };
}

/**
 * The goto-with-failure transition from `state` on alphabet index `c` (≥ 1).
 *
 * @example
 * ```ts
 * const ac = buildAutomaton(['ab'], [[{ rule: 0, phrase: 0 }]]);
 * step(ac, step(ac, 0, 1), 2); // 2, the node for 'ab' ('a' is index 1, 'b' index 2)
 * ```
 */
export function step(ac: Automaton, state: number, c: number): number {
  const { rootNext, edgeStart, edgeChar, edgeTo, fail } = ac;
  let s = state;
  for (;;) {
    if (s === 0) return rootNext[c] as number;
    let lo = edgeStart[s] as number;
    let hi = edgeStart[s + 1] as number;
    if (hi - lo <= 8) {
      for (; lo < hi; lo++) if (edgeChar[lo] === c) return edgeTo[lo] as number;
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const m = edgeChar[mid] as number;
        if (m === c) return edgeTo[mid] as number;
        if (m < c) lo = mid + 1;
        else hi = mid;
      }
    }
    s = fail[s] as number;
  }
}

/**
 * Per node, one entry per rule: the longest pattern of that rule among the
 * patterns the node reports (itself, then its dictionary chain), sorted by
 * rule number (the matcher numbers rules in the order it reports them).
 * Entries of node s are `entNode/entTerm[entStart[s] … entEnd[s] - 1]`:
 * the node where that pattern ends and the index of its terminal.
 */
export interface RuleEntries {
  readonly entStart: Int32Array;
  readonly entEnd: Int32Array;
  readonly entNode: Int32Array;
  readonly entTerm: Int32Array;
}

/**
 * Builds {@link RuleEntries}. A node without terminals shares the entries of
 * its dictionary link, so only pattern-ending nodes take space: at most
 * (pattern nodes × rules) entries, one per pattern node when there is one rule.
 *
 * @example
 * ```ts
 * const ac = buildAutomaton(['a', 'aa'], [[{ rule: 0, phrase: 0 }], [{ rule: 0, phrase: 1 }]]);
 * const e = buildRuleEntries(ac);
 * e.entEnd[2] - e.entStart[2]; // 1: node 'aa' reports a and aa, both rule 0 — one entry, aa
 * ```
 */
export function buildRuleEntries(ac: Automaton): RuleEntries {
  const { nodeCount, depth, dict, termStart, termRule } = ac;
  // Shallower first: a node's dictionary link is always shallower than the node.
  const order = Array.from({ length: nodeCount }, (_, s) => s).sort((a, b) => (depth[a] as number) - (depth[b] as number));
  const entStart = new Int32Array(nodeCount);
  const entEnd = new Int32Array(nodeCount);
  const node: number[] = [];
  const term: number[] = [];
  for (const s of order) {
    const d = dict[s] as number;
    const lo = termStart[s] as number;
    const hi = termStart[s + 1] as number;
    if (lo === hi) {
      // Not a pattern end: the same entries as the nearest suffix that is one.
      entStart[s] = d >= 0 ? (entStart[d] as number) : 0;
      entEnd[s] = d >= 0 ? (entEnd[d] as number) : 0;
      continue;
    }
    // Own terminals (one per rule) first in rank order, merged with the
    // suffix's entries for the rules that do not end here.
    entStart[s] = node.length;
    let a = lo;
    let b = d >= 0 ? (entStart[d] as number) : 0;
    const bEnd = d >= 0 ? (entEnd[d] as number) : 0;
    const own = new Set<number>();
    for (let k = lo; k < hi; k++) own.add(termRule[k] as number);
    const out: [number, number][] = [];
    for (; a < hi; a++) out.push([s, a]);
    for (; b < bEnd; b++) if (!own.has(termRule[term[b] as number] as number)) out.push([node[b] as number, term[b] as number]);
    out.sort((x, y) => (termRule[x[1]] as number) - (termRule[y[1]] as number));
    for (const [n, k] of out) {
      node.push(n);
      term.push(k);
    }
    entEnd[s] = node.length;
  }
  return { entStart, entEnd, entNode: Int32Array.from(node), entTerm: Int32Array.from(term) };
}
