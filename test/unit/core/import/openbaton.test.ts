import { describe, expect, it } from 'vitest';
import { bare, chains, codes, diagnostic, type Doc, fixture, run, withTopology } from './helpers';

const NSR_ID = '7c1e4a90-3b2f-4d8e-9a61-0f5d2c8b7e13';

/** The reference INSTANTIATE_FINISH event (fresh copy). */
function event(): Doc {
  return fixture('reference/openbaton-nsr-instantiate.json');
}

/** A VNF record with one VDU in `vim` (or with the given VDU fields). */
function vnf(name: string, vdu: Record<string, unknown> | string, type = name): Doc {
  return { name, type, vdu: [typeof vdu === 'string' ? { vimInstanceName: [vdu] } : vdu] };
}

/** A dependency record: `sources` → `target`. */
function dep(target: string, ...sources: string[]): Doc {
  return { target, idType: Object.fromEntries(sources.map((s) => [s, s])) };
}

/** An INSTANTIATE_FINISH event with the given VNFs and dependencies. */
function nsr(vnfr: unknown[], deps: unknown[] = []): Doc {
  return { action: 'INSTANTIATE_FINISH', payload: { id: 'ns-1', name: 'ns', vnfr, vnf_dependency: deps } };
}

describe('Open Baton import', () => {
  it('follows vnf_dependency and collapses co-located VNFs into one hop (§7.11)', () => {
    const result = run(event());
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
    expect(result.services[0]?.attributes.hops).toEqual([
      { pop: 'pop-athens', members: ['firewall', 'dpi'] },
      { pop: 'pop-patras', members: ['nat'] },
    ]);
    expect(result.services[0]?.inSegment).toBeNull();
    expect(result.services[0]?.outSegment).toBeNull();
  });

  it('is independent of the (hash-set) order of vnfr and vnf_dependency (§7.4)', () => {
    const doc = event();
    doc.payload.vnfr.reverse();
    doc.payload.vnf_dependency.reverse();
    expect(chains(run(doc))).toEqual([['pop-athens', 'pop-patras']]);
  });

  it('a return to an earlier PoP is a new hop (A → B → A, §7.11)', () => {
    const doc = nsr([vnf('a', 'athens'), vnf('b', 'patras'), vnf('c', 'athens')], [dep('b', 'a'), dep('c', 'b')]);
    expect(chains(run(doc))).toEqual([['athens', 'patras', 'athens']]);
  });

  it('reads vimInstanceName as a string (Open Baton 0.9–1.x, §7.1)', () => {
    const doc = event();
    for (const v of doc.payload.vnfr) v.vdu[0].vimInstanceName = v.vdu[0].vimInstanceName[0];
    expect(chains(run(doc))).toEqual([['pop-athens', 'pop-patras']]);
  });

  it('strips an availability zone ("vim:az", §7.1)', () => {
    const doc = event();
    doc.payload.vnfr[2].vdu[0].vimInstanceName = ['pop-patras:nova-az2'];
    const result = run(doc);
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
    expect(codes(result)).toContain('AVAILABILITY_ZONE_STRIPPED');
  });

  it('falls back to the deployed VNFC vim_id when vimInstanceName is empty (§7.1)', () => {
    const doc = event();
    doc.payload.vnfr[2].vdu[0].vimInstanceName = [];
    const result = run(doc);
    expect(chains(result)).toEqual([['pop-athens', 'b2e1d0c9-8f7a-4b6c-9d5e-4f3a2b1c0d9e']]);
    expect(diagnostic(result, 'VIM_FROM_INSTANCE').pointer).toBe('/payload/vnfr/2/vdu/0/vnfc_instance/0/vim_id');
  });

  it('refuses a VNF with neither a VIM name nor a deployed VNFC (§7.1, §7.2)', () => {
    const doc = event();
    delete doc.payload.vnfr[2].vdu[0].vimInstanceName;
    delete doc.payload.vnfr[2].vdu[0].vnfc_instance;
    const result = run(doc);
    expect(result.services).toEqual([]);
    expect(diagnostic(result, 'NO_VIM')).toMatchObject({ severity: 'error', pointer: '/payload/vnfr/2/vdu/0/vimInstanceName' });
  });

  it('picks among several candidate VIMs with the VNFC vim_id when the project knows it (§7.1)', () => {
    const doc = event();
    doc.payload.vnfr[2].vdu[0].vimInstanceName = ['pop-athens', 'pop-patras'];
    doc.payload.vnfr[2].vdu[0].vnfc_instance[0].vim_id = 'vim-patras';
    const result = run(doc, withTopology);
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
    expect(codes(result)).toContain('VIM_CHOSEN_BY_INSTANCE');
  });

  it('warns when several candidate VIMs cannot be told apart (§7.1)', () => {
    const doc = event();
    doc.payload.vnfr[2].vdu[0].vimInstanceName = ['pop-patras', 'pop-athens'];
    const result = run(doc);
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
    expect(diagnostic(result, 'AMBIGUOUS_VIM').severity).toBe('warning');
  });

  it('imports VNFs without floating IPs, IPs or VNFC instances (§7.2)', () => {
    const doc = event();
    for (const v of doc.payload.vnfr) {
      delete v.vdu[0].vnfc_instance;
    }
    doc.payload.vnfr[0].vdu[0].vnfc_instance = [{ hostname: 'fw-1', floatingIps: [], ips: [] }];
    const result = run(doc);
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
    expect(codes(result, 'error')).toEqual([]);
    expect((result.services[0]?.attributes.vnfs as Doc[])[0]).toMatchObject({ hostnames: ['fw-1'], floatingIps: [], privateIps: [] });
  });

  it('reports a VNF whose VDUs sit in different PoPs (§7.3)', () => {
    const doc = event();
    doc.payload.vnfr[1].vdu.push({ vimInstanceName: ['pop-patras'] });
    const result = run(doc);
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
    expect(diagnostic(result, 'VNF_SPANS_POPS').message).toContain('pop-athens, pop-patras');
  });

  it('orders VNFs by name, with a warning, when there are no dependencies (§7.4)', () => {
    const result = run(nsr([vnf('nat', 'patras'), vnf('fw', 'athens')]));
    expect(chains(result)).toEqual([['athens', 'patras']]);
    expect(diagnostic(result, 'CHAIN_ORDER_UNDETERMINED').severity).toBe('warning');
  });

  it('needs no order when all VNFs share one PoP (§7.4, §7.12 chain of length 1)', () => {
    const result = run(nsr([vnf('nat', 'athens'), vnf('fw', 'athens')]));
    expect(chains(result)).toEqual([['athens']]);
    expect(codes(result, 'warning')).toEqual([]);
    expect(codes(result)).toContain('CHAIN_ORDER_IRRELEVANT');
  });

  it('reports fan-out and keeps every VNF (§7.5)', () => {
    const doc = nsr([vnf('a', 'p1'), vnf('b', 'p2'), vnf('c', 'p3')], [dep('b', 'a'), dep('c', 'a')]);
    const result = run(doc);
    expect(chains(result)).toEqual([['p1', 'p2', 'p3']]);
    expect(diagnostic(result, 'DEPENDENCY_FAN_OUT').message).toContain('"a"');
  });

  it('reports fan-in (several idType keys in one record) and keeps every VNF (§7.5)', () => {
    const doc = nsr([vnf('a', 'p1'), vnf('b', 'p2'), vnf('c', 'p3')], [dep('c', 'a', 'b')]);
    const result = run(doc);
    expect(chains(result)).toEqual([['p1', 'p2', 'p3']]);
    expect(diagnostic(result, 'DEPENDENCY_FAN_IN').message).toContain('"c"');
  });

  it('refuses a dependency cycle and names it (§7.5)', () => {
    const doc = nsr([vnf('a', 'p1'), vnf('b', 'p2'), vnf('c', 'p3')], [dep('b', 'a'), dep('c', 'b'), dep('a', 'c')]);
    const result = run(doc);
    expect(result.services).toEqual([]);
    const cycle = diagnostic(result, 'DEPENDENCY_CYCLE');
    expect(cycle.severity).toBe('error');
    expect(cycle.message).toMatch(/a → b → c → a|b → c → a → b|c → a → b → c/);
    expect(cycle.pointer).toMatch(/^\/payload\/vnf_dependency\/\d$/);
  });

  it('refuses a self-dependency as a cycle (§7.5)', () => {
    const result = run(nsr([vnf('a', 'p1'), vnf('b', 'p2')], [dep('a', 'a'), dep('b', 'a')]));
    expect(diagnostic(result, 'DEPENDENCY_CYCLE').message).toContain('a → a');
  });

  it('joins disconnected sub-chains with a warning and drops no VNF (§7.5)', () => {
    const doc = nsr([vnf('d', 'p4'), vnf('c', 'p3'), vnf('b', 'p2'), vnf('a', 'p1')], [dep('b', 'a'), dep('d', 'c')]);
    const result = run(doc);
    expect(chains(result)).toEqual([['p1', 'p2', 'p3', 'p4']]);
    expect(diagnostic(result, 'DISJOINT_CHAINS').message).toContain('a → b | c → d');
  });

  it('ignores dangling dependency names with a warning (§7.5)', () => {
    const doc = nsr([vnf('a', 'p1'), vnf('b', 'p2')], [dep('b', 'a'), dep('ghost', 'a'), dep('b', 'phantom')]);
    const result = run(doc);
    expect(chains(result)).toEqual([['p1', 'p2']]);
    expect(result.diagnostics.filter((d) => d.code === 'DANGLING_DEPENDENCY').map((d) => d.pointer)).toEqual([
      '/payload/vnf_dependency/1/target',
      '/payload/vnf_dependency/2/idType/phantom',
    ]);
  });

  it('tells the user the chain follows configuration order, which they may flip (§7.6)', () => {
    expect(diagnostic(run(event()), 'CHAIN_FROM_DEPENDENCIES').hint).toMatch(/flip/);
  });

  it('notes VNFs of the same type (parameters keyed by type) without changing the chain (§7.7)', () => {
    const doc = nsr([vnf('fw1', 'p1', 'fw'), vnf('fw2', 'p2', 'fw')], [dep('fw2', 'fw1')]);
    const result = run(doc);
    expect(chains(result)).toEqual([['p1', 'p2']]);
    expect(codes(result)).toContain('DUPLICATE_VNF_TYPE');
  });

  it('refuses a VNFR event, which carries no chain (§7.8)', () => {
    const vnfr = event().payload.vnfr[0];
    const result = run({ action: 'UPDATEVNFR', payload: vnfr });
    expect(result.format).toBe('openbaton');
    expect(diagnostic(result, 'OPENBATON_VNFR_EVENT').severity).toBe('error');
  });

  it('imports the NSR of another action with a warning, and flags an ERROR status (§7.8)', () => {
    const doc = event();
    doc.action = 'SCALED';
    doc.payload.status = 'ERROR';
    const result = run(doc);
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
    expect(codes(result, 'warning')).toEqual(['UNEXPECTED_ACTION', 'NS_STATUS']);
  });

  it('turns a release (also with an empty vnfr) into a deletion by full id, idempotently (§7.8, §7.21)', () => {
    const release = fixture('reference/openbaton-nsr-release.json');
    const first = run(release);
    const again = run(release);
    expect(first.deletions).toEqual([NSR_ID]);
    expect(again).toEqual(first);
    expect(first.services).toEqual([]);
  });

  it('imports a bare NSR (no envelope)', () => {
    const result = run(event().payload);
    expect(result.format).toBe('openbaton');
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
  });

  it('ignores version-specific and unknown fields (§7.9)', () => {
    const doc = event();
    for (const v of doc.payload.vnfr) {
      v.version = 3;
      delete v.hb_version;
      v.hbVersion = 12;
      v.cyclicDependency = false;
      v.shared = true;
      v.metadata = { anything: [1, 2] };
    }
    doc.payload.somethingNew = { x: 1 };
    expect(chains(run(doc))).toEqual([['pop-athens', 'pop-patras']]);
  });

  it('keeps the full NSR id and offers the demi-wicm short id only as an attribute (§7.10)', () => {
    const service = run(event()).services[0]!;
    expect(service.id).toBe(NSR_ID);
    expect(service.provenance.recordId).toBe(NSR_ID);
    expect(service.attributes.shortId).toBe('7c1e4a90');
  });

  it('refuses an NSR without VNF records (§7.12 chain of length 0)', () => {
    const result = run(nsr([]));
    expect(result.services).toEqual([]);
    expect(diagnostic(result, 'NO_VNFS').severity).toBe('error');
  });

  it('reports VIM names unknown to the project, with a suggestion (§7.13)', () => {
    const doc = event();
    doc.payload.vnfr[2].vdu[0].vimInstanceName = ['pop-patra'];
    const result = run(doc, withTopology);
    const unknown = diagnostic(result, 'UNKNOWN_POP');
    expect(unknown).toMatchObject({ severity: 'error', pointer: '/payload/vnfr/2/vdu/0/vimInstanceName/0' });
    expect(unknown.message).toContain('Did you mean "pop-patras"');
    expect(unknown.hint).toContain('Known PoPs: pop-athens, pop-patras, pop-core');
    expect(result.services).toHaveLength(1);
  });

  it('matches VIM names to PoPs ignoring case (§7.13)', () => {
    const doc = event();
    doc.payload.vnfr[2].vdu[0].vimInstanceName = ['POP-Patras'];
    const result = run(doc, withTopology);
    expect(codes(result, 'error')).toEqual([]);
    expect(chains(result)).toEqual([['pop-athens', 'POP-Patras']]);
  });

  it('collapses consecutive VNFs in one PoP known under two aliases (§7.11, §7.13)', () => {
    const doc = event();
    doc.payload.vnfr[1].vdu[0].vimInstanceName = ['vim-athens'];
    const result = run(doc, withTopology);
    expect(chains(result)).toEqual([['pop-athens', 'pop-patras']]);
  });

  it('leaves segments to the project defaults, and warns when the project has none (§7.15)', () => {
    expect(diagnostic(run(event(), withTopology), 'DEFAULT_SEGMENTS').severity).toBe('info');
    const noDefaults = { ...withTopology, topology: { ...withTopology.topology!, defaults: { sourceSegment: null, targetSegment: null } } };
    expect(diagnostic(run(event(), noDefaults), 'NO_DEFAULT_SEGMENT')).toMatchObject({ severity: 'warning', pointer: '/payload' });
  });

  it('reports wrong types with a pointer instead of failing (bad input)', () => {
    const doc = event();
    doc.payload.vnfr = 'firewall,dpi,nat';
    const result = run(doc, bare, 'openbaton');
    expect(diagnostic(result, 'WRONG_TYPE')).toMatchObject({ severity: 'error', pointer: '/payload/vnfr' });
    expect(result.services).toEqual([]);
  });
});
