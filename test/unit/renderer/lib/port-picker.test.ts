import { describe, expect, it } from 'vitest';
import { matchPorts, portChoices, SHOWN_PORTS, usedPorts } from '../../../../renderer/lib/port-picker';
import { generatedWan, smallWan } from '../fixtures';

describe('port picker', () => {
  it('counts a port as used by a link, segment, PoP or NAP', () => {
    const wan = smallWan();
    const t = { ...wan, ports: [...wan.ports, { id: 'p3f', bridgeId: 'b3', name: 'eth9', ofPort: 9 }] };
    const used = usedPorts(t);
    for (const id of ['p1l', 'p2l', 'p1c', 'p1a', 'p2p', 'p1u']) expect(used.has(id)).toBe(true);
    expect(used.has('p3f')).toBe(false);
    const choices = portChoices(t);
    expect(choices[0]).toEqual({ value: 'p3f', label: 'of3 / eth9', free: true });
    expect(choices.slice(1).every((c) => !c.free)).toBe(true);
  });

  it('filters by every typed word over "bridge / port", free ports first', () => {
    const t = generatedWan(100, 12);
    const m = matchPorts(portChoices(t), 'br42 eth1');
    const labels = [...m.free, ...m.used].map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['br42 / eth1', 'br42 / eth10', 'br42 / eth11']));
    expect(labels.every((l) => l.startsWith('br42 / eth1'))).toBe(true);
    expect(m.free.every((c) => c.free) && m.used.every((c) => !c.free)).toBe(true);
    expect(matchPorts(portChoices(t), 'BR42 / ETH11').free.concat(matchPorts(portChoices(t), 'BR42 / ETH11').used).map((c) => c.label)).toEqual(['br42 / eth11']);
  });

  it('caps 1,200 ports at what it draws and counts the rest', () => {
    const choices = portChoices(generatedWan(100, 12));
    expect(choices).toHaveLength(1200);
    const m = matchPorts(choices, '');
    expect(m.free.length + m.used.length).toBe(SHOWN_PORTS);
    expect(m.more).toBe(1200 - SHOWN_PORTS);
    expect(matchPorts(choices, 'no such port')).toEqual({ free: [], used: [], more: 0 });
  });
});
