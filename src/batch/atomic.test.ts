/**
 * Outputs: temp files of killed runs are cleaned up (only those of dead
 * processes of this host), and a set of outputs is published all or nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError, commitAll, openOutput, removeStaleTempFiles } from './atomic.js';

describe('removeStaleTempFiles', () => {
  it('removes the temp files of dead processes of this host, and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callqa-atomic-'));
    // This host's tag, as a live sink names its temp file.
    const sink = openOutput(join(dir, 'live.ndjson'));
    const ours = readdirSync(dir)[0] as string;
    const host = /callqa-([0-9a-f]{8})-/.exec(ours)?.[1];
    expect(ours).toBe(`.live.ndjson.callqa-${host}-${process.pid}-${/-(\d+)\.tmp$/.exec(ours)?.[1]}.tmp`);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number; // exited: its pid is free (reuse within the test is vanishingly unlikely)
    const other = host === '00000000' ? 'ffffffff' : '00000000';
    const files = {
      dead: `.scores.ndjson.callqa-${host}-${dead}-0.tmp`,
      live: `.scores.ndjson.callqa-${host}-${process.ppid}-0.tmp`, // the test runner's parent: alive
      otherHost: `.scores.ndjson.callqa-${other}-${dead}-0.tmp`, // a pid on another machine means nothing here
      legacy: `.scores.ndjson.${dead}.0.tmp`, // not callqa's current scheme: left alone
    };
    for (const f of Object.values(files)) writeFileSync(join(dir, f), 'x');
    expect(removeStaleTempFiles(dir)).toEqual([files.dead]);
    expect(readdirSync(dir).sort()).toEqual([ours, files.live, files.otherHost, files.legacy].sort());
    await sink.abort();
  });
});

describe('commitAll', () => {
  it('publishes no output when one cannot be finished', async () => {
    if (!existsSync('/dev/full')) throw new Error('/dev/full is missing: this test needs Linux’s /dev/full (every write fails with ENOSPC); run it on Linux');
    const dir = mkdtempSync(join(tmpdir(), 'callqa-atomic-'));
    const a = openOutput(join(dir, 'scores.ndjson'));
    const b = openOutput('/dev/full'); // a device: written directly, every write fails with ENOSPC
    await a.write('{"id":"c1"}\n');
    await b.write('x'.repeat(100_000)).catch(() => undefined); // the failure may surface here or when finishing
    const failed = await commitAll([a, b]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(OutputError);
    expect((failed as OutputError).message).toBe('cannot write /dev/full: no space left on device');
    expect(readdirSync(dir)).toEqual([]); // neither the scores file nor its temp file
  });
});
