#!/usr/bin/env node
/**
 * The `callqa` command. This file only builds the program and registers the
 * subcommands, one file each in ./commands (add one by adding a file with
 * `register(program)` and one line to COMMANDS). Only the command asked for is
 * loaded: each pulls in its own part of the library, and loading all of it
 * cost every run ~0.13 s (`callqa score --help`: 0.48 → 0.35 s). Help, a
 * version request, an unknown command or none load them all, so that
 * listings and suggestions are whole.
 */
import { Command, CommanderError } from 'commander';
import { CallqaError, prettifyIssues } from '../issues/issues.js';
import { OutputError } from '../batch/atomic.js';
import { setUpNode } from '../files/node-setup.js';
import { EXIT, EXIT_HELP, UsageError, quietOnClosedPipe } from './util.js';

/** Each command's module, in the order `callqa --help` lists them. */
const COMMANDS: Readonly<Record<string, () => Promise<{ register(program: Command): void }>>> = {
  validate: () => import('./commands/validate.js'),
  score: () => import('./commands/score.js'),
  compare: () => import('./commands/compare.js'),
  schema: () => import('./commands/schema.js'),
  generate: () => import('./commands/generate.js'),
  sample: () => import('./commands/sample.js'),
  calibrate: () => import('./commands/calibrate.js'),
  alerts: () => import('./commands/alerts.js'),
  problems: () => import('./commands/problems.js'),
  assess: () => import('./commands/assess.js'),
  report: () => import('./commands/report.js'),
};

const VERSION = '0.1.0';

const program = new Command('callqa')
  .description('Contact-centre quality scoring: validate rubrics, recalculate scores in bulk, compare rubrics.')
  .version(VERSION)
  .exitOverride()
  .showHelpAfterError('(add --help for usage)')
  .addHelpText('after', EXIT_HELP);

async function main(): Promise<number> {
  quietOnClosedPipe();
  setUpNode();
  try {
    const asked = process.argv[2];
    const names = asked !== undefined && Object.hasOwn(COMMANDS, asked) ? [asked] : Object.keys(COMMANDS);
    for (const m of await Promise.all(names.map((n) => COMMANDS[n]!()))) m.register(program);
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
