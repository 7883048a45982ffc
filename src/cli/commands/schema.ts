/**
 * `callqa schema <kind>` — prints the JSON Schema of a document kind (rubric; plan later).
 */
import type { Command } from 'commander';
import { documentKinds, findKind } from '../registry.js';
import { EXIT_HELP, UsageError } from '../util.js';

/**
 * Adds `schema` to the program.
 *
 * @example
 * ```ts
 * register(program); // callqa schema rubric > rubric.schema.json
 * ```
 */
export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of a callqa document kind')
    .argument('<kind>', `document kind (${documentKinds().map((k) => k.kind).join(', ')})`)
    .addHelpText('after', EXIT_HELP)
    .action((kind: string) => {
      const k = findKind(kind);
      if (!k) throw new UsageError(`unknown document kind "${kind}" (known: ${documentKinds().map((d) => d.kind).join(', ')})`);
      process.stdout.write(`${JSON.stringify(k.jsonSchema(), null, 2)}\n`);
    });
}
