import { describe, expect, it } from 'vitest';
import { addressMatch, looksLikeAddress, searchTopology } from '../../../../renderer/lib/search';
import { smallWan } from '../fixtures';

describe('searchTopology', () => {
  const t = smallWan();
  const ids = (q: string): string[] => searchTopology(t, q).map((m) => m.id);

  it('finds nothing for an empty query', () => {
    expect(ids('  ')).toEqual([]);
  });

  it('finds by name, case-insensitively, bridges and PoPs first', () => {
    expect(ids('ATHENS')).toEqual(['pop-a', 'p1a']);
  });

  it('finds segments by prefix or the start of an address', () => {
    expect(ids('172.16.1')).toEqual(['s-ath']);
    expect(ids('10.20.0.0/24')).toEqual(['s-inet']);
  });

  it('finds PoPs by alias and bridges by controller id', () => {
    expect(ids('vim-athens')).toEqual(['pop-a']);
    expect(ids('openflow:3')).toEqual(['b3']);
  });

  it('labels ports with their bridge', () => {
    expect(searchTopology(t, 'if-internet')).toEqual([{ kind: 'port', id: 'p2i', label: 'vbr2 / if-internet' }]);
  });
});

describe('address search', () => {
  it('asks the engine only for whole addresses or prefixes', () => {
    for (const yes of ['10.20.0.9', ' 10.20.0.0/24 ', '2001:db8::1', '::/0', 'fe80:0:0:0:0:0:0:1']) expect(looksLikeAddress(yes), yes).toBe(true);
    for (const no of ['10.20', '10.20.0', 'vbr1', 'if_athens', 'cafe', '10.20.0.9.1']) expect(looksLikeAddress(no), no).toBe(false);
  });

  it('names the segment and port an address lands in, or nothing when no segment holds it', () => {
    const t = smallWan();
    const lookup = { prefix: '10.20.0.9/32', segmentId: 's-inet', segmentPrefix: '10.20.0.0/24', portId: 'p2i', bridgeId: 'b2', isDefault: false, alsoOn: [] };
    expect(addressMatch(lookup, t)).toEqual({ kind: 'segment', id: 's-inet', label: '10.20.0.0/24 on vbr2 / if-internet' });
    expect(addressMatch({ ...lookup, isDefault: true, alsoOn: ['x'] }, t)?.label).toBe('10.20.0.0/24 (uplink default route) on vbr2 / if-internet (and 1 more)');
    expect(addressMatch({ ...lookup, segmentId: null, segmentPrefix: null, portId: null, bridgeId: null }, t)).toBeNull();
  });
});
