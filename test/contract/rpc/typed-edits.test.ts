import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopologyDto } from '../../../core/contract/dto';
import type { Envelope } from '../../../core/contract/errors';
import { startHttpTransport, type HttpTransport } from '../../../electron/host/http';
import { startTestHost } from './engine-fixture';

/** A call that also says which HTTP status came back (200 in-process when ok, else by code). */
type Call = (method: string, req: unknown) => Promise<{ status: number; envelope: Envelope }>;

const STATUS: Readonly<Record<string, number>> = { INVALID_INPUT: 400, PARSE_FAILED: 400, NOT_FOUND: 404, CONFLICT: 409, INTERNAL: 500 };

interface Fixture {
  readonly call: Call;
  readonly topology: () => Promise<TopologyDto>;
  close(): Promise<void>;
}

async function inProcess(): Promise<Fixture> {
  const { host } = await startTestHost();
  return fixture(async (method, req) => {
    const envelope = await host.dispatch(method, req);
    return { status: envelope.ok ? 200 : (STATUS[envelope.error.code] ?? 500), envelope };
  });
}

async function overHttp(): Promise<Fixture> {
  const { host } = await startTestHost('browser');
  const transport: HttpTransport = await startHttpTransport({ dispatch: host.dispatch, onEvent: host.onEvent, rendererDir: null, port: 0 });
  const call: Call = async (method, req) => {
    const res = await fetch(`${transport.url}rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${transport.token}` },
      body: JSON.stringify(req),
    });
    return { status: res.status, envelope: (await res.json()) as Envelope };
  };
  return fixture(call, () => transport.close());
}

function fixture(call: Call, close: () => Promise<void> = async () => {}): Fixture {
  return {
    call,
    close,
    topology: async () => {
      const { envelope } = await call('topology.get', {});
      if (!envelope.ok) throw new Error(envelope.error.message);
      return (envelope.value as { topology: TopologyDto }).topology;
    },
  };
}

