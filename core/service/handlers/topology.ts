import type { EditResultDto, Handlers } from '../../contract/api';
import type { DiagnosticDto, LinkDto, PortDto, TopologyDto } from '../../contract/dto';
import { isTopologyYaml, parseTopologyJson, parseTopologyYaml } from '../../store/documents';
import { isVnodeName, TopologyIndex } from '../../model';
import { canonicalPrefix, tryParsePrefix } from '../../net';
import { DEFAULT_VLAN_POOL, SegmentIndex } from '../../plan';
import type { ProjectDb } from '../../store/project-db';
import { TOPOLOGY_TABLES, type ElementKind } from '../../store/topology-tables';
import { CoreError } from '../../util/core-error';
import type { HandlerContext } from '../context';
import { pasteCopies } from './paste';
import { segmentClashes } from './segment-clashes';

type TopologyHandlers = Pick<
  Handlers,
  | 'topology.get'
  | 'topology.read'
  | 'topology.defaults'
  | 'topology.addBridge'
  | 'topology.addPort'
  | 'topology.addLink'
  | 'topology.addSegment'
  | 'topology.addUplink'
  | 'topology.addPop'
  | 'topology.addNap'
  | 'topology.update'
  | 'topology.remove'
  | 'topology.removeMany'
  | 'topology.paste'
  | 'topology.setVlanPool'
  | 'topology.lookup'
  | 'topology.setDefaults'
  | 'topology.import'
  | 'layout.move'
  | 'layout.arrange'
>;

/**
 * The topology snapshot and its edits. Each edit is one undoable step; references are checked
 * here with messages that name the element (the database's foreign keys and unique constraints
 * are the backstop).
 */
