import type { ElementDefinition } from 'cytoscape';
import type { TraceHopDto } from '../../core/contract/api';
import type { Direction, HopDto } from '../../core/contract/dto';
import { elementId } from './elements';

/** A planned path to draw. */
export interface PathHighlight {
  readonly direction: Direction;
  readonly hops: readonly HopDto[];
}

/** What the graph shows on top of the topology; every id is a model id. */
export interface Highlight {
  /** Paths of the service in the plan view (forward and reverse, two colours). */
  readonly paths: readonly PathHighlight[];
  /** The hop the user stepped to. */
  readonly currentHop: { readonly direction: Direction; readonly index: number } | null;
  /** A packet trace and whether it was delivered. */
  readonly trace: { readonly hops: readonly TraceHopDto[]; readonly delivered: boolean } | null;
  /** Elements marked down for what-if. */
  readonly down: ReadonlySet<string>;
  /** Search matches. */
  readonly matches: ReadonlySet<string>;
  /** When set, everything else is dimmed (filter by service). */
  readonly focus: ReadonlySet<string> | null;
  /** Element a lint finding points at. */
  readonly flagged: string | null;
  /** "Compare with…": model id → how the element differs from the compared file. */
  readonly compare: ReadonlyMap<string, DiffMark>;
  /** What-if: paths of affected services, cut at `cutAt` (the first edge a down element breaks). */
  readonly broken: readonly BrokenPath[];
}

/** A planned path a what-if failure breaks. */
export interface BrokenPath {
  readonly serviceId: string;
  readonly direction: Direction;
  readonly hops: readonly HopDto[];
  /** Index of the cut edge (edge i joins hop i-1 and hop i). */
  readonly cutAt: number;
}

/** How an element of the open project differs from the file it is compared with. */
export type DiffMark = 'added' | 'changed' | 'removed';

/** Nothing highlighted. */
export const noHighlight: Highlight = { paths: [], currentHop: null, trace: null, down: new Set(), matches: new Set(), focus: null, flagged: null, compare: new Map(), broken: [] };

/**
 * Adds highlight classes to the topology's elements and the path / trace edges drawn on top
 * (pure: new definitions, the input is not touched). Styles live in style.ts, keyed by class.
 */
export function decorate(base: readonly ElementDefinition[], h: Highlight): ElementDefinition[] {
  const cyIdOf = new Map<string, string>();
  const exists = new Set<string>();
  for (const e of base) {
    exists.add(String(e.data.id));
    if (typeof e.data.modelId === 'string') cyIdOf.set(e.data.modelId, String(e.data.id));
  }
  const extra = new Map<string, Set<string>>();
  const mark = (cyId: string | undefined, cls: string): void => {
    if (cyId === undefined || !exists.has(cyId)) return;
    const set = extra.get(cyId);
    if (set) set.add(cls);
    else extra.set(cyId, new Set([cls]));
  };
  const overlays: ElementDefinition[] = [];
  const connect = (prefix: string, ports: readonly string[], classes: string): void => {
    for (let i = 1; i < ports.length; i++) {
      const [a, b] = [elementId.port(ports[i - 1]!), elementId.port(ports[i]!)];
      if (a !== b && exists.has(a) && exists.has(b)) overlays.push({ group: 'edges', data: { id: `${prefix}:${i}`, source: a, target: b }, classes });
    }
  };

  for (const path of h.paths) {
    const cls = `path-${path.direction}`;
    for (const hop of path.hops) {
      mark(elementId.port(hop.portId), cls);
      if (hop.popId) mark(elementId.pop(hop.popId), cls);
    }
    connect(`path:${path.direction}`, path.hops.map((hop) => hop.portId), `overlay path-edge ${cls}`);
  }
  if (h.currentHop) {
    const hop = h.paths.find((p) => p.direction === h.currentHop!.direction)?.hops[h.currentHop.index];
    if (hop) mark(elementId.port(hop.portId), 'hop-current');
  }
  if (h.trace) {
    for (const hop of h.trace.hops) mark(elementId.port(hop.portId), 'trace');
    const last = h.trace.hops[h.trace.hops.length - 1];
    if (last) mark(elementId.port(last.portId), h.trace.delivered ? 'trace-end' : 'trace-drop');
    connect('trace', h.trace.hops.map((hop) => hop.portId), 'overlay trace-edge');
  }
  for (const b of h.broken) {
    const ports = b.hops.map((hop) => hop.portId);
    for (let i = 1; i < ports.length; i++) {
      const [a, z] = [elementId.port(ports[i - 1]!), elementId.port(ports[i]!)];
      if (a === z || !exists.has(a) || !exists.has(z)) continue;
      const state = i < b.cutAt ? '' : i === b.cutAt ? ' path-cut' : ' path-after-cut';
      overlays.push({ group: 'edges', data: { id: `broken:${b.serviceId}:${b.direction}:${i}`, source: a, target: z, serviceId: b.serviceId }, classes: `overlay broken-path path-${b.direction}${state}` });
    }
  }
  for (const id of h.down) mark(cyIdOf.get(id), 'down');
  for (const id of h.matches) mark(cyIdOf.get(id), 'match');
  if (h.flagged) mark(cyIdOf.get(h.flagged), 'flagged');
  for (const [id, how] of h.compare) mark(cyIdOf.get(id), `diff-${how}`);

  const dimmed = new Set<string>();
  if (h.focus) {
    for (const e of base) {
      const id = String(e.data.id);
      const kept = typeof e.data.modelId === 'string' && h.focus.has(e.data.modelId);
      if (e.group === 'nodes' && !kept && id !== 'wan') dimmed.add(id);
    }
    for (const e of base) {
      if (e.group === 'edges' && (dimmed.has(String(e.data.source)) || dimmed.has(String(e.data.target)))) dimmed.add(String(e.data.id));
    }
    for (const id of dimmed) mark(id, 'dimmed');
  }

  const decorated = base.map((e) => {
    const classes = extra.get(String(e.data.id));
    return classes ? { ...e, classes: [classText(e.classes), ...classes].join(' ').trim() } : e;
  });
  return [...decorated, ...overlays];
}

function classText(classes: ElementDefinition['classes']): string {
  return typeof classes === 'string' ? classes : (classes ?? []).join(' ');
}
