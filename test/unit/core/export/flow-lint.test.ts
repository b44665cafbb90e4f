import { describe, expect, it } from 'vitest';
import type { BridgeDto } from '../../../../core/contract/dto';
import { lintFlows, type FlowEntry, type FlowMatch } from '../../../../core/drivers';
import { parseCanonicalPrefix } from '../../../../core/net';
import { topology } from './sample';

const bridge = topology.bridges[0] as BridgeDto;

function p(text: string) {
  const parsed = parseCanonicalPrefix(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.prefix;
}

function flow(over: Partial<Omit<FlowEntry, 'match'>> & { match?: Partial<FlowMatch> } = {}): FlowEntry {
  const { match, ...rest } = over;
  return {
    serviceId: 'svc1',
    direction: 'forward',
    seq: 0,
    bridge,
    cookie: '0x5743000000000001',
    cookieMask: null,
    table: 0,
    priority: 40096,
    actions: [{ type: 'output', port: 2 }],
    pointer: '/plans/0/forward/rules/0',
    note: '',
    ...rest,
    match: { inPort: 1, vlan: null, ethType: 0x0800, src: p('10.0.1.0/24'), dst: p('10.0.9.0/24'), ...match },
  };
}

const codes = (flows: FlowEntry[]): string[] => lintFlows(flows, topology).map((d) => `${d.severity}:${d.code}`);

describe('exporter lint rules (controllers.md §3.5)', () => {
  it('accepts a well-formed flow', () => {
    expect(codes([flow()])).toEqual([]);
  });

  it('1: an address match without ip/ipv6, or with the other family', () => {
    expect(codes([flow({ match: { ethType: null } })])).toEqual(['error:OVS_L3_WITHOUT_ETH_TYPE']);
    expect(codes([flow({ match: { ethType: 0x86dd } })])).toEqual(['error:OVS_ETH_TYPE_MISMATCH']);
    expect(codes([flow({ match: { ethType: null, src: null, dst: null } })])).toEqual([]);
  });

  it('2: popping (or setting) a tag that is not guaranteed', () => {
    expect(codes([flow({ actions: [{ type: 'strip_vlan' }, { type: 'output', port: 2 }] })])).toEqual(['error:OVS_POP_WITHOUT_TAG']);
    expect(codes([flow({ actions: [{ type: 'set_field_vlan_vid', value: 4496 }, { type: 'output', port: 2 }] })])).toEqual(['error:OVS_POP_WITHOUT_TAG']);
    expect(codes([flow({ match: { vlan: 400 }, actions: [{ type: 'strip_vlan' }, { type: 'output', port: 2 }] })])).toEqual([]);
    expect(codes([flow({ actions: [{ type: 'mod_vlan_vid', vid: 400 }, { type: 'strip_vlan' }, { type: 'output', port: 2 }] })])).toEqual([]);
    expect(
      codes([flow({ match: { vlan: 400 }, actions: [{ type: 'strip_vlan' }, { type: 'strip_vlan' }, { type: 'output', port: 2 }] })]),
    ).toEqual(['error:OVS_POP_WITHOUT_TAG']);
  });

  it('3: VLAN values', () => {
    expect(codes([flow({ match: { vlan: 400 }, actions: [{ type: 'set_field_vlan_vid', value: 400 }, { type: 'output', port: 2 }] })])).toEqual(['error:OVS_SET_FIELD_VLAN']);
    expect(codes([flow({ match: { vlan: 400 }, actions: [{ type: 'set_field_vlan_vid', value: 4496 }, { type: 'output', port: 2 }] })])).toEqual([]);
    expect(codes([flow({ actions: [{ type: 'mod_vlan_vid', vid: 4096 }, { type: 'output', port: 2 }] })])).toEqual(['error:OVS_VLAN_RANGE']);
    expect(codes([flow({ match: { vlan: 5000 } })])).toEqual(['error:OVS_VLAN_RANGE']);
  });

  it('4: a cookie mask on an add', () => {
    expect(codes([flow({ cookieMask: '-1' })])).toEqual(['error:OVS_COOKIE_MASK_ON_ADD']);
  });

  it('5: priority, table and port numbers', () => {
    expect(codes([flow({ priority: 70000 })])).toEqual(['error:OVS_PRIORITY_RANGE']);
    expect(codes([flow({ table: 255 })])).toEqual(['error:OVS_TABLE_RANGE']);
    expect(codes([flow({ match: { inPort: 9 } })])).toEqual(['error:OVS_UNKNOWN_PORT']);
    expect(codes([flow({ actions: [{ type: 'output', port: 7 }] })])).toEqual(['error:OVS_UNKNOWN_PORT']);
    expect(codes([flow({ actions: [{ type: 'output', port: 1 }] })])).toEqual(['error:OVS_OUTPUT_TO_IN_PORT']);
  });

  it('6: identical matches collide, overlapping ones at the same priority are flagged', () => {
    expect(codes([flow(), flow({ seq: 1, actions: [{ type: 'output', port: 3 }] })])).toEqual(['error:FLOW_COLLISION']);
    expect(codes([flow(), flow({ seq: 1 })])).toEqual(['error:FLOW_COLLISION']);
    expect(codes([flow(), flow({ match: { src: p('10.0.0.0/16') }, actions: [{ type: 'output', port: 3 }] })])).toEqual(['warning:FLOW_OVERLAP']);
    expect(codes([flow(), flow({ match: { src: p('10.0.0.0/16') } })])).toEqual([]);
    expect(codes([flow(), flow({ match: { src: p('10.0.2.0/24') }, actions: [{ type: 'output', port: 3 }] })])).toEqual([]);
    expect(codes([flow(), flow({ priority: 40097, actions: [{ type: 'output', port: 3 }] })])).toEqual([]);
    expect(codes([flow({ match: { vlan: 400 } }), flow({ match: { vlan: 401 }, actions: [{ type: 'output', port: 3 }] })])).toEqual([]);
    expect(codes([flow(), flow({ bridge: topology.bridges[1] as BridgeDto, match: { inPort: 1 } })])).toEqual([]);
  });
});
