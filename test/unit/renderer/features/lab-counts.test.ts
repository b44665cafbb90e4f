import { describe, expect, it } from 'vitest';
import type { LabProbeDirectionDto, LabProbeDto, LabProbeHopDto } from '../../../../core/contract/api';
import { badgeText, countsSignal, portCounts } from '../../../../renderer/features/lab/counts';

const hop = (seq: number, out: string, packets: number, installed = true): LabProbeHopDto => ({
  seq,
  bridge: 'vbr1',
  inPort: 'vbr1/in',
  outPort: `vbr1/${out}`,
  inPortId: 'in',
  outPortId: out,
  toPop: null,
  packets,
  installed,
  drops: false,
});
const direction = (d: 'forward' | 'reverse', hops: LabProbeHopDto[], delivered: boolean): LabProbeDirectionDto => ({
  direction: d,
  src: 'a',
  dst: 'b',
  hops,
  popsVisited: [],
  popsPlanned: [],
  delivered,
  stoppedAt: delivered ? null : 'somewhere',
  simulated: { disposition: 'DELIVERED', outPorts: [] },
  realOutPorts: [],
  matchesSimulator: delivered,
});
const probe = (forward: LabProbeDirectionDto, reverse: LabProbeDirectionDto): LabProbeDto => ({
  serviceId: 's',
  serviceName: 'S',
  protocol: 'icmp',
  from: { host: 'h1', address: '192.168.10.1' },
  to: { host: 'h2', address: '10.20.0.1' },
  sent: 3,
  received: 3,
  forward,
  reverse,
  popCounters: [],
  delivered: forward.delivered && reverse.delivered,
  durationMs: 1,
});

describe('probe counts on the graph', () => {
  it('puts each rule’s count on the port it sends out of, forward and reverse, and signals them sorted', () => {
    const counts = portCounts(probe(direction('forward', [hop(1, 'pop', 3), hop(2, 'egress', 3)], true), direction('reverse', [hop(1, 'pop', 3), hop(2, 'customer', 3)], true)));
    expect(counts).toEqual([
      { portId: 'pop', port: 'vbr1/pop', forward: [3], reverse: [3], short: false },
      { portId: 'egress', port: 'vbr1/egress', forward: [3], reverse: [], short: false },
      { portId: 'customer', port: 'vbr1/customer', forward: [], reverse: [3], short: false },
    ]);
    expect(badgeText(counts[0]!)).toBe('▶ 3 ◀ 3');
    expect(badgeText(counts[1]!)).toBe('▶ 3');
    expect(countsSignal(counts)).toBe('vbr1/customer=r3 vbr1/egress=f3 vbr1/pop=f3,r3');
  });

  it('marks where packets went missing; a reverse with nothing to return is not short', () => {
    const counts = portCounts(probe(direction('forward', [hop(1, 'pop', 3), hop(2, 'egress', 0, false)], false), direction('reverse', [hop(1, 'pop', 0)], false)));
    expect(counts.find((c) => c.portId === 'egress')!.short).toBe(true);
    expect(counts.find((c) => c.portId === 'pop')).toMatchObject({ forward: [3], reverse: [0], short: false });
  });

  it('a chain through the same port twice shows both counts', () => {
    const counts = portCounts(probe(direction('forward', [hop(1, 'pop', 3), hop(2, 'pop', 2)], false), direction('reverse', [], false)));
    expect(badgeText(counts[0]!)).toBe('▶ 3+2');
    expect(counts[0]!.short).toBe(true);
    expect(countsSignal([])).toBe('');
  });
});