export function topologyHandlers(ctx: HandlerContext): TopologyHandlers {
  // The segment table of the current revision: typing addresses in the search box asks often.
  let segments: { readonly revision: number; readonly index: SegmentIndex } | null = null;
  const currentSegments = (): SegmentIndex => {
    const { revision, db } = ctx.session;
    if (segments?.revision !== revision) segments = { revision, index: new SegmentIndex(new TopologyIndex(db.topology.read())) };
    return segments.index;
  };
  // A change may name itself once it has found its element (`label`), for Undo / Redo.
  type Change = (db: ProjectDb, topology: TopologyDto) => { id: string; diagnostics?: DiagnosticDto[]; label?: string };
  const edit = (label: string, change: Change): EditResultDto => {
    const result = ctx.session.mutate<ReturnType<Change>>((r) => r.label ?? label, (db) => change(db, db.topology.read()));
    return { id: result.id, diagnostics: result.diagnostics ?? [], project: ctx.changed(result.label ?? label) };
  };
  return {
    'topology.get': async () => ({
      project: ctx.session.info(),
      topology: ctx.session.db.topology.read(),
      positions: ctx.session.db.positions.read(),
      services: ctx.session.db.services.read(),
    }),
    'topology.read': async () => ctx.session.db.topology.read(),
    'topology.defaults': async () => ctx.session.db.topology.readDefaults(),
    'topology.addBridge': async (req) =>
      edit(`add bridge ${req.name}`, (db) => {
        const controllerId = req.controllerId ?? req.name;
        const id = db.meta.nextId('br');
        db.topology.insert('bridge', { id, name: req.name, kind: req.kind, controllerId, datapathId: req.datapathId ?? null });
        return { id, diagnostics: req.kind === 'vtn-vbridge' ? vnodeWarnings('vBridge', controllerId, id) : [] };
      }),
    'topology.addPort': async (req) =>
      edit(`add port ${req.name}`, (db, t) => {
        const bridge = must(t.bridges, req.bridgeId, 'bridge');
        const id = db.meta.nextId('pt');
        db.topology.insert('port', { id, bridgeId: bridge.id, name: req.name, ofPort: req.ofPort ?? null });
        return { id, diagnostics: bridge.kind === 'vtn-vbridge' ? vnodeWarnings('vInterface', req.name, id) : [] };
      }),
    'topology.addLink': async (req) =>
      edit('add link', (db, t) => {
        const a = must(t.ports, req.aPortId, 'port');
        const b = must(t.ports, req.bPortId, 'port');
        if (a.bridgeId === b.bridgeId) throw new CoreError('INVALID_INPUT', `Ports '${a.name}' and '${b.name}' are on the same bridge; a link joins two bridges.`);
        const id = db.meta.nextId('ln');
        db.topology.insert('link', { id, aPortId: a.id, bPortId: b.id });
        return { id, label: `add link ${a.name} – ${b.name}` };
      }),
    'topology.addSegment': async (req) =>
      edit(`add segment ${req.prefix}`, (db, t) => {
        const port = must(t.ports, req.portId, 'port');
        const { prefix, diagnostics } = canonicalPrefix(req.prefix, '/prefix');
        if (t.segments.some((s) => s.prefix === prefix && s.portId === port.id)) throw new CoreError('CONFLICT', `Port '${port.name}' already has segment ${prefix}.`);
        const id = db.meta.nextId('sg');
        db.topology.insert('segment', { id, prefix, portId: port.id, name: req.name ?? null });
        return { id, diagnostics: [...diagnostics, ...segmentClashes(t, prefix, port.id, '/prefix')] };
      }),
    'topology.addUplink': async (req) =>
      edit('add uplink', (db, t) => {
        const port = must(t.ports, req.portId, 'port');
        const prefix = req.family === 6 ? '::/0' : '0.0.0.0/0';
        const other = t.segments.find((s) => s.prefix === prefix && t.ports.find((p) => p.id === s.portId)?.bridgeId === port.bridgeId);
        if (other) {
          const on = t.ports.find((p) => p.id === other.portId)?.name ?? other.portId;
          const bridge = t.bridges.find((b) => b.id === port.bridgeId)?.name ?? port.bridgeId;
          throw new CoreError('CONFLICT', `Bridge '${bridge}' already has an ${prefix} uplink on port '${on}'; remove it first.`);
        }
        const id = db.meta.nextId('sg');
        db.topology.insert('segment', { id, prefix, portId: port.id, name: 'uplink' });
        return { id, label: `add uplink on ${port.name}` };
      }),
    'topology.addPop': async (req) =>
      edit(`add PoP ${req.name}`, (db, t) => {
        const port = must(t.ports, req.portId, 'port');
        const id = db.meta.nextId('pop');
        db.topology.insert('pop', { id, name: req.name, portId: port.id, aliases: req.aliases ?? [] });
        return { id };
      }),
    'topology.addNap': async (req) =>
      edit(`add NAP ${req.name}`, (db, t) => {
        must(t.ports, req.cePortId, 'port');
        must(t.ports, req.pePortId, 'port');
        const id = db.meta.nextId('nap');
        db.topology.insert('nap', { id, name: req.name, cePortId: req.cePortId, pePortId: req.pePortId });
        return { id };
      }),
    'topology.update': async (req) =>
      edit(`edit ${req.kind}`, (db, t) => {
        const element = must(listOf(t, req.kind), req.id, req.kind);
        // The request schema has typed each field; references and names are checked here, so
        // the answer names the element instead of a database constraint.
        const changes: Record<string, unknown> = { ...req.changes };
        checkChanges(t, req.kind, element, changes);
        const diagnostics: DiagnosticDto[] = [];
        if (req.kind === 'segment' && typeof changes.prefix === 'string') {
          const canonical = canonicalPrefix(changes.prefix, '/changes/prefix');
          changes.prefix = canonical.prefix;
          diagnostics.push(...canonical.diagnostics);
          const portId = typeof changes.portId === 'string' ? changes.portId : (t.segments.find((x) => x.id === req.id)?.portId ?? '');
          diagnostics.push(...segmentClashes(t, canonical.prefix, portId, '/changes/prefix', req.id));
        }
        db.topology.update(req.kind as ElementKind, req.id, changes);
        return { id: req.id, diagnostics, label: `edit ${describe(req.kind, element)}` };
      }),
    'topology.remove': async (req) =>
      edit(`delete ${req.kind}`, (db, t) => {
        const element = must(listOf(t, req.kind), req.id, req.kind);
        db.topology.remove(req.kind as ElementKind, req.id);
        return { id: req.id, label: `delete ${describe(req.kind, element)}` };
      }),
    'topology.removeMany': async (req) =>
      edit(`delete ${req.items.length} elements`, (db) => {
        let removed = 0;
        for (const item of req.items) {
          // Read again each time: deleting a bridge takes its ports, segments and links along.
          if (!listOf(db.topology.read(), item.kind).some((e) => e.id === item.id)) continue;
          db.topology.remove(item.kind as ElementKind, item.id);
          removed += 1;
        }
        if (removed === 0) throw new CoreError('NOT_FOUND', 'None of the selected elements is in this project any more.');
        return { id: String(removed), label: `delete ${removed} element${removed === 1 ? '' : 's'}` };
      }),
    'topology.paste': async (req) => {
      let pasted: ReturnType<typeof pasteCopies>['pasted'] = [];
      const result = edit('paste', (db, t) => {
        const copy = pasteCopies(db, t, req.items, req.positions);
        pasted = copy.pasted;
        return { id: pasted[0]?.id ?? '', diagnostics: copy.diagnostics, label: `paste ${pasted.length} element${pasted.length === 1 ? '' : 's'}` };
      });
      return { ...result, pasted };
    },
    'topology.setVlanPool': async (req) =>
      edit('set VLAN pool', (db, t) => {
        const port = must(t.ports, req.portId, 'port');
        db.topology.remove('vlanPool', port.id);
        if (req.pool) db.topology.insert('vlanPool', { portId: port.id, first: req.pool.first, last: req.pool.last });
        const pool = req.pool ?? DEFAULT_VLAN_POOL;
        const outside = db.allocations.read().filter((a) => a.kind === 'vlan' && a.scope === port.id && (Number(a.value) < pool.first || Number(a.value) > pool.last));
        const nameOf = new Map(outside.length > 0 ? db.services.read().map((s) => [s.id, s.name]) : []);
        const diagnostics: DiagnosticDto[] = outside.map((a) => ({
          severity: 'warning',
          code: 'VLAN_OUTSIDE_POOL',
          message: `Service '${nameOf.get(a.serviceId) ?? a.serviceId}' holds VLAN ${a.value} on port '${port.name}' (${a.direction}), outside the pool ${pool.first}–${pool.last}.`,
          pointer: '/pool',
          elementId: port.id,
          hint: `Re-plan it to move the tag into the pool, or widen the pool to include ${a.value}.`,
        }));
        return { id: port.id, diagnostics, label: req.pool ? `set VLAN pool ${req.pool.first}–${req.pool.last} on ${port.name}` : `reset VLAN pool of ${port.name}` };
      }),
    'topology.lookup': async (req) => {
      const parsed = tryParsePrefix(req.address, 'address or prefix');
      if (!parsed.ok) throw new CoreError('INVALID_INPUT', parsed.message, { issues: [{ pointer: '/address', message: parsed.message }] });
      const match = currentSegments().match(parsed.value.prefix);
      return {
        prefix: parsed.value.prefix,
        segmentId: match?.segment.id ?? null,
        segmentPrefix: match?.segment.prefix ?? null,
        portId: match?.port.id ?? null,
        bridgeId: match?.port.bridgeId ?? null,
        isDefault: match?.isDefault ?? false,
        alsoOn: match?.alsoOn.map((s) => s.id) ?? [],
      };
    },
    'topology.setDefaults': async (req) =>
      edit('set default segments', (db) => {
        const src = req.sourceSegment === null ? null : canonicalPrefix(req.sourceSegment, '/sourceSegment');
        const dst = req.targetSegment === null ? null : canonicalPrefix(req.targetSegment, '/targetSegment');
        db.topology.writeDefaults({ sourceSegment: src?.prefix ?? null, targetSegment: dst?.prefix ?? null });
        return { id: 'defaults', diagnostics: [...(src?.diagnostics ?? []), ...(dst?.diagnostics ?? [])] };
      }),
    'topology.import': async (req) =>
      edit('import topology', (db) => {
        // A YAML topology says so on its `schema:` line; anything else is read as topology JSON.
        const { topology, positions } = isTopologyYaml(req.text) ? parseTopologyYaml(req.text) : parseTopologyJson(req.text);
        db.topology.replace(topology);
        db.positions.write(positions);
        return { id: 'topology' };
      }),
    'layout.move': async (req) => {
      ctx.session.touch((db) => db.positions.write(req.positions));
      return ctx.session.info();
    },
    'layout.arrange': async (req) => {
      const label = req.label ?? 'auto-layout';
      ctx.session.mutate(label, (db) => db.positions.write(req.positions));
      return ctx.changed(label);
    },
  };
}

