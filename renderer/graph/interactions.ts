import type { Core, EventObject, NodeSingular } from 'cytoscape';
import type { PositionDto } from '../../core/contract/dto';
import { bridgeBox, modelOf, WAN_NODE, type GraphKind } from './elements';
import { TRANSIENT } from './sync';

/** What the canvas reports back to the app. */
export interface GraphCallbacks {
  select(target: { kind: GraphKind; id: string } | null): void;
  /** Nodes were dragged to new places (model ids, `wan` for the WAN node). */
  moved(positions: PositionDto[]): void;
  /** A drag in link mode went from one port to another. */
  connect(aPortId: string, bPortId: string): void;
  isLinkMode(): boolean;
}

const GHOST = 'connect-ghost';
const GHOST_EDGE = 'connect-ghost-edge';

/**
 * Wires cytoscape's events to the app: tap selects, drag-free stores positions (a bridge
 * carries its ports along), and in link mode a drag from a port to a port draws a link. Drag-to-connect is done here with plain
 * cytoscape events (tapstart / tapdrag / tapend), since cytoscape-edgehandles is not a
 * dependency: a transient ghost node follows the pointer, and the port under the pointer at
 * release is the target. Returns the function that unwires everything.
 */
export function wireInteractions(cy: Core, cb: GraphCallbacks): () => void {
  let source: NodeSingular | null = null;
  let pending: PositionDto[] = [];

  const onTap = (event: EventObject): void => {
    if (event.target === cy) cb.select(null);
    else cb.select(modelOf(event.target.data()));
  };
  // A bridge box is not a compound: dragging it carries its ports and what hangs off them,
  // and dragging a port resizes its bridge's box.
  let carried: { node: NodeSingular; x: number; y: number }[] = [];
  let grabbedAt = { x: 0, y: 0 };
  const onGrab = (event: EventObject): void => {
    const bridge = event.target as NodeSingular;
    grabbedAt = { ...bridge.position() };
    const ports = cy.nodes(`node.port[bridge = "${bridge.id()}"]`);
    carried = ports
      .union(ports.connectedEdges('.attach').connectedNodes())
      .nodes()
      .map((n) => ({ node: n, ...n.position() }));
  };
  const onDrag = (event: EventObject): void => {
    const node = event.target as NodeSingular;
    if (node.hasClass('bridge')) {
      const dx = node.position('x') - grabbedAt.x;
      const dy = node.position('y') - grabbedAt.y;
      cy.batch(() => carried.forEach((c) => c.node.position({ x: c.x + dx, y: c.y + dy })));
    } else if (node.hasClass('port')) {
      const bridge = cy.getElementById(String(node.data('bridge')));
      const box = bridgeBox(cy.nodes(`node.port[bridge = "${bridge.id()}"]`).map((n) => n.position()));
      bridge.position({ x: box.x, y: box.y });
      bridge.data({ w: box.w, h: box.h });
    }
  };
  const onDragFree = (event: EventObject): void => {
    const node = event.target as NodeSingular;
    const nodes = node.hasClass('bridge') && carried.length > 0 ? carried.map((c) => c.node) : [node];
    for (const n of nodes) {
      const id = n.id() === WAN_NODE ? WAN_NODE : (n.data('modelId') as string | undefined);
      if (id) pending.push({ elementId: id, x: Math.round(n.position('x')), y: Math.round(n.position('y')) });
    }
    // Several grabbed nodes each fire dragfree in one go: store them in one call.
    queueMicrotask(() => {
      if (pending.length === 0) return;
      cb.moved(pending);
      pending = [];
    });
  };
  const onStart = (event: EventObject): void => {
    if (!cb.isLinkMode()) return;
    source = event.target as NodeSingular;
    cy.userPanningEnabled(false);
    cy.add([
      { group: 'nodes', data: { id: GHOST }, position: { ...event.position }, classes: `${TRANSIENT} ghost` },
      { group: 'edges', data: { id: GHOST_EDGE, source: source.id(), target: GHOST }, classes: `${TRANSIENT} ghost-edge` },
    ]);
  };
  const onPointerDrag = (event: EventObject): void => {
    if (source) cy.getElementById(GHOST).position({ ...event.position });
  };
  const onEnd = (event: EventObject): void => {
    if (!source) return;
    const from = source;
    source = null;
    cy.remove(cy.getElementById(GHOST_EDGE).union(cy.getElementById(GHOST)));
    cy.userPanningEnabled(true);
    const target = portAt(cy, event.position);
    if (target && target.id() !== from.id()) cb.connect(from.data('modelId') as string, target.data('modelId') as string);
  };

  const handlers: [string, string | null, (event: EventObject) => void][] = [
    ['tap', null, onTap],
    ['grab', 'node.bridge', onGrab],
    ['drag', 'node', onDrag],
    ['dragfree', 'node', onDragFree],
    ['tapstart', 'node.port', onStart],
    ['tapdrag', null, onPointerDrag],
    ['tapend', null, onEnd],
  ];
  for (const [name, selector, fn] of handlers) {
    if (selector) cy.on(name, selector, fn);
    else cy.on(name, fn);
  }
  return () => {
    for (const [name, selector, fn] of handlers) {
      if (selector) cy.off(name, selector, fn);
      else cy.off(name, fn);
    }
  };
}

/** The port node whose box contains a model position, if any. */
function portAt(cy: Core, p: { x: number; y: number }): NodeSingular | null {
  const hit = cy.nodes('node.port').filter((n) => {
    const b = n.boundingBox({ includeLabels: false });
    return p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
  });
  return hit.nonempty() ? (hit.first() as NodeSingular) : null;
}
