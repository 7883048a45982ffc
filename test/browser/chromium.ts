/**
 * Headless Chromium for the browser tests: Debian's `chromium` package driven by
 * playwright-core with its executable path (no browser download). Every browser test
 * launches through here, so a machine without Chromium fails with one line saying how to
 * install it — never a silent skip.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CALLQA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/chromium-headless-shell'];

/** The Chromium executable, or an Error with the one-line install instruction. */
export function chromiumPath(): string {
  for (const path of CANDIDATES) if (path && existsSync(path)) return path;
  throw new Error(
    'Chromium not found: install it with `apt-get update && apt-get install -y chromium fonts-noto-cjk` (or set CALLQA_CHROMIUM to its path); .ci/run does this on CI',
  );
}

/**
 * Launches headless Chromium with the flags this closed network needs (no background
 * networking, no component updates), as root without the sandbox.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
