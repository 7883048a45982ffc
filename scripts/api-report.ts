/**
 * The public API report: every export of each entry (`callqa`, `callqa/node`)
 * with its kind and signature, as the TypeScript checker sees it. Committed in
 * api/ so that a change to the public surface shows up in review;
 * `npm test` runs `scripts/api-report.ts --check` first and fails when the
 * committed report is stale (`npm run api` rewrites it). The same idea as api-extractor's .api.md, from
 * the checker directly: no build of declaration files needed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The entries and their report files. */
export const ENTRIES = [
  { name: 'callqa', source: 'src/index.ts', report: 'api/callqa.api.md' },
  { name: 'callqa/node', source: 'src/node.ts', report: 'api/callqa-node.api.md' },
] as const;

const PRINTER = ts.createPrinter({ removeComments: true });
const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType | ts.TypeFormatFlags.WriteArrowStyleSignature;

function line(checker: ts.TypeChecker, name: string, symbol: ts.Symbol): string {
  const s = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const decl = s.declarations?.[0];
  const clean = (t: string) => t.replace(/import\("[^"]*"\)\./g, '').replace(/\s+/g, ' ');
  if (s.flags & ts.SymbolFlags.Function && decl) {
    const type = checker.getTypeOfSymbolAtLocation(s, decl);
    return type
      .getCallSignatures()
      .map((sig) => `function ${name}${clean(checker.signatureToString(sig, undefined, FLAGS))}`)
      .join('\n');
  }
  if (s.flags & ts.SymbolFlags.Class && decl) {
    const type = checker.getTypeOfSymbolAtLocation(s, decl);
    const ctor = type.getConstructSignatures()[0];
    const instance = checker.getDeclaredTypeOfSymbol(s);
    const members = instance
      .getProperties()
      .filter((p) => !(ts.getCombinedModifierFlags(p.valueDeclaration ?? p.declarations![0]!) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) && !p.name.startsWith('#'))
      .map((p) => `${p.name}: ${clean(checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl), undefined, FLAGS))}`)
      .sort();
    const statics = checker
      .getPropertiesOfType(type)
      .filter((p) => p.name !== 'prototype')
      .map((p) => `static ${p.name}: ${clean(checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl), undefined, FLAGS))}`)
      .sort();
    return [`class ${name}${ctor ? ` new${clean(checker.signatureToString(ctor, undefined, FLAGS))}` : ''}`, ...statics.map((m) => `  ${m}`), ...members.map((m) => `  ${m}`)].join('\n');
  }
  if (s.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
    const type = checker.getDeclaredTypeOfSymbol(s);
    if (s.flags & ts.SymbolFlags.Interface) {
      const members = type.getProperties().map((p) => {
        const pd = p.declarations?.[0];
        const opt = p.flags & ts.SymbolFlags.Optional ? '?' : '';
        const t = pd ? checker.typeToString(checker.getTypeOfSymbolAtLocation(p, pd), undefined, FLAGS) : '?';
        return `  ${p.name}${opt}: ${clean(t)}`;
      });
      return [`interface ${name}`, ...members].join('\n');
    }
    const text =
      decl && ts.isTypeAliasDeclaration(decl)
        ? PRINTER.printNode(ts.EmitHint.Unspecified, decl.type, decl.getSourceFile())
        : checker.typeToString(type, undefined, FLAGS | ts.TypeFormatFlags.InTypeAlias);
    return `type ${name} = ${clean(text)}`;
  }
  if (s.flags & ts.SymbolFlags.Variable && decl) {
    return `const ${name}: ${clean(checker.typeToString(checker.getTypeOfSymbolAtLocation(s, decl), undefined, FLAGS))}`;
  }
  return `${ts.SymbolFlags[s.flags] ?? 'symbol'} ${name}`;
}

/**
 * The names a module exports as values: its own exported declarations, the
 * non-type elements of `export { … }`, and what `export * from` reaches
 * (recursively). `export type *` adds none.
 */
function valueNames(checker: ts.TypeChecker, sf: ts.SourceFile, seen = new Set<ts.SourceFile>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(sf)) return names;
  seen.add(sf);
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st)) {
      if (st.isTypeOnly) continue;
      if (st.exportClause && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) if (!el.isTypeOnly) names.add(el.name.text);
      } else if (!st.exportClause && st.moduleSpecifier) {
        const target = checker.getSymbolAtLocation(st.moduleSpecifier)?.valueDeclaration;
        if (target && ts.isSourceFile(target)) for (const n of valueNames(checker, target, seen)) names.add(n);
      }
      continue;
    }
    if (!(ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))) continue;
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) names.add(st.name.text);
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
  }
  return names;
}

/** A value (function, class, constant) that the entry exports only as a type: an internal of a domain barrel. */
function typeOnlyValue(checker: ts.TypeChecker, sym: ts.Symbol, values: ReadonlySet<string>): boolean {
  const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
  const isValue = target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable | ts.SymbolFlags.Enum);
  return Boolean(isValue) && !values.has(sym.name);
}

/** The one table of issue codes, built from the exported `…IssueCode` unions and their members' comments. */
export const ISSUE_CODES_FILE = 'docs/issue-codes.md';

