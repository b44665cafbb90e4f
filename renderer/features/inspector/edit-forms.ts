import type { TopologyDto } from '../../../core/contract/dto';
import type { GraphKind } from '../../graph/elements';
import { optionalInt, text, type FieldSpec, type FormValues } from '../../lib/forms';
import { splitList } from '../../lib/add-forms';
import { portChoices } from '../../lib/port-picker';

/** The inspector's form for one element: fields, current values, and a title. */
export interface EditForm {
  readonly title: string;
  readonly fields: readonly FieldSpec[];
  readonly values: FormValues;
}

/** The editable fields of a topology element, or null when it no longer exists. */
export function editForm(kind: GraphKind, id: string, t: TopologyDto): EditForm | null {
  const ports = portChoices(t);
  const portLabel = (portId: string): string => ports.find((p) => p.value === portId)?.label ?? portId;
  switch (kind) {
    case 'bridge': {
      const b = t.bridges.find((x) => x.id === id);
      if (!b) return null;
      return {
        title: `Bridge ${b.name}`,
        fields: [
          { key: 'name', label: 'Name', type: 'text', required: true },
          { key: 'controllerId', label: 'Controller id', type: 'text', required: true },
          { key: 'datapathId', label: 'Datapath id', type: 'text', placeholder: 'optional, e.g. openflow:4' },
        ],
        values: { name: b.name, controllerId: b.controllerId, datapathId: b.datapathId ?? '' },
      };
    }
    case 'port': {
      const p = t.ports.find((x) => x.id === id);
      if (!p) return null;
      return {
        title: `Port ${portLabel(p.id)}`,
        fields: [
          { key: 'name', label: 'Name', type: 'text', required: true },
          { key: 'ofPort', label: 'OpenFlow port', type: 'number', placeholder: 'optional, e.g. 3' },
        ],
        values: { name: p.name, ofPort: p.ofPort === null ? '' : String(p.ofPort) },
      };
    }
    case 'segment': {
      const s = t.segments.find((x) => x.id === id);
      if (!s) return null;
      return {
        title: `Segment on ${portLabel(s.portId)}`,
        fields: [
          { key: 'prefix', label: 'Prefix', type: 'text', required: true, placeholder: 'e.g. 10.0.0.0/24' },
          { key: 'name', label: 'Name', type: 'text', placeholder: 'optional, e.g. campus-lan' },
        ],
        values: { prefix: s.prefix, name: s.name ?? '' },
      };
    }
    case 'pop': {
      const p = t.pops.find((x) => x.id === id);
      if (!p) return null;
      return {
        title: `PoP ${p.name}`,
        fields: [
          { key: 'name', label: 'Name', type: 'text', required: true },
          { key: 'portId', label: 'Port', type: 'port', ports },
          { key: 'aliases', label: 'Aliases', type: 'text', placeholder: 'e.g. vim-athens, 42', hint: 'comma-separated' },
        ],
        values: { name: p.name, portId: p.portId, aliases: p.aliases.join(', ') },
      };
    }
    case 'nap': {
      const n = t.naps.find((x) => x.id === id);
      if (!n) return null;
      return {
        title: `NAP ${n.name}`,
        fields: [
          { key: 'name', label: 'Name', type: 'text', required: true },
          { key: 'cePortId', label: 'Customer edge port', type: 'port', ports },
          { key: 'pePortId', label: 'Provider edge port', type: 'port', ports },
        ],
        values: { name: n.name, cePortId: n.cePortId, pePortId: n.pePortId },
      };
    }
    case 'link': {
      const l = t.links.find((x) => x.id === id);
      if (!l) return null;
      return { title: `Link ${portLabel(l.aPortId)} — ${portLabel(l.bPortId)}`, fields: [], values: {} };
    }
  }
}

/** The changed fields, typed as the engine stores them (only what differs from `before`). */
export function toChanges(kind: GraphKind, values: FormValues, before: FormValues): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(values)) {
    if (text(values, key) === text(before, key)) continue;
    if (key === 'ofPort') changes[key] = optionalInt(values, key, 'OpenFlow port');
    else if (key === 'aliases' && kind === 'pop') changes[key] = splitList(text(values, key));
    else if (text(values, key) === '' && (key === 'datapathId' || (key === 'name' && kind === 'segment'))) changes[key] = null;
    else changes[key] = text(values, key);
  }
  return changes;
}
