/**
 * Vitest globalSetup: builds the CLI and its worker once, as `npm run build`
 * builds the bin, into a private folder (.tmp/cli-dist) so that the tests spawn
 * `node .tmp/cli-dist/callqa.cjs` exactly as a user runs `callqa`
 * (dist/bin/callqa.cjs) — without racing other builds of dist/.
 */
import { buildCli } from '../cli/build.js';

export default async function setup(): Promise<void> {
  await buildCli();
}
