import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectGolden, expectGoldenJson, goldenFilesUnder } from '../../helpers/golden';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

/** The message of the assertion `run` fails with (fails this test when `run` passes). */
function failure(run: () => void): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the golden comparison to fail');
}

describe('golden files', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('passes when the file holds exactly the output', async () => {
    const file = join(await tempDir(), 'expected.thing.json');
    writeFileSync(file, '{\n  "a": 1\n}\n');
    expectGolden(file, '{\n  "a": 1\n}\n');
    expectGoldenJson(file, { a: 1 });
  });

  it('fails when the file is missing, naming it and saying how to create it, and writes nothing', async () => {
    vi.stubEnv('UPDATE_GOLDEN', '');
    const file = join(await tempDir(), 'expected.thing.json');
    const message = failure(() => expectGolden(file, 'output\n'));
    expect(message).toContain(file);
    expect(message).toContain('run with UPDATE_GOLDEN=1 to create it');
    expect(existsSync(file)).toBe(false);
  });

  it('fails when the file differs, with a diff, and leaves the file as it was', async () => {
    vi.stubEnv('UPDATE_GOLDEN', '');
    const file = join(await tempDir(), 'expected.thing.sh');
    writeFileSync(file, 'line 1\nline 2\n');
    const message = failure(() => expectGolden(file, 'line 1\nline two\n'));
    expect(message).toContain(`output differs from golden file ${file}`);
    expect(failure(() => expectGoldenJson(file, { a: 1 }))).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('line 1\nline 2\n');
  });

  it('writes only with UPDATE_GOLDEN=1 exactly, and then says what it wrote', async () => {
    const dir = await tempDir();
    const created = join(dir, 'sub', 'expected.new.json');
    const changed = join(dir, 'expected.old.json');
    writeFileSync(changed, 'old\n');
    const said = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    vi.stubEnv('UPDATE_GOLDEN', 'true');
    failure(() => expectGolden(created, 'new\n'));
    expect(existsSync(created)).toBe(false);

    vi.stubEnv('UPDATE_GOLDEN', '1');
    expectGoldenJson(created, { made: true });
    expectGolden(changed, 'new\n');
    expect(readFileSync(created, 'utf8')).toBe('{\n  "made": true\n}\n');
    expect(readFileSync(changed, 'utf8')).toBe('new\n');
    expect(said.mock.calls.map((c) => String(c[0]))).toEqual([
      `UPDATE_GOLDEN=1: created golden file ${created}`,
      `UPDATE_GOLDEN=1: rewrote golden file ${changed}`,
    ]);

    // An unchanged file is left alone, silently.
    expectGolden(changed, 'new\n');
    expect(said).toHaveBeenCalledTimes(2);
  });

  it('refuses a golden file not named expected.<what>.<ext>', async () => {
    const dir = await tempDir();
    for (const name of ['plan.json', 'thing.golden.json', 'expected.json', 'expected.thing.txt']) {
      expect(failure(() => expectGolden(join(dir, name), 'x'))).toMatch(/is not named expected\.<what>\.<ext>/);
    }
  });

  it('lists the golden files under a folder, recursively, sorted', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'b'));
    for (const name of ['b/expected.two.json', 'expected.one.sh', 'input.json', 'b/request.json']) writeFileSync(join(dir, name), '');
    expect(goldenFilesUnder(dir)).toEqual(['b/expected.two.json', 'expected.one.sh']);
  });
});
