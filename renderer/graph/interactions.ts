import type { Core, EventObject, NodeSingular } from 'cytoscape';
import type { PositionDto } from '../../core/contract/dto';
import { bridgeBox, modelOf, WAN_NODE, type GraphKind } from './elements';
import { TRANSIENT } from './sync';

/** What the canvas reports back to the app. */
export interface GraphCallbacks {
  select(target: { kind: GraphKind; id: string } | null): void;
  /** The set of selected elements changed (box select, Shift/Ctrl+click). */
  selected(targets: { kind: GraphKind; id: string }[]): void;
  /** Right-click on an element (rendered position in the canvas), or on the background (null). */
  menu(target: { kind: GraphKind; id: string } | null, at: { x: number; y: number }): void;
  /** The pointer rests on an element, or left it (null). */
  hover(target: { kind: GraphKind; id: string } | null, at: { x: number; y: number }): void;
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
    const original = event.originalEvent as MouseEvent | undefined;
    // Shift/Ctrl/Cmd + click toggles the element in the selection: cytoscape does that, and
    // the select / unselect events below report it.
    if (original && (original.shiftKey || original.ctrlKey || original.metaKey)) return;
    if (event.target === cy) cb.select(null);
    else cb.select(modelOf(event.target.data()));
  };
  let selectionQueued = false;
  const onSelectionChange = (): void => {
    if (selectionQueued) return;
    selectionQueued = true;
    // A box selection fires one event per element: report once.
    queueMicrotask(() => {
      selectionQueued = false;
      const targets = cy
        .$(':selected')
        .map((e) => modelOf(e.data()))
        .filter((m): m is { kind: GraphKind; id: string } => m !== null);
      cb.selected(targets);
    });
  };
  const onContext = (event: EventObject): void => {
    const target = event.target === cy ? null : modelOf(event.target.data());
    cb.menu(target, { ...event.renderedPosition });
  };
  const onOver = (event: EventObject): void => {
    const target = modelOf(event.target.data());
    if (target && !source) cb.hover(target, { ...event.renderedPosition });
  };
  const onOut = (): void => cb.hover(null, { x: 0, y: 0 });
  // A bridge box is not a compound: dragging it carries its ports and what hangs off them,
  // and dragging a port resizes its bridge's box.
  // Several selected nodes move together (bulk move); bridges among them carry their ports.
  let carried: { node: NodeSingular; x: number; y: number }[] = [];
  let anchor: { node: NodeSingular; x: number; y: number } | null = null;
  const onGrab = (event: EventObject): void => {
    const grabbed = event.target as NodeSingular;
    const moving = grabbed.selected() ? cy.nodes(':selected').union(grabbed) : grabbed;
    anchor = { node: grabbed, ...grabbed.position() };
    const bridges = moving.filter('node.bridge');
    if (bridges.empty()) {
      carried = [];
      return;
    }
    const ports = cy.nodes('node.port').filter((p) => bridges.contains(cy.getElementById(String(p.data('bridge')))));
    carried = ports
      .union(ports.connectedEdges('.attach').connectedNodes())
      .nodes()
      .difference(moving)
      .nodes()
      .map((n) => ({ node: n, ...n.position() }));
  };
  const onDrag = (event: EventObject): void => {
    const node = event.target as NodeSingular;
    if (anchor && node.same(anchor.node) && carried.length > 0) {
      const dx = node.position('x') - anchor.x;
      const dy = node.position('y') - anchor.y;
      cy.batch(() => carried.forEach((c) => c.node.position({ x: c.x + dx, y: c.y + dy })));
    }
    if (node.hasClass('port')) {
      const bridge = cy.getElementById(String(node.data('bridge')));
      const box = bridgeBox(cy.nodes(`node.port[bridge = "${bridge.id()}"]`).map((n) => n.position()));
      bridge.position({ x: box.x, y: box.y });
      bridge.data({ w: box.w, h: box.h });
    }
  };
  const onDragFree = (event: EventObject): void => {
    const node = event.target as NodeSingular;
    const nodes = anchor && node.same(anchor.node) ? [node, ...carried.map((c) => c.node)] : [node];
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
    ['grab', 'node', onGrab],
    ['select unselect', null, onSelectionChange],
    ['cxttap', null, onContext],
    ['mouseover', 'node, edge', onOver],
    ['mouseout', 'node, edge', onOut],
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
