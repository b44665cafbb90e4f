import { describe, expect, it } from 'vitest';
import { toElements } from '../../../../renderer/graph/elements';
import { collapseBridges } from '../../../../renderer/graph/collapse';
import { elementFacts, firstCut, servicesThrough } from '../../../../renderer/graph/facts';
import { labelBox, labelSizes, levelZoom, placeLabels, visibleLabels, zoomLevel, type LabelledNode } from '../../../../renderer/graph/labels';
import { autoLayout, placeNodes } from '../../../../renderer/graph/layout';
import { modelToMap, overviewOf } from '../../../../renderer/graph/minimap';
import { extentOf, viewportFor } from '../../../../renderer/graph/signals';
import { keepPinned, Occupancy } from '../../../../renderer/graph/placement';
import { filterSections, sidePanelSections } from '../../../../renderer/features/side-panel/sections';
import { generateWan, wan2000 } from '../../../helpers/graph-topology';
import { athensPatrasPlan, smallWan } from '../fixtures';

const overlaps = (a: ReturnType<typeof labelBox>, b: ReturnType<typeof labelBox>): boolean => a.x1 < b.x2 && a.x2 > b.x1 && a.y1 < b.y2 && a.y2 > b.y1;

/** The labelled nodes of a generated WAN at its auto layout, as GraphCanvas hands them over. */
function nodesOf(far: boolean): LabelledNode[] {
  const t = generateWan(wan2000);
  const size = { port: 18, segment: 34, pop: 40, nap: 28 } as Record<string, number>;
  return toElements(t, [])
    .filter((e) => e.group === 'nodes' && e.data.kind !== 'wan')
    .map((e) => {
      const kind = e.data.kind as LabelledNode['kind'];
      const bridge = kind === 'bridge';
      // Zoomed out, bridges and segments show their name alone (viewport.ts, style.ts).
      const label = far && (bridge || kind === 'segment') ? String(e.data.name) : String(e.data.label);
      return { id: String(e.data.id), kind, x: e.position!.x, y: e.position!.y, w: bridge ? Number(e.data.w) : size[kind]!, h: bridge ? Number(e.data.h) : size[kind]!, label, centred: bridge && far };
    });
}

