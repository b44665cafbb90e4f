import { describe, expect, it } from 'vitest';
import type { TopologyDto } from '../../../../core/contract/dto';
import { autoLayout, bridgeGridDefaults, placeNodes, WAN_POSITION_ID, type Point } from '../../../../renderer/graph/layout';
import { generatedWan, smallWan } from '../fixtures';

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The box a bridge is drawn in: its ports, plus the compound's padding and the port size. */
function bridgeBoxes(t: TopologyDto, pos: ReadonlyMap<string, Point>): Box[] {
  const pad = 24 + 12;
  return t.bridges.map((b) => {
    const ports = t.ports.filter((p) => p.bridgeId === b.id).map((p) => pos.get(p.id)!);
    const xs = ports.map((p) => p.x);
    const ys = ports.map((p) => p.y);
    return { x1: Math.min(...xs) - pad, y1: Math.min(...ys) - pad, x2: Math.max(...xs) + pad, y2: Math.max(...ys) + pad };
  });
}

const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

describe('bridge-grid layout', () => {
  it('is deterministic', () => {
    const t = generatedWan(40, 7);
    expect([...autoLayout(t)]).toEqual([...autoLayout(t)]);
  });

  it('places every bridge, port, segment, PoP, NAP and the WAN node', () => {
    const t = smallWan();
    const pos = autoLayout(t);
    const ids = [...t.bridges, ...t.ports, ...t.segments.filter((s) => !s.prefix.endsWith('/0')), ...t.pops, ...t.naps].map((e) => e.id);
    for (const id of [...ids, WAN_POSITION_ID]) expect(pos.get(id), id).toBeDefined();
  });

  it('never lets two bridges overlap, nor an attachment enter another bridge', () => {
    const t = generatedWan(150, 9);
    const pos = autoLayout(t);
    const boxes = bridgeBoxes(t, pos);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${t.bridges[i]!.id} / ${t.bridges[j]!.id}`).toBe(false);
    }
    const bridgeOf = new Map(t.ports.map((p) => [p.id, p.bridgeId]));
    for (const s of t.segments.filter((x) => !x.prefix.endsWith('/0'))) {
      const p = pos.get(s.id)!;
      const inside = boxes.findIndex((b) => p.x > b.x1 && p.x < b.x2 && p.y > b.y1 && p.y < b.y2);
      expect(inside === -1 || t.bridges[inside]!.id === bridgeOf.get(s.portId), s.id).toBe(true);
    }
  });

  it('puts uplink ports on top of their bridge, towards the WAN above the rows', () => {
    const t = smallWan();
    const pos = autoLayout(t);
    const b1Ports = t.ports.filter((p) => p.bridgeId === 'b1').map((p) => pos.get(p.id)!.y);
    expect(pos.get('p1u')!.y).toBe(Math.min(...b1Ports));
    const others = [...pos].filter(([id]) => id !== WAN_POSITION_ID).map(([, p]) => p.y);
    expect(pos.get(WAN_POSITION_ID)!.y).toBeLessThan(Math.min(...others));
  });

  it('keeps linked bridges next to each other (breadth-first order over links)', () => {
    const t: TopologyDto = { ...generatedWan(4, 3), links: [{ id: 'x', aPortId: 'b0p2', bPortId: 'b3p2' }] };
    const pos = autoLayout(t);
    const gap = Math.abs(pos.get('b0')!.x - pos.get('b3')!.x) + Math.abs(pos.get('b0')!.y - pos.get('b3')!.y);
    const far = Math.abs(pos.get('b0')!.x - pos.get('b2')!.x) + Math.abs(pos.get('b0')!.y - pos.get('b2')!.y);
    expect(gap).toBeLessThanOrEqual(far);
  });

  it('widens the ring of a bridge with many ports', () => {
    const ring = (ports: number): number => {
      const pos = autoLayout(generatedWan(1, ports));
      return Math.hypot(pos.get('b0p0')!.x - pos.get('b0')!.x, pos.get('b0p0')!.y - pos.get('b0')!.y);
    };
    expect(ring(4)).toBe(bridgeGridDefaults.minRing);
    expect(ring(40)).toBeGreaterThan(bridgeGridDefaults.minRing);
  });
});

describe('placeNodes', () => {
  it('is the auto layout when nothing is stored', () => {
    const t = smallWan();
    expect(placeNodes(t, [])).toEqual(autoLayout(t));
  });

  it('keeps stored positions and moves a new port with its bridge', () => {
    const t = smallWan();
    const auto = autoLayout(t);
    const stored = t.ports.filter((p) => p.bridgeId === 'b1' && p.id !== 'p1l').map((p) => ({ elementId: p.id, x: auto.get(p.id)!.x + 1000, y: auto.get(p.id)!.y + 500 }));
    const pos = placeNodes(t, stored);
    expect(pos.get('p1c')).toEqual({ x: stored[0]!.x, y: stored[0]!.y });
    expect(pos.get('p1l')).toEqual({ x: auto.get('p1l')!.x + 1000, y: auto.get('p1l')!.y + 500 });
  });

  it('keeps a segment with its moved port', () => {
    const t = smallWan();
    const auto = autoLayout(t);
    const pos = placeNodes(t, [{ elementId: 'p1c', x: 0, y: 0 }]);
    expect(pos.get('s-cust')!.x - pos.get('p1c')!.x).toBeCloseTo(auto.get('s-cust')!.x - auto.get('p1c')!.x);
    expect(pos.get('s-cust')!.y - pos.get('p1c')!.y).toBeCloseTo(auto.get('s-cust')!.y - auto.get('p1c')!.y);
  });

  it('puts a bridge with nothing stored to the right of the stored drawing', () => {
    const t = smallWan();
    const stored = ['p1c', 'p1u', 'p1a', 'p1l', 'p2p', 'p2u', 'p2i', 'p2l'].map((id, i) => ({ elementId: id, x: i * 10, y: 0 }));
    const pos = placeNodes(t, stored);
    expect(pos.get('p3u')!.x).toBeGreaterThan(70);
  });
});
