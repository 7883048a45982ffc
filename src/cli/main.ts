#!/usr/bin/env node
/**
 * The `callqa` command. This file only builds the program and registers the
 * subcommands, one file each in ./commands (add `assess`, `sample`, … by adding
 * a file with `register(program)` and one line below).
 */
import '../node.js'; // the Node edge: formula plans get mathjs
import { Command, CommanderError } from 'commander';
import { CallqaError, prettifyIssues } from '../issues/issues.js';
import { OutputError } from '../batch/atomic.js';
import { register as compare } from './commands/compare.js';
import { register as generate } from './commands/generate.js';
import { register as schema } from './commands/schema.js';
import { register as score } from './commands/score.js';
import { register as validate } from './commands/validate.js';
import { register as problems } from './commands/problems.js';
import { register as alerts } from './commands/alerts.js';
import { register as calibrate } from './commands/calibrate.js';
import { register as sample } from './commands/sample.js';
import { register as assess } from './commands/assess.js';
import { register as report } from './commands/report.js';
import { EXIT, EXIT_HELP, UsageError, quietOnClosedPipe } from './util.js';

const VERSION = '0.1.0';

const program = new Command('callqa')
  .description('Contact-centre quality scoring: validate rubrics, recalculate scores in bulk, compare rubrics.')
  .version(VERSION)
  .exitOverride()
  .showHelpAfterError('(add --help for usage)')
  .addHelpText('after', EXIT_HELP);

for (const register of [validate, score, compare, schema, generate]) register(program);
for (const register of [sample, calibrate, alerts, problems, assess, report]) register(program);

async function main(): Promise<number> {
  quietOnClosedPipe();
  try {
    await program.parseAsync(process.argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`callqa: error: ${e.message}\n${e.lines.map((l) => `${l}\n`).join('')}`);
      return EXIT.usage;
    }
    if (e instanceof OutputError) {
      // One line: the path the user gave and the reason (partial outputs are already removed).
      process.stderr.write(`callqa: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof CallqaError) {
      process.stderr.write(`callqa: error: ${e.message.split('\n')[0] ?? ''}\n${prettifyIssues(e.issues)}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`callqa: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.usage;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