describe('labels by level of detail', () => {
  it('keeps bridge names at least 13 px on screen however far out, ports at their own size', () => {
    for (const level of [-12, -8, -4, 0, 3]) {
      const sizes = labelSizes(level);
      expect(sizes.bridge * levelZoom(level)).toBeGreaterThanOrEqual(12.9);
      expect(sizes.port).toBe(9);
    }
    expect(zoomLevel(1)).toBe(0);
    expect(zoomLevel(0.1)).toBe(-10);
  });

  it('at Fit of a 2,000-element WAN shows every bridge and PoP name, half the segment names, and no two shown labels overlap', () => {
    const level = zoomLevel(0.11);
    const nodes = nodesOf(true);
    const shown = placeLabels(nodes, level);
    const bridges = nodes.filter((n) => n.kind === 'bridge');
    expect(bridges.every((b) => shown.has(b.id))).toBe(true);
    expect(nodes.filter((n) => n.kind === 'pop' && shown.has(n.id))).toHaveLength(40);
    expect(nodes.filter((n) => n.kind === 'segment' && shown.has(n.id)).length).toBeGreaterThanOrEqual(80);
    // Some of them only fit beside or above their node.
    expect([...shown.values()].some((side) => side !== 'below')).toBe(true);
    expect(nodes.filter((n) => n.kind === 'port' && shown.has(n.id))).toHaveLength(0);
    const boxes = nodes.filter((n) => shown.has(n.id)).map((n) => labelBox(n, labelSizes(level)[n.kind], shown.get(n.id)));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    // Nor does a label cover another node's body.
    const bodies = nodes.filter((n) => n.kind !== 'bridge').map((n) => ({ id: n.id, x1: n.x - n.w / 2, y1: n.y - n.h / 2, x2: n.x + n.w / 2, y2: n.y + n.h / 2 }));
    for (const n of nodes.filter((m) => shown.has(m.id) && m.kind !== 'bridge')) {
      const box = labelBox(n, labelSizes(level)[n.kind], shown.get(n.id));
      for (const b of bodies) if (b.id !== n.id) expect(overlaps(box, b), `${n.id} over ${b.id}`).toBe(false);
    }
  });

  it('at Fit of the 2,000-element WAN every segment name is shown, on the e2e graph area and on laptop and desktop sizes', () => {
    // Fit as GraphCanvas does it: model extent of the drawn elements, 30 px padding.
    const box = extentOf(toElements(generateWan(wan2000), []))!;
    const nodes = nodesOf(true);
    for (const [width, height] of [[716, 791], [1000, 700], [1300, 950]] as const) {
      const level = zoomLevel(viewportFor(box, width, height, 30, { min: 0.02, max: 1.5 }).zoom);
      const shown = placeLabels(nodes, level);
      const count = (kind: string) => nodes.filter((n) => n.kind === kind && shown.has(n.id)).length;
      expect({ width, height, bridge: count('bridge'), pop: count('pop'), segment: count('segment') }).toEqual({ width, height, bridge: 40, pop: 40, segment: 160 });
      const boxes = nodes.filter((n) => shown.has(n.id)).map((n) => labelBox(n, labelSizes(level)[n.kind], shown.get(n.id)));
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    }
  });

  it('at a closer zoom every segment name of the 2,000-element WAN fits', () => {
    const nodes = nodesOf(true);
    const shown = visibleLabels(nodes, zoomLevel(0.16));
    expect(nodes.filter((n) => n.kind === 'segment' && shown.has(n.id))).toHaveLength(160);
  });

  it('zoomed in, shows port labels and more segment labels than at Fit', () => {
    const nodes = nodesOf(false);
    const near = visibleLabels(nodes, zoomLevel(1.5));
    const far = visibleLabels(nodesOf(true), zoomLevel(0.11));
    const count = (set: Set<string>, kind: string) => nodes.filter((n) => n.kind === kind && set.has(n.id)).length;
    expect(count(near, 'port')).toBeGreaterThan(200);
    expect(count(near, 'segment')).toBeGreaterThan(count(far, 'segment'));
  });
});

describe('placement', () => {
  it('never puts a node without a stored position on top of another (the sample NAP on a port)', () => {
    const t = smallWan();
    // The ports stored in a hand-made arrangement unlike the auto ring; the NAP has no position.
    const auto = autoLayout(t);
    const stored = t.ports.map((p, i) => ({ elementId: p.id, x: (i % 3) * 60, y: Math.floor(i / 3) * 60 }));
    const placed = placeNodes(t, stored);
    const nap = placed.get('nap1')!;
    for (const p of stored) expect(Math.hypot(p.x - nap.x, p.y - nap.y)).toBeGreaterThanOrEqual(44);
    expect(auto.size).toBeGreaterThan(0);
  });

  it('finds the nearest free spot on rings around a wanted point', () => {
    const o = new Occupancy(40);
    o.add({ x: 0, y: 0 });
    expect(o.isFree({ x: 10, y: 0 })).toBe(false);
    const p = o.nearestFree({ x: 5, y: 5 });
    expect(Math.hypot(p.x, p.y)).toBeGreaterThanOrEqual(40);
    expect(Math.hypot(p.x, p.y)).toBeLessThan(80);
  });

  it('auto-layout keeps a hand-placed bridge where it is and lays the rest beside it', () => {
    const t = smallWan();
    const stored = [
      { elementId: 'p1c', x: 1000, y: 1000 },
      { elementId: 'p1u', x: 1060, y: 1000 },
    ];
    const out = keepPinned(t, autoLayout(t), stored, new Set(['p1c']));
    expect(out.get('p1c')).toEqual({ x: 1000, y: 1000 });
    expect(out.get('p1u')).toEqual({ x: 1060, y: 1000 });
    expect(out.get('p2p')!.x).toBeGreaterThan(1060);
    expect(keepPinned(t, autoLayout(t), stored, new Set())).toEqual(autoLayout(t));
  });
});