for (const [name, start] of [
  ['in-process dispatch', inProcess],
  ['HTTP on 127.0.0.1', overHttp],
] as const) {
  describe(`topology.update is schema-checked per kind (${name})`, () => {
    let fx: Fixture;
    let t: TopologyDto;
    beforeAll(async () => {
      fx = await start();
      t = await fx.topology();
    });
    afterAll(async () => fx.close());

    const refused = async (kind: string, id: string, changes: unknown, pointer: string): Promise<string> => {
      const { status, envelope } = await fx.call('topology.update', { kind, id, changes });
      expect(status).toBe(400);
      if (envelope.ok) throw new Error('accepted');
      expect(envelope.error.code).toBe('INVALID_INPUT');
      expect(envelope.error.details).toMatchObject({ issues: [expect.objectContaining({ pointer })] });
      expect(envelope.error.message).not.toMatch(/SQLite|column|constraint|bind/i);
      return envelope.error.message;
    };

    it('wrong types are 400 with the pointer, never 500 with SQLite text (repro)', async () => {
      const [bridge, port, segment, pop, nap] = [t.bridges[0]!, t.ports[0]!, t.segments[0]!, t.pops[0]!, t.naps[0]!];
      await refused('bridge', bridge.id, { name: 5 }, '/changes/name');
      await refused('bridge', bridge.id, { kind: 7 }, '/changes/kind');
      await refused('bridge', bridge.id, { datapathId: { a: 1 } }, '/changes/datapathId');
      await refused('port', port.id, { ofPort: 'x' }, '/changes/ofPort');
      await refused('port', port.id, { ofPort: { a: 1 } }, '/changes/ofPort');
      await refused('port', port.id, { ofPort: 70000 }, '/changes/ofPort');
      await refused('segment', segment.id, { prefix: 5 }, '/changes/prefix');
      await refused('segment', segment.id, { name: [1] }, '/changes/name');
      await refused('pop', pop.id, { name: null }, '/changes/name');
      await refused('nap', nap.id, { cePortId: true }, '/changes/cePortId');
      await refused('bridge', bridge.id, 'name=x', '/changes');
      expect(await fx.topology()).toEqual(t);
    });

    it('aliases:"x" is refused, not split into characters (repro)', async () => {
      const pop = t.pops[0]!;
      await refused('pop', pop.id, { aliases: 'x' }, '/changes/aliases');
      expect((await fx.topology()).pops[0]!.aliases).toEqual(pop.aliases);
    });

    it('a misspelt or unknown key is refused with its pointer and the fields the kind has (repro)', async () => {
      const pop = t.pops[0]!;
      const message = await refused('pop', pop.id, { nmae: 'pop-x' }, '/changes/nmae');
      expect(message).toMatch(/\/changes\/nmae: is not a field of a PoP; its fields are name, portId, aliases/);
      expect(await refused('bridge', t.bridges[0]!.id, { id: 'br-x' }, '/changes/id')).toMatch(/id is fixed/);
      await refused('link', t.links[0]!.id, { name: 'l' }, '/changes/name');
    });

    it('references and names are checked with element names, not database errors', async () => {
      const nap = t.naps[0]!;
      const missing = await fx.call('topology.update', { kind: 'nap', id: nap.id, changes: { cePortId: 'pt-nope' } });
      expect(missing.status).toBe(404);
      expect(missing.envelope).toMatchObject({ ok: false, error: { message: "No port with id 'pt-nope' in this project." } });
      const taken = await fx.call('topology.update', { kind: 'bridge', id: t.bridges[0]!.id, changes: { name: t.bridges[1]!.name } });
      expect(taken.status).toBe(409);
      expect(taken.envelope).toMatchObject({ ok: false, error: { message: `Bridge '${t.bridges[1]!.name}' already exists; choose another name.` } });
    });

    it('valid edits still apply, with the values trimmed and typed', async () => {
      const pop = t.pops[1]!;
      const { status } = await fx.call('topology.update', { kind: 'pop', id: pop.id, changes: { name: '  pop-renamed ', aliases: ['a1', 'a2'] } });
      expect(status).toBe(200);
      const after = (await fx.topology()).pops.find((p) => p.id === pop.id)!;
      expect(after).toMatchObject({ name: 'pop-renamed', aliases: ['a1', 'a2'] });
      const port = t.ports[0]!;
      expect((await fx.call('topology.update', { kind: 'port', id: port.id, changes: { ofPort: null } })).status).toBe(200);
    });
  });
}

/** Generated changes: wrong types, unknown keys, deep nesting, now and then a valid value. */
const anyValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 70000, '', ' ', 'x', '10.0.0.0/33', '::/0', [], {}, ['x'], [1], { a: 1 }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 60, max: 200 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown),
);
const FIELDS = ['name', 'kind', 'controllerId', 'datapathId', 'bridgeId', 'ofPort', 'aPortId', 'bPortId', 'prefix', 'portId', 'aliases', 'cePortId', 'pePortId', 'id', 'nmae', '__proto__', 'constructor'];
const changes = fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 4 }), anyValue);
const KINDS = ['bridge', 'port', 'link', 'segment', 'pop', 'nap', 'vlanPool', 'x', 5] as const;

describe('topology.update fuzz: 0 × 5xx', () => {
  for (const [name, start, runs] of [
    ['in-process', inProcess, 400],
    ['HTTP', overHttp, 200],
  ] as const) {
    it(`${name}: ${runs} generated edits, never INTERNAL, and the engine keeps answering`, async () => {
      const fx = await start();
      try {
        const t = await fx.topology();
        const ids = [...t.bridges, ...t.ports, ...t.links, ...t.segments, ...t.pops, ...t.naps].map((e) => e.id);
        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...KINDS), fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 8 })), changes, async (kind, id, change) => {
            const { status, envelope } = await fx.call('topology.update', { kind, id, changes: change });
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            expect(status, JSON.stringify(envelope)).toBeLessThan(500);
          }),
          { numRuns: runs },
        );
        expect((await fx.call('app.info', {})).status).toBe(200);
        expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
      } finally {
        await fx.close();
      }
    });
  }
});
