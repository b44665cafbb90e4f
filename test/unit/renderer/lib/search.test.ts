import { describe, expect, it } from 'vitest';
import { searchTopology } from '../../../../renderer/lib/search';
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
