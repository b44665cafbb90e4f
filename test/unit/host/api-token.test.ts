import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveApiToken } from '../../../electron/host/api-token';
import type { CliIo } from '../../../electron/host/cli/command';
import { runCli } from '../../../electron/host/cli/index';

const TOKEN = 'token-from-a-file-0123456789abcdef';
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function dir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'wicm-token-'));
  dirs.push(d);
  return d;
}

async function serveCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const box = { out: '', err: '' };
  const io: CliIo = { out: (t) => (box.out += t), err: (t) => (box.err += t), env, cwd };
  const code = await runCli(['serve', '--port', '0', '--no-ui', '--data-dir', cwd, ...args], io);
  return { code, ...box };
}

describe('--api-token-file', () => {
  it('reads the token trimmed, relative to the working folder, and warns when others can read the file', async () => {
    const d = await dir();
    await writeFile(join(d, 'token'), `  ${TOKEN}\n`, { mode: 0o600 });
    expect(await resolveApiToken({ file: 'token', cwd: d })).toEqual({ token: TOKEN, warnings: [] });
    await chmod(join(d, 'token'), 0o644);
    const loose = await resolveApiToken({ file: 'token', cwd: d });
    expect(loose.token).toBe(TOKEN);
    expect(loose.warnings.join('\n')).toMatch(/readable by other users: run `chmod 600 token`/);
  });

  it('wins over WICM_API_TOKEN; --api-token warns that ps shows it; the env var alone is quiet', async () => {
    const d = await dir();
    await writeFile(join(d, 'token'), TOKEN, { mode: 0o600 });
    expect((await resolveApiToken({ file: 'token', env: 'from-the-environment-123456', cwd: d })).token).toBe(TOKEN);
    const flag = await resolveApiToken({ flag: TOKEN, cwd: d });
    expect(flag.token).toBe(TOKEN);
    expect(flag.warnings.join('\n')).toMatch(/process list \(ps\).*--api-token-file/);
    expect(await resolveApiToken({ env: TOKEN, cwd: d })).toEqual({ token: TOKEN, warnings: [] });
    expect(await resolveApiToken({ cwd: d })).toEqual({ token: null, warnings: [] });
  });

  it('wicm serve refuses a missing or empty file, and both token flags at once, before serving (exit 2)', async () => {
    const d = await dir();
    const missing = await serveCli(['--api-token-file', 'nope.txt'], d);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--api-token-file 'nope.txt': no such file/);
    expect(missing.out).toBe('');

    await writeFile(join(d, 'empty'), '\n  \n', { mode: 0o600 });
    const empty = await serveCli(['--api-token-file', 'empty'], d);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/--api-token-file 'empty' is empty/);

    await writeFile(join(d, 'token'), TOKEN, { mode: 0o600 });
    const both = await serveCli(['--api-token-file', 'token', '--api-token', TOKEN], d);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/not both/);
    expect(both.out).toBe('');
  });

  it('a token file that is too short is refused like a short --api-token', async () => {
    const d = await dir();
    await writeFile(join(d, 'short'), 'abc', { mode: 0o600 });
    const short = await serveCli(['--api-token-file', 'short'], d);
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/at least 16/);
  });
});
