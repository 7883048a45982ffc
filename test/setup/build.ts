/**
 * Vitest globalSetup: builds the CLI and its worker once, the way tsup builds
 * the package, into a private folder (.tmp/cli-dist) so that the tests spawn
 * `node .tmp/cli-dist/cli.js` exactly as a user runs `node dist/cli.js` —
 * without racing other builds of dist/ (whose config cleans the folder).
 */
import { buildCli } from '../cli/build.js';

export default async function setup(): Promise<void> {
  await buildCli();
}