/** The elements of a kind, each with an id (a VLAN pool is known by its port's id). */
function listOf(t: TopologyDto, kind: ElementKind): readonly { readonly id: string }[] {
  return kind === 'vlanPool' ? t.vlanPools.map((v) => ({ ...v, id: v.portId })) : (t[TOPOLOGY_TABLES[kind].list] as readonly { readonly id: string }[]);
}

const KIND_NAMES: Readonly<Record<ElementKind, string>> = { bridge: 'bridge', port: 'port', link: 'link', segment: 'segment', pop: 'PoP', nap: 'NAP', vlanPool: 'VLAN pool' };

/** "PoP pop-athens", "segment 10.20.0.0/24", "link": how an Undo / Redo label names an element. */
function describe(kind: ElementKind, element: { readonly id: string }): string {
  const e = element as { readonly name?: unknown; readonly prefix?: unknown };
  const name = typeof e.prefix === 'string' ? e.prefix : typeof e.name === 'string' ? e.name : null;
  return name === null ? KIND_NAMES[kind] : `${KIND_NAMES[kind]} ${name}`;
}

/** Which element kind each reference field of an edit points at. */
const REFERENCES: Readonly<Record<string, 'bridge' | 'port'>> = { bridgeId: 'bridge', portId: 'port', aPortId: 'port', bPortId: 'port', cePortId: 'port', pePortId: 'port' };

