import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DiagnosticDto } from '../../../../core/contract/dto';
import { exportPlans, topologyYaml } from '../../../../core/export';
import { parseTopologyJson, parseTopologyYaml } from '../../../../core/store/documents';
import { CoreError } from '../../../../core/util/core-error';
import { expectGolden } from '../../../helpers/golden';
import { arbitraryTopology, canonical } from './topology-yaml-arbitrary';

const sample = parseTopologyJson(readFileSync('resources/sample/sample-wan.json', 'utf8'));

function problems(text: string): { code: string; diagnostics: DiagnosticDto[] } {
  try {
    parseTopologyYaml(text);
  } catch (e) {
    if (e instanceof CoreError) return { code: e.code, diagnostics: (e.details as { diagnostics: DiagnosticDto[] }).diagnostics };
    throw e;
  }
  throw new Error('expected the document to be refused');
}

const HAND_WRITTEN = `# The lab WAN, reviewed in git.
schema: wicm-topology-yaml/1
bridges:
  # Athens core switch
  vbr1:
    kind: ovs
    controllerId: br-athens
    ports:
      eth1: { ofPort: 1 } # towards the customer
      eth2: { ofPort: 2 }
  vbr2:
    kind: ovs
    controllerId: br-patras # renamed in 2023
    ports:
      eth1: {}
      eth9: {}
segments:
  - port: vbr1/eth1
    prefix: 192.168.10.0/24
    name: customer LAN # keep this name
uplinks:
  - port: vbr2/eth9
    prefix: 0.0.0.0/0
links:
  # the only trunk
  - a: vbr1/eth2
    b: vbr2/eth1
pops:
  athens:
    port: vbr1/eth1
    aliases: [vim-athens] # as Open Baton calls it
naps: {}
vlanPools:
  vbr1/eth1: { first: 400, last: 500 }
defaults:
  sourceSegment: 192.168.10.0/24
  targetSegment: null
layout:
  bridges:
    vbr1: [0, 0] # top left
`;