/** The `/** … *\/` comment in `text` (the trivia before a union member), on one line; '' when none. */
function docComment(text: string): string {
  const all = [...text.matchAll(/\/\*\*([\s\S]*?)\*\//g)];
  const last = all[all.length - 1];
  return last ? last[1]!.replace(/^\s*\*\s?/gm, '').replace(/\s+/g, ' ').trim() : '';
}

/** Markdown-safe table cell text. */
const cell = (t: string): string => t.replace(/\|/g, '\\|');

/**
 * docs/issue-codes.md: for every exported type alias named `…IssueCode` of the
 * entries, a section with its `code | meaning` table, read from the union's
 * members (string literals with their leading doc comments; a member that is
 * another union links to its section).
 */
function issueCodeTable(checker: ts.TypeChecker, entries: readonly { name: string; symbols: readonly ts.Symbol[] }[]): string {
  const unions = new Map<string, { entry: string; decl: ts.TypeAliasDeclaration; doc: string }>();
  for (const e of entries) {
    for (const sym of e.symbols) {
      if (!sym.name.endsWith('IssueCode') || unions.has(sym.name)) continue;
      const s = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      const decl = s.declarations?.find(ts.isTypeAliasDeclaration);
      if (decl) unions.set(sym.name, { entry: e.name, decl, doc: ts.displayPartsToString(s.getDocumentationComment(checker)).replace(/\s+/g, ' ').replace(' Listed with their meanings in docs/issue-codes.md.', '').trim() });
    }
  }
  const names = [...unions.keys()].sort();
  const anchor = (n: string): string => `#${n.toLowerCase()}`;
  const sections = names.map((name) => {
    const { entry, decl, doc } = unions.get(name)!;
    const text = decl.getSourceFile().text;
    const members = ts.isUnionTypeNode(decl.type) ? decl.type.types : [decl.type];
    const rows = members.map((m, i) => {
      const before = text.slice(i === 0 ? decl.type.pos : members[i - 1]!.end, m.getStart());
      const meaning = cell(docComment(before));
      if (ts.isLiteralTypeNode(m) && ts.isStringLiteral(m.literal)) return `| \`${m.literal.text}\` | ${meaning} |`;
      const ref = m.getText();
      return `| every code of [\`${ref}\`](${anchor(ref)}) | ${meaning} |`;
    });
    const where = decl.getSourceFile().fileName.slice(ROOT.length);
    return `## ${name}\n\n${doc}\n\nExported from \`${entry}\`; declared in ${where}.\n\n| code | meaning |\n|---|---|\n${rows.join('\n')}\n`;
  });
  const index = names.map((n) => `| [\`${n}\`](${anchor(n)}) | ${unions.get(n)!.entry} |`).join('\n');
  return [
    '# Issue codes',
    '',
    '<!-- Generated by `npm run api` (scripts/api-report.ts) from the `…IssueCode` unions and their comments; do not edit. A test fails when it is stale. -->',
    '',
    'Every problem callqa finds is an issue `{ code, path, message }` (see [bad-input.md](bad-input.md)). The code is stable and',
    'machine-readable; the message is for people and may change. Each domain declares the codes it can report as a union type,',
    'and its error class and `safe*` result carry it (`class RubricError extends CallqaError<RubricIssueCode>`), so the',
    'compiler checks every code raised against this list and a `switch (issue.code)` in your code is checked too.',
    '',
    '| union | entry |',
    '|---|---|',
    index,
    '',
    ...sections,
  ].join('\n');
}

/**
 * The API report of every entry, as file name → Markdown text.
 *
 * @example
 * ```ts
 * apiReports().get('api/callqa.api.md'); // '# API report: callqa\n…'
 * ```
 */
export function apiReports(): Map<string, string> {
  const config = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram(
    ENTRIES.map((e) => `${ROOT}${e.source}`),
    { ...config.options, noEmit: true, skipLibCheck: true },
  );
  const checker = program.getTypeChecker();
  const out = new Map<string, string>();
  const byEntry: { name: string; symbols: readonly ts.Symbol[] }[] = [];
  for (const e of ENTRIES) {
    const sf = program.getSourceFile(`${ROOT}${e.source}`)!;
    // A function, class or constant reached only through `export type *` is not callable from the
    // entry: it is an internal of a domain's barrel, so the report leaves it out.
    const values = valueNames(checker, sf);
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(sf)!).filter((sym) => !typeOnlyValue(checker, sym, values));
    byEntry.push({ name: e.name, symbols: exports });
    const lines = exports
      .map((sym) => ({ name: sym.name, text: line(checker, sym.name, sym) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((x) => x.text);
    out.set(
      e.report,
      `# API report: \`${e.name}\`\n\n<!-- Generated by \`npm run api\` (scripts/api-report.ts); do not edit. A test fails when it is stale. -->\n\n${exports.length} exports.\n\n\`\`\`ts\n${lines.join('\n')}\n\`\`\`\n`,
    );
  }
  out.set(ISSUE_CODES_FILE, issueCodeTable(checker, byEntry));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of apiReports()) {
    if (check) {
      const committed = existsSync(`${ROOT}${file}`) ? readFileSync(`${ROOT}${file}`, 'utf8') : '';
      if (committed !== text) {
        stale++;
        const was = new Set(committed.split('\n'));
        const now = new Set(text.split('\n'));
        const added = [...now].filter((l) => !was.has(l));
        const removed = [...was].filter((l) => !now.has(l));
        console.error(`${file} is stale: ${file === ISSUE_CODES_FILE ? 'an issue code union changed' : 'the public API changed'}. Review, then run \`npm run api\` and commit it.`);
        for (const l of removed.slice(0, 20)) console.error(`  - ${l}`);
        for (const l of added.slice(0, 20)) console.error(`  + ${l}`);
      }
    } else {
      writeFileSync(`${ROOT}${file}`, text);
      console.log(`wrote ${file}`);
    }
  }
  if (check) {
    if (stale > 0) process.exitCode = 1;
    else console.log('API reports and the issue code table are up to date');
  }
}