/** Refuses an edit whose references are missing, whose name is taken, or that links a bridge to itself. */
function checkChanges(t: TopologyDto, kind: ElementKind, element: { readonly id: string }, changes: Readonly<Record<string, unknown>>): void {
  for (const [field, target] of Object.entries(REFERENCES)) {
    const ref = changes[field];
    if (typeof ref !== 'string') continue;
    const list: readonly { readonly id: string }[] = target === 'bridge' ? t.bridges : t.ports;
    if (!list.some((e) => e.id === ref)) {
      const message = `No ${target} with id '${ref}' in this project.`;
      throw new CoreError('NOT_FOUND', message, { issues: [{ pointer: `/changes/${field}`, message }] });
    }
  }
  const name = changes['name'];
  if (typeof name === 'string' && (kind === 'bridge' || kind === 'pop' || kind === 'nap' || kind === 'port')) {
    const others: readonly { readonly id: string; readonly name: string }[] =
      kind === 'port' ? t.ports.filter((p) => p.bridgeId === (changes['bridgeId'] ?? (element as PortDto).bridgeId)) : t[TOPOLOGY_TABLES[kind].list as 'bridges' | 'pops' | 'naps'];
    if (others.some((e) => e.name === name && e.id !== element.id)) {
      const where = kind === 'port' ? ' on this bridge' : '';
      const message = `${KIND_NAMES[kind]} '${name}' already exists${where}; choose another name.`;
      throw new CoreError('CONFLICT', message.charAt(0).toUpperCase() + message.slice(1), { issues: [{ pointer: '/changes/name', message }] });
    }
  }
  if (kind === 'link') {
    const link = element as LinkDto;
    const a = t.ports.find((p) => p.id === (changes['aPortId'] ?? link.aPortId));
    const b = t.ports.find((p) => p.id === (changes['bPortId'] ?? link.bPortId));
    if (a && b && a.bridgeId === b.bridgeId) throw new CoreError('INVALID_INPUT', `Ports '${a.name}' and '${b.name}' are on the same bridge; a link joins two bridges.`);
  }
}

function must<T extends { readonly id: string }>(items: readonly T[], id: string, what: string): T {
  const found = items.find((i) => i.id === id);
  if (!found) throw new CoreError('NOT_FOUND', `No ${what} with id '${id}' in this project.`);
  return found;
}

function vnodeWarnings(what: string, name: string, elementId: string): DiagnosticDto[] {
  return isVnodeName(name)
    ? []
    : [
        {
          severity: 'warning',
          code: 'NOT_A_VNODE_NAME',
          message: `'${name}' is not a valid VTN ${what} name (1–31 characters: letters, digits, '_'; first a letter or digit).`,
          elementId,
          hint: `VTN Manager will refuse it; use e.g. '${name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '').slice(0, 31) || 'x'}'.`,
        },
      ];
}
