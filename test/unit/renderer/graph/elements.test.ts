import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { BRIDGE_PADDING, bridgeBox, elementId, modelOf, toElements, WAN_NODE } from '../../../../renderer/graph/elements';
import { graphStyle } from '../../../../renderer/graph/style';
import { smallWan } from '../fixtures';

/** A headless instance; elements are added after init, as the canvas does, so positions are kept. */
function headless(elements: ReturnType<typeof toElements>) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle() });
  cy.add(elements);
  return cy;
}

describe('toElements', () => {
  it('draws every model element once, with stable ids and kind classes', () => {
    const cy = headless(toElements(smallWan(), []));
    expect(cy.nodes('.bridge').map((n) => n.id())).toEqual(['bridge:b1', 'bridge:b2', 'bridge:b3']);
    expect(cy.nodes('.port')).toHaveLength(9);
    // Default routes mark uplinks instead of being drawn as segments.
    expect(cy.nodes('.segment').map((n) => n.data('modelId'))).toEqual(['s-cust', 's-ath', 's-inet']);
    expect(cy.nodes('.port.uplink').map((n) => n.data('modelId')).sort()).toEqual(['p1u', 'p2u', 'p3u']);
    expect(cy.nodes('.pop')).toHaveLength(2);
    expect(cy.nodes('.nap')).toHaveLength(1);
    expect(cy.edges('.link').map((e) => [e.source().id(), e.target().id()])).toEqual([['port:p1l', 'port:p2l']]);
  });

  it('draws a bridge as a box around its ports and hangs segments, PoPs and NAPs off the ports', () => {
    const cy = headless(toElements(smallWan(), []));
    expect(cy.nodes('node.port[bridge = "bridge:b2"]').map((n) => n.data('modelId'))).toEqual(['p2p', 'p2u', 'p2i', 'p2l']);
    const box = cy.getElementById('bridge:b1').boundingBox({ includeLabels: false });
    for (const port of cy.nodes('node.port[bridge = "bridge:b1"]').toArray()) {
      const p = port.position();
      expect(p.x > box.x1 && p.x < box.x2 && p.y > box.y1 && p.y < box.y2).toBe(true);
    }
    expect(cy.getElementById(elementId.pop('pop-a')).neighborhood('node').id()).toBe('port:p1a');
    expect(cy.getElementById('nap:nap1').neighborhood('node').map((n) => n.id()).sort()).toEqual(['port:p1c', 'port:p1u']);
  });

  it('joins every uplink port to the WAN node', () => {
    const cy = headless(toElements(smallWan(), []));
    expect(cy.getElementById(WAN_NODE).neighborhood('node').map((n) => n.data('modelId')).sort()).toEqual(['p1u', 'p2u', 'p3u']);
  });

  it('marks switches (OpenFlow / OVS) apart from VTN vBridges', () => {
    const cy = headless(toElements(smallWan(), []));
    expect(cy.getElementById('bridge:b3').hasClass('bridge-openflow')).toBe(true);
    expect(cy.getElementById('bridge:b1').hasClass('bridge-vtn-vbridge')).toBe(true);
  });

  it('uses stored positions as they are', () => {
    const cy = headless(toElements(smallWan(), [{ elementId: 'p1c', x: 123, y: -45 }]));
    expect(cy.getElementById('port:p1c').position()).toEqual({ x: 123, y: -45 });
  });

  it('sizes a bridge box from its ports, and gives an empty bridge a small one', () => {
    expect(bridgeBox([{ x: 0, y: 0 }, { x: 100, y: 50 }])).toEqual({ x: 50, y: 25, w: 100 + 2 * BRIDGE_PADDING, h: 50 + 2 * BRIDGE_PADDING });
    expect(bridgeBox([]).w).toBe(2 * BRIDGE_PADDING);
  });

  it('gives every node a finite position even with no stored layout', () => {
    const cy = headless(toElements(smallWan(), []));
    for (const n of cy.nodes().toArray()) {
      expect(Number.isFinite(n.position('x')) && Number.isFinite(n.position('y'))).toBe(true);
    }
  });

  it('names the model element behind a graph element, and nothing for the WAN node', () => {
    expect(modelOf({ kind: 'port', modelId: 'p1' })).toEqual({ kind: 'port', id: 'p1' });
    expect(modelOf({ kind: 'wan' })).toBeNull();
  });
});