describe('collapse, facts and what-if cuts', () => {
  it('collapses a bridge into one node whose edges end on it', () => {
    const base = toElements(smallWan(), []);
    const out = collapseBridges(base, new Set(['b1']));
    expect(out.some((e) => e.data.id === 'port:p1c')).toBe(false);
    const bridge = out.find((e) => e.data.id === 'bridge:b1')!;
    expect(String(bridge.classes)).toContain('collapsed');
    expect(String(bridge.data.label)).toContain('4 ports (collapsed)');
    expect(out.find((e) => e.data.id === 'link:l12')!.data).toMatchObject({ source: 'bridge:b1', target: 'port:p2l' });
    expect(collapseBridges(base, new Set())).toEqual(base);
  });

  it('names the services through an element and lists an element’s key facts', () => {
    const t = smallWan();
    const plans = [athensPatrasPlan()];
    const services = [{ id: 'svc', name: 'athens-patras', inSegment: null, outSegment: null, chain: [], reverseChain: null } as never];
    expect(servicesThrough(t, plans, services, 'link', 'l12')).toEqual(['athens-patras']);
    expect(servicesThrough(t, plans, services, 'pop', 'pop-a')).toEqual(['athens-patras']);
    expect(servicesThrough(t, plans, services, 'bridge', 'b3')).toEqual([]);
    const facts = elementFacts(t, plans, services, 'port', 'p1a')!;
    expect(facts.title).toBe('Port vbr1 / if-athens');
    expect(facts.lines).toContainEqual(['VLAN pool', '400–500 (default)']);
    expect(facts.lines).toContainEqual(['Services through it', 'athens-patras']);
  });

  it('cuts a path at the first edge a down element breaks', () => {
    const t = smallWan();
    const hops = athensPatrasPlan().forward.hops;
    expect(firstCut(t, hops, new Set(['l12']))).toBe(3);
    expect(firstCut(t, hops, new Set(['pop-p']))).toBe(4);
    expect(firstCut(t, hops, new Set(['b2']))).toBe(3);
    expect(firstCut(t, hops, new Set(['b3']))).toBe(-1);
  });
});

describe('elements list and minimap', () => {
  it('lists every kind and filters by words', () => {
    const sections = sidePanelSections(smallWan());
    expect(sections.map((s) => s.title)).toEqual(['Bridges', 'Ports', 'Links', 'PoPs', 'NAPs', 'Segments']);
    const filtered = filterSections(sections, 'vbr1 athens');
    expect(filtered.find((s) => s.kind === 'port')!.items.map((i) => i.primary)).toEqual(['vbr1 / if-athens']);
    expect(filtered.find((s) => s.kind === 'nap')!.items).toHaveLength(0);
  });

  it('maps model space into the minimap with its aspect kept', () => {
    const o = overviewOf([{ x: 0, y: 0, kind: 'port' }, { x: 1000, y: 500, kind: 'port' }], 200, 140)!;
    expect(modelToMap(o, { x: 0, y: 0 })).toEqual({ x: 6, y: 23 });
    expect(modelToMap(o, { x: 1000, y: 500 })).toEqual({ x: 194, y: 117 });
  });
});

describe('what-if drawing order', () => {
  it('draws down elements and cut paths above the plan paths and the trace', async () => {
    const { graphStyle } = await import('../../../../renderer/graph/style');
    const z = (selector: string): number => Number((graphStyle().find((r) => 'selector' in r && r.selector === selector) as unknown as { style: Record<string, unknown> }).style['z-index']);
    expect(z('.down')).toBeGreaterThan(z('edge.path-edge'));
    expect(z('.down')).toBeGreaterThan(z('edge.trace-edge'));
    expect(z('.down')).toBeGreaterThan(z('node.path-forward'));
    expect(z('edge.path-cut')).toBeGreaterThan(z('edge.path-edge'));
  });
});
