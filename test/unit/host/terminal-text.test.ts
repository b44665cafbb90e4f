import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStderrLogger } from '../../../electron/host/platform/logger';
import { terminalSafe } from '../../../electron/host/terminal-text';
import { useTempDirs } from '../../helpers/temp-dir';
import { startTestHost } from '../../contract/rpc/engine-fixture';
import { runCliCaptured, type CliRun } from '../../helpers/cli';

const tempDir = useTempDirs();

// Everything that can act on a terminal: C0 but tab and newline, DEL, C1, bidi controls, U+2028/9.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const cli = async (...argv: string[]): Promise<CliRun> => runCliCaptured(argv, { WICM_HOME: await tempDir() });

/** A demi-wicm flows request whose names carry terminal controls. */
const EVIL_PORT = 'pop-\u001b[2J\u009b31m\u202eevil\r';
const EVIL_ID = 'x\u001b]0;pwned\u0007';

describe('terminalSafe', () => {
  it('shows ESC, OSC, C1, carriage return and bidi overrides as visible escapes', () => {
    expect(terminalSafe('a\u001b]0;title\u0007b')).toBe('a\\u001b]0;title\\u0007b');
    expect(terminalSafe('\u009b31m\r\u202e\u2066\u007f')).toBe('\\u009b31m\\u000d\\u202e\\u2066\\u007f');
  });

  it('keeps tabs, newlines and ordinary text of any script as they are', () => {
    expect(terminalSafe('a\tb\nΑθήνα 中文 😀 — ok')).toBe('a\tb\nΑθήνα 中文 😀 — ok');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const safe = terminalSafe(text);
        expect(safe).not.toMatch(UNSAFE);
        if (!UNSAFE.test(text)) expect(safe).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps JSON output valid and equal to what it held', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Compared with the plain JSON round trip: JSON itself turns -0 into 0.
        const text = JSON.stringify(value, null, 2);
        expect(JSON.parse(terminalSafe(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('CLI lines that quote input', () => {
  it('plan: names with ESC/OSC/C1/bidi bytes from an NSR are printed escaped (repro)', async () => {
    const dir = await tempDir();
    const request = join(dir, 'evil.json');
    await writeFile(request, JSON.stringify({ instance_id: EVIL_ID, in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: EVIL_PORT, order: 0 }] }));
    const r = await cli('plan', '--topology', 'resources/sample/sample-wan.json', '--request', request);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.stderr).toContain('pop-\\u001b[2J\\u009b31m\\u202eevil\\u000d');
    expect(r.stderr).toContain('x\\u001b]0;pwned\\u0007');
  });

  it('plan: a bad prefix is quoted escaped', async () => {
    const dir = await tempDir();
    const request = join(dir, 'evil.json');
    await writeFile(request, JSON.stringify({ instance_id: 'x', in_seg: '192.168.10.0/24\u001b]0;pwned\u0007', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }] }));
    const r = await cli('plan', '--topology', 'resources/sample/sample-wan.json', '--request', request);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.stderr).toMatch(/\\u001b\]0;pwned\\u0007/);
  });

  it('inspect: JSON on stdout stays parseable and carries the same names', async () => {
    const dir = await tempDir();
    const request = join(dir, 'evil.json');
    await writeFile(request, JSON.stringify({ instance_id: 'svc\u009b\u202e', in_seg: '192.168.10.0/24', out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }] }));
    const r = await cli('inspect', request);
    expect(r.stdout).not.toMatch(UNSAFE);
    const out = JSON.parse(r.stdout) as { services: { name: string }[] };
    expect(out.services[0]?.name).toContain('svc\u009b\u202e');
  });

  it('an option value from the command line is escaped too', async () => {
    const r = await cli('serve', '--port', '\u001b]0;x\u0007');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--port '\\u001b]0;x\\u0007' is not a TCP port");
  });
});

describe('stderr logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('escapes controls and cuts stack traces to their message unless WICM_DEBUG', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((t) => (lines.push(String(t)), true));
    const error = new SyntaxError('bad \u001b]0;x\u0007 value');
    createStderrLogger({ stacks: false }).error('export.run failed', error.stack);
    createStderrLogger({ stacks: true }).error('export.run failed', error.stack);
    expect(lines[0]).toBe('[wicm] error export.run failed SyntaxError: bad \\u001b]0;x\\u0007 value\n');
    expect(lines[1]).toMatch(/\n\s+at /);
    expect(lines.join('')).not.toMatch(UNSAFE);
  });
});

describe('invalid JSON in services.chain (repro)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('export names the service and the field, exits 2, prints no stack', async () => {
    const dir = await tempDir();
    const { host } = await startTestHost();
    const t = (await host.dispatch('topology.get', {})) as { ok: true; value: { topology: { segments: { prefix: string }[] } } };
    const [a, b] = t.value.topology.segments.map((s) => s.prefix).filter((p) => !p.endsWith('/0'));
    expect((await host.dispatch('services.save', { name: 'svc1', inSegment: a, outSegment: b, chain: ['pop-athens'], reverseChain: null })).ok).toBe(true);
    const path = join(dir, 'p.wicm');
    expect((await host.dispatch('project.saveAs', { path })).ok).toBe(true);
    const SQL = await initSqlJs();
    const db = new SQL.Database(await readFile(path));
    db.run(`UPDATE services SET chain = '["pop-athens", oops'`);
    await writeFile(path, db.export());
    db.close();

    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((t) => (written.push(String(t)), true));
    const r = await cli('export', '--project', path, '--format', 'plan-json');
    expect(r.code).toBe(2);
    // The project check on open finds it first and names the service and the field.
    expect(r.stderr).toMatch(/service 'svc1': the chain is not valid JSON \(at \/services\/0\/chain\)/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(`${r.stderr}${written.join('')}`).not.toMatch(/\n\s+at /);
  });
});
