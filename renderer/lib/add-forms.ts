import type { Req } from '../../core/contract/api';
import type { BridgeKind, TopologyDto } from '../../core/contract/dto';
import { optionalInt, text, type FieldSpec, type FormValues } from './forms';
import { portChoices } from './port-picker';

/** What the palette can add. */
export type AddKind = 'bridge' | 'port' | 'segment' | 'uplink' | 'pop' | 'nap' | 'link';

/** Palette entries, in the order they are offered. */
export const addKinds: readonly { readonly kind: AddKind; readonly label: string }[] = [
  { kind: 'bridge', label: 'Bridge / switch' },
  { kind: 'port', label: 'Port' },
  { kind: 'segment', label: 'Segment' },
  { kind: 'uplink', label: 'Uplink' },
  { kind: 'pop', label: 'PoP' },
  { kind: 'nap', label: 'NAP' },
  { kind: 'link', label: 'Link' },
];

/** The engine methods that add an element. */
export type AddMethod = 'topology.addBridge' | 'topology.addPort' | 'topology.addSegment' | 'topology.addUplink' | 'topology.addPop' | 'topology.addNap' | 'topology.addLink';

/** A typed add call, ready for the client (one method with its own request). */
export type AddRequest<M extends AddMethod = AddMethod> = { [K in M]: { readonly method: K; readonly req: Req<K> } }[M];

const bridgeKinds: readonly { value: BridgeKind; label: string }[] = [
  { value: 'vtn-vbridge', label: 'VTN vBridge' },
  { value: 'openflow', label: 'OpenFlow switch' },
  { value: 'ovs', label: 'OVS bridge' },
  { value: 'generic', label: 'Generic' },
];

/** Port choices labelled `bridge / port`. */
export function portOptions(t: TopologyDto): { value: string; label: string }[] {
  const bridges = new Map(t.bridges.map((b) => [b.id, b.name]));
  return t.ports.map((p) => ({ value: p.id, label: `${bridges.get(p.bridgeId) ?? '?'} / ${p.name}` }));
}

/** The fields of an add form. */
export function addFields(kind: AddKind, t: TopologyDto): FieldSpec[] {
  const ports = portChoices(t);
  const port = (key: string, label: string): FieldSpec => ({ key, label, type: 'port', ports, required: true });
  switch (kind) {
    case 'bridge':
      return [
        { key: 'name', label: 'Name', type: 'text', required: true, placeholder: 'e.g. vbr4' },
        { key: 'kind', label: 'Kind', type: 'select', options: bridgeKinds, required: true },
        { key: 'controllerId', label: 'Controller id', type: 'text', placeholder: 'empty = same as the name', hint: 'VTN vBridge name, openflow:N or OVS bridge name' },
        { key: 'datapathId', label: 'Datapath id', type: 'text', placeholder: 'e.g. openflow:4' },
      ];
    case 'port':
      return [
        { key: 'bridgeId', label: 'Bridge', type: 'select', options: t.bridges.map((b) => ({ value: b.id, label: b.name })), required: true },
        { key: 'name', label: 'Name', type: 'text', required: true, placeholder: 'e.g. if-lan' },
        { key: 'ofPort', label: 'OpenFlow port', type: 'number', placeholder: 'optional, e.g. 3' },
      ];
    case 'segment':
      return [port('portId', 'Port'), { key: 'prefix', label: 'Prefix', type: 'text', required: true, placeholder: 'e.g. 10.40.0.0/24' }, { key: 'name', label: 'Name', type: 'text', placeholder: 'optional, e.g. campus-lan' }];
    case 'uplink':
      return [port('portId', 'Port'), { key: 'family', label: 'Family', type: 'select', options: [{ value: '4', label: 'IPv4 (0.0.0.0/0)' }, { value: '6', label: 'IPv6 (::/0)' }] }];
    case 'pop':
      return [{ key: 'name', label: 'Name', type: 'text', required: true, placeholder: 'e.g. pop-corinth' }, port('portId', 'Port'), { key: 'aliases', label: 'Aliases', type: 'text', placeholder: 'e.g. vim-corinth, 42', hint: 'comma-separated VIM names or ids' }];
    case 'nap':
      return [{ key: 'name', label: 'Name', type: 'text', required: true, placeholder: 'e.g. c1' }, port('cePortId', 'Customer edge port'), port('pePortId', 'Provider edge port')];
    case 'link':
      return [port('aPortId', 'From port'), port('bPortId', 'To port')];
  }
}

/** Starting values: empty text, first option, and the selected port or bridge where one fits. */
export function addValues(kind: AddKind, t: TopologyDto, selected: { readonly kind: string; readonly id: string } | null): FormValues {
  const selectedPort = selected?.kind === 'port' ? selected.id : null;
  const selectedBridge = selected?.kind === 'bridge' ? selected.id : selected?.kind === 'port' ? (t.ports.find((p) => p.id === selected.id)?.bridgeId ?? null) : null;
  const values: FormValues = {};
  for (const f of addFields(kind, t)) {
    if (f.type === 'checkbox') values[f.key] = false;
    else if (f.type === 'port') values[f.key] = (f.key === 'bPortId' ? null : selectedPort) ?? f.ports?.[0]?.value ?? '';
    else if (f.type !== 'select') values[f.key] = '';
    else if (f.key === 'bridgeId') values[f.key] = selectedBridge ?? f.options?.[0]?.value ?? '';
    else if (f.key.endsWith('PortId') || f.key === 'portId') values[f.key] = (f.key === 'bPortId' ? null : selectedPort) ?? f.options?.[0]?.value ?? '';
    else values[f.key] = f.options?.[0]?.value ?? '';
  }
  // A link needs two different ports: start its far end on another free port.
  if (kind === 'link' && values.aPortId === values.bPortId) values.bPortId = portChoices(t).find((c) => c.value !== values.aPortId)?.value ?? '';
  return values;
}

/** Builds the add call from the form; only shape checks here, the engine validates the rest. */
export function toAddRequest(kind: AddKind, v: FormValues): AddRequest {
  const optional = (key: string): string | undefined => text(v, key) || undefined;
  switch (kind) {
    case 'bridge':
      return {
        method: 'topology.addBridge',
        req: { name: text(v, 'name'), kind: text(v, 'kind') as BridgeKind, ...(optional('controllerId') ? { controllerId: text(v, 'controllerId') } : {}), datapathId: optional('datapathId') ?? null },
      };
    case 'port':
      return { method: 'topology.addPort', req: { bridgeId: text(v, 'bridgeId'), name: text(v, 'name'), ofPort: optionalInt(v, 'ofPort', 'OpenFlow port') } };
    case 'segment':
      return { method: 'topology.addSegment', req: { portId: text(v, 'portId'), prefix: text(v, 'prefix'), name: optional('name') ?? null } };
    case 'uplink':
      return { method: 'topology.addUplink', req: { portId: text(v, 'portId'), family: text(v, 'family') === '6' ? 6 : 4 } };
    case 'pop':
      return { method: 'topology.addPop', req: { name: text(v, 'name'), portId: text(v, 'portId'), aliases: splitList(text(v, 'aliases')) } };
    case 'nap':
      return { method: 'topology.addNap', req: { name: text(v, 'name'), cePortId: text(v, 'cePortId'), pePortId: text(v, 'pePortId') } };
    case 'link':
      return { method: 'topology.addLink', req: { aPortId: text(v, 'aPortId'), bPortId: text(v, 'bPortId') } };
  }
}

/** `a, b,,c` → ['a', 'b', 'c']. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
