/**
 * `callqa validate <file.json>…` — every issue of every file, like a compiler:
 * `rubrics/x.json: sections[2].items[0].points: … (code)`. Files are routed by
 * their declared kind (see ../registry.ts).
 */
import type { Command } from 'commander';
import { detectKind, documentKinds, findKind, isJsonSchema } from '../registry.js';
import { EXIT, EXIT_HELP, issueLine } from '../util.js';
import { readJsonFile } from '../../files/json-file.js';

/**
 * Adds `validate` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa validate rubrics/*.json
 * ```
 */
export function register(program: Command): void {
  program
    .command('validate')
    .description('check rubric files (and other callqa documents); print every issue with its path')
    .argument('<files...>', 'JSON files to check')
    .option('--quiet', 'print only the issues, not the files that are fine')
    .addHelpText('after', `\nDocuments are routed by "kind" or by a $schema ending in <kind>.schema.json (default: rubric).\n${EXIT_HELP}`)
    .action((files: string[], opts: { quiet?: boolean }) => {
      let bad = 0;
      for (const file of files) {
        const r = readJsonFile(file);
        if ('issues' in r) {
          bad++;
          for (const i of r.issues) console.error(r.where ? `${file}:${r.where}: ${i.message} (${i.code})` : issueLine(file, i));
          continue;
        }
        if (isJsonSchema(r.json)) {
          // `callqa validate rubrics/*.json` also matches the schemas kept beside the rubrics.
          if (!opts.quiet) console.log(`${file}: skipped (a JSON Schema, not a callqa document)`);
          continue;
        }
        const { kind, from } = detectKind(r.json);
        const k = findKind(kind);
        if (!k) {
          bad++;
          const known = documentKinds().map((d) => d.kind).join(', ');
          console.error(issueLine(file, { code: 'unknown_kind', path: [from === '$schema' ? '$schema' : 'kind'], message: `no validator for "${kind}" documents (known: ${known})` }));
          continue;
        }
        const res = k.validate(r.json);
        if ('issues' in res) {
          bad++;
          for (const i of res.issues) console.error(issueLine(file, i));
        } else if (!opts.quiet) console.log(`${file}: ok (${res.ok})`);
      }
      process.exitCode = bad > 0 ? EXIT.usage : EXIT.ok;
    });
}
