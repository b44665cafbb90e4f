// The diff of two hand-edited topology files (test/fixtures/diff/a.json → b.json: a PoP renamed,
// a prefix changed, aliases dropped, a port's number changed, a link replaced, ports removed
// and added, a VLAN pool added), with services planned on each side.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ServiceDto } from '../../../../core/contract/dto';
import { diffProjects, diffText, type DiffSide } from '../../../../core/diff';
import { parseTopologyJson } from '../../../../core/store/documents';
import { expectGoldenJson, FIXTURES_DIR } from '../../../helpers/golden';

function side(file: string, services: readonly ServiceDto[] = []): DiffSide {
  const { topology } = parseTopologyJson(readFileSync(`${FIXTURES_DIR}diff/${file}`, 'utf8'));
  return { label: file, kind: 'topology-file', topology, services };
}

function service(id: string, name: string, chain: readonly string[], state: ServiceDto['state'] = 'planned'): ServiceDto {
  return { id, name, inSegment: '192.168.10.0/24', outSegment: '10.20.0.0/24', chain, reverseChain: null, state, provenance: null, attributes: {} };
}

const TOPOLOGY_TEXT = `Comparing a.json (A) with b.json (B): 11 topology, 0 service and 0 rule changes.

Topology
  - port vbr1/if_vbr1_vbr3
      ofPort: 5
  ~ port vbr2/if_internet
      ofPort: 3 → 7
  + port vbr2/if_vbr2_lab
      ofPort: 6
  + port vbr3/if_vbr3_lab
      ofPort: 6
  - port vbr3/if_vbr3_vbr1
      ofPort: 4
  - link vbr1/if_vbr1_vbr3 — vbr3/if_vbr3_vbr1
  + link vbr2/if_vbr2_lab — vbr3/if_vbr3_lab
  ~ segment 10.31.0.0/24 on vbr3/if_crete_lan
      prefix: 10.30.0.0/24 → 10.31.0.0/24
  ~ PoP pop-achaia
      name: pop-patras → pop-achaia
  ~ PoP pop-athens
      aliases: [6e1f2a3b-4c5d-4e6f-9a0b-1c2d3e4f5a6b, edge-athens, edge-vim-athens, nfvi1, vim-athens] → [6e1f2a3b-4c5d-4e6f-9a0b-1c2d3e4f5a6b, edge-athens, edge-vim-athens, vim-athens]
  + VLAN pool on vbr2/if_patras
      ranges: [400-450]
`;

describe('diff of two topology files', () => {
  it('reports every hand edit, by name, sorted by kind then name', () => {
    expect(diffText(diffProjects(side('a.json'), side('b.json')))).toBe(TOPOLOGY_TEXT);
  });

  it('says identical, with no changes, for a file and itself', () => {
    const diff = diffProjects(side('a.json', [service('s1', 'web', ['vim-athens'])]), side('a.json', [service('s1', 'web', ['vim-athens'])]));
    expect(diff.identical).toBe(true);
    expect(diff.counts).toEqual({ topology: 0, services: 0, rules: 0 });
    expect(diffText(diff)).toBe('a.json and a.json are identical.\n');
  });

  it('swaps added and removed when the sides swap', () => {
    const forward = diffProjects(side('a.json'), side('b.json'));
    const backward = diffProjects(side('b.json'), side('a.json'));
    const flip = { added: 'removed', removed: 'added', changed: 'changed' } as const;
    expect(backward.topology.map((e) => `${e.kind} ${flip[e.change]}`).sort()).toEqual(forward.topology.map((e) => `${e.kind} ${e.change}`).sort());
  });

  it('matches by name when ids differ (two projects made separately)', () => {
    const a = side('a.json');
    const renamed = JSON.parse(JSON.stringify(a.topology).replace(/("id"|PortId"|"portId"|"bridgeId"):"/g, '$1:"x-')) as DiffSide['topology'];
    const diff = diffProjects(a, { ...a, label: 'copy', topology: renamed });
    expect(diff.topology).toEqual([]);
    expect(diff.identical).toBe(true);
  });

  it('reports service changes (chain, state, allocations) and the rules per bridge', () => {
    const a = side('a.json', [service('s1', 'web', ['vim-athens', 'vim-patras']), service('s2', 'old', ['pop-heraklion'])]);
    const b = side('b.json', [service('s1', 'web', ['vim-athens', 'vim-patras'], 'pushed'), service('s3', 'new', ['pop-heraklion', 'pop-achaia'])]);
    const diff = diffProjects(a, b);
    expect(diff.services.map((s) => `${s.change} ${s.name}`)).toEqual(['added new', 'removed old', 'changed web']);
    expect(diff.services[2]!.fields).toEqual([
      { field: 'state', before: 'planned', after: 'pushed' },
      { field: 'vlans', before: [], after: ['vbr2/if_patras 400 forward', 'vbr2/if_patras 401 reverse'] },
    ]);
    expect(diff.rules.map((g) => g.bridge)).toEqual(['vbr1', 'vbr2', 'vbr3']);
    const vbr2 = diff.rules[1]!.rules.filter((r) => r.service === 'web').map((r) => `${r.change} ${r.direction} ${r.inPort} → ${r.outPort} ${r.vlan ?? ''}`);
    expect(vbr2).toEqual([
      'removed forward vbr2/if_vbr2_vbr1 → vbr2/if_patras ',
      'added forward vbr2/if_vbr2_vbr1 → vbr2/if_patras 400',
      'removed reverse vbr2/if_internet → vbr2/if_patras ',
      'added reverse vbr2/if_internet → vbr2/if_patras 401',
    ]);
    expect(diff.counts).toEqual({ topology: 11, services: 3, rules: 24 });
    expectGoldenJson('diff/expected.diff.json', diff);
  });
});