describe('topology YAML (wicm-topology-yaml/1)', () => {
  it('writes the sample WAN as the golden file', () => {
    expectGolden('topology/expected.topology-yaml.yaml', exportPlans('topology-yaml', { ...sample, services: [], plans: [] }).text);
  });

  it('reads the sample WAN back: the same topology and positions', () => {
    const back = parseTopologyYaml(topologyYaml(sample));
    expect(canonical(back)).toEqual(canonical(sample));
  });

  it('import ∘ export is the identity on generated topologies, ids included', () => {
    fc.assert(
      fc.property(arbitraryTopology, (model) => {
        const text = topologyYaml(model);
        expect(canonical(parseTopologyYaml(text))).toEqual(canonical(model));
        // Stable: writing what was read gives the same text.
        expect(topologyYaml(parseTopologyYaml(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a hand-written file: ids derived from names, references resolved', () => {
    const { topology, positions } = parseTopologyYaml(HAND_WRITTEN);
    expect(topology.ports.map((p) => p.id)).toEqual(['pt:vbr1/eth1', 'pt:vbr1/eth2', 'pt:vbr2/eth1', 'pt:vbr2/eth9']);
    expect(topology.links).toEqual([{ id: 'ln:vbr1/eth2|vbr2/eth1', aPortId: 'pt:vbr1/eth2', bPortId: 'pt:vbr2/eth1' }]);
    expect(topology.segments.map((s) => [s.prefix, s.portId, s.name])).toEqual([
      ['192.168.10.0/24', 'pt:vbr1/eth1', 'customer LAN'],
      ['0.0.0.0/0', 'pt:vbr2/eth9', null],
    ]);
    expect(topology.vlanPools).toEqual([{ portId: 'pt:vbr1/eth1', first: 400, last: 500 }]);
    expect(positions).toEqual([{ elementId: 'br:vbr1', x: 0, y: 0 }]);
  });

  it('exporting into an existing file keeps its comments and applies the change', () => {
    const model = parseTopologyYaml(HAND_WRITTEN);
    const changed = {
      ...model,
      topology: {
        ...model.topology,
        bridges: model.topology.bridges.map((b) => (b.name === 'vbr2' ? { ...b, controllerId: 'br-patras-2' } : b)),
        pops: [...model.topology.pops, { id: 'pop:patras', name: 'patras', portId: 'pt:vbr2/eth1', aliases: [] }],
      },
    };
    const updated = topologyYaml(changed, { into: HAND_WRITTEN });
    for (const comment of ['# The lab WAN, reviewed in git.', '# Athens core switch', '# towards the customer', '# renamed in 2023', '# keep this name', '# the only trunk', '# as Open Baton calls it', '# top left']) {
      expect(updated).toContain(comment);
    }
    expect(updated).toMatch(/controllerId: br-patras-2 # renamed in 2023/);
    expect(updated).toMatch(/ {2}patras:\n {4}port: vbr2\/eth1/);
    expect(canonical(parseTopologyYaml(updated))).toEqual(canonical(changed));
    // A removed element takes its comment with it; the others stay.
    const withoutLink = topologyYaml({ ...model, topology: { ...model.topology, links: [] } }, { into: HAND_WRITTEN });
    expect(withoutLink).toContain('# towards the customer');
    expect(parseTopologyYaml(withoutLink).topology.links).toEqual([]);
  });

  it('reports YAML syntax errors with their line', () => {
    const bad = problems('schema: wicm-topology-yaml/1\nbridges:\n  vbr1: [\n');
    expect(bad.code).toBe('PARSE_FAILED');
    expect(bad.diagnostics[0]!.message).toMatch(/^Not YAML at line 4, column 1: Flow sequence .*end with a \]$/);
    const twice = problems('schema: wicm-topology-yaml/1\nbridges: {}\nbridges: {}\n');
    expect(twice.diagnostics[0]!.message).toMatch(/line 3/);
  });

  it('refuses absurd nesting as a clear parse error, not a crash', () => {
    const deep = problems(`schema: wicm-topology-yaml/1\nbridges: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(deep.code).toBe('PARSE_FAILED');
    expect(deep.diagnostics[0]!.message).toMatch(/^Not YAML at line 2, column \d+: it nests lists or maps far deeper than a topology does$/);
  });

  it('names a missing element with the line and pointer of the reference', () => {
    const text = HAND_WRITTEN.replace('  - a: vbr1/eth2', '  - a: vbr1/eth7');
    const { code, diagnostics } = problems(text);
    expect(code).toBe('INVALID_INPUT');
    const line = text.split('\n').findIndex((l) => l.includes('vbr1/eth7')) + 1;
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'UNKNOWN_REFERENCE', pointer: '/links/0/a', message: `Unknown port "vbr1/eth7" (line ${line})`, hint: expect.stringMatching(/Declare port "eth7" under bridge "vbr1"/) })]);
  });

  it('reports shapes, prefixes and layout names with lines', () => {
    const text = HAND_WRITTEN.replace('prefix: 192.168.10.0/24', 'prefix: 192.168.10.1/24').replace('kind: ovs\n    controllerId: br-patras', 'kind: switch\n    controllerId: br-patras').replace('    vbr1: [0, 0]', '    vbr9: [0, 0]');
    const { diagnostics } = problems(text);
    const lineOf = (needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['WRONG_VALUE', '/bridges/vbr2/kind'],
      ['PREFIX_NOT_CANONICAL', '/segments/0/prefix'],
    ]);
    expect(diagnostics[0]!.message).toMatch(new RegExp(`\\(line ${lineOf('kind: switch')}\\)$`));
    expect(diagnostics[1]!.message).toMatch(new RegExp(`\\(line ${lineOf('192.168.10.1/24')}\\)$`));
    const misplaced = HAND_WRITTEN.replace('    vbr1: [0, 0]', '    vbr9: [0, 0]');
    const at = misplaced.split('\n').findIndex((l) => l.includes('vbr9')) + 1;
    expect(problems(misplaced).diagnostics).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_REFERENCE', pointer: '/layout/bridges/vbr9', message: `The layout places bridge "vbr9", which the file does not declare (line ${at})` }),
    ]);
  });

  it('refuses an uplink among segments, duplicate segments and empty pools', () => {
    const text = HAND_WRITTEN.replace('prefix: 192.168.10.0/24\n', 'prefix: 0.0.0.0/0\n').replace('{ first: 400, last: 500 }', '{ first: 500, last: 400 }');
    expect(problems(text).diagnostics.map((d) => d.code)).toEqual(['WRONG_SECTION', 'OUT_OF_RANGE']);
  });
});
