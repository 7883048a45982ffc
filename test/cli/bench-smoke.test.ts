/**
 * The benchmarks never rot: each bench/*.bench.ts runs on a tiny input
 * (BENCH_SMOKE=1) and must print its Markdown section. Nothing is timed here.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureCli } from './helpers.js';

const benches = readdirSync(join(ROOT, 'bench')).filter((f) => f.endsWith('.bench.ts'));

beforeAll(async () => {
  await ensureCli();
});

describe('benchmarks (smoke)', () => {
  it.each(benches)('%s runs', (file) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', file)], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, BENCH_SMOKE: '1' },
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^## /m);
    expect(r.stdout).toMatch(/\| --- \|/);
  });
});
