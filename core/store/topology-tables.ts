import type { BridgeDto, LinkDto, NapDto, PopDto, PortDto, SegmentDto, TopologyDto, VlanPoolDto } from '../contract/dto';
import type { SqlValue } from './sqlite-port';

/** Topology element kinds that have their own table. */
export type ElementKind = 'bridge' | 'port' | 'link' | 'segment' | 'pop' | 'nap' | 'vlanPool';

/** The DTO stored for an element kind. */
export type ElementOf<K extends ElementKind> = {
  bridge: BridgeDto;
  port: PortDto;
  link: LinkDto;
  segment: SegmentDto;
  pop: PopDto;
  nap: NapDto;
  vlanPool: VlanPoolDto;
}[K];

/** How one DTO field is stored: its column, and how a stored value reads back. */
export interface ColumnSpec {
  readonly column: string;
  readonly read: (value: SqlValue) => unknown;
}

/** DTO fields kept in the element's own table (a PoP's aliases have a table of their own). */
type StoredField<T> = Exclude<keyof T & string, 'aliases'>;

/** Table of one element kind: its name, key field, list in `TopologyDto`, and field → column map. */
export interface TableSpec<T> {
  readonly name: string;
  readonly key: StoredField<T>;
  readonly list: Exclude<keyof TopologyDto, 'defaults'>;
  /** Every stored field, in the order a read builds the DTO. */
  readonly columns: { readonly [F in StoredField<T>]: ColumnSpec };
}

const text = (column: string): ColumnSpec => ({ column, read: (v) => String(v) });
const textOrNull = (column: string): ColumnSpec => ({ column, read: (v) => (v === null ? null : String(v)) });
const int = (column: string): ColumnSpec => ({ column, read: (v) => Number(v) });
const intOrNull = (column: string): ColumnSpec => ({ column, read: (v) => (v === null ? null : Number(v)) });

/**
 * The one map of topology tables: reads, writes, updates and deletes are derived from it (table
 * and column names are fixed here, never user input). Ordered parents first: a topology is
 * inserted in this order and deleted in the reverse one.
 */
export const TOPOLOGY_TABLES: { readonly [K in ElementKind]: TableSpec<ElementOf<K>> } = {
  bridge: {
    name: 'bridges',
    key: 'id',
    list: 'bridges',
    columns: { id: text('id'), name: text('name'), kind: text('kind'), controllerId: text('controller_id'), datapathId: textOrNull('datapath_id') },
  },
  port: { name: 'ports', key: 'id', list: 'ports', columns: { id: text('id'), bridgeId: text('bridge_id'), name: text('name'), ofPort: intOrNull('of_port') } },
  link: { name: 'links', key: 'id', list: 'links', columns: { id: text('id'), aPortId: text('a_port_id'), bPortId: text('b_port_id') } },
  segment: { name: 'segments', key: 'id', list: 'segments', columns: { id: text('id'), prefix: text('prefix'), portId: text('port_id'), name: textOrNull('name') } },
  pop: { name: 'pops', key: 'id', list: 'pops', columns: { id: text('id'), name: text('name'), portId: text('port_id') } },
  nap: { name: 'naps', key: 'id', list: 'naps', columns: { id: text('id'), name: text('name'), cePortId: text('ce_port_id'), pePortId: text('pe_port_id') } },
  vlanPool: { name: 'vlan_pools', key: 'portId', list: 'vlanPools', columns: { portId: text('port_id'), first: int('first'), last: int('last') } },
};

/** Element kinds in table order (parents first). */
export const ELEMENT_KINDS = Object.keys(TOPOLOGY_TABLES) as ElementKind[];

/** The table of a kind, with its fields as plain strings (for building SQL). */
export function tableOf(kind: ElementKind): { readonly name: string; readonly key: string; readonly list: TableSpec<unknown>['list']; readonly columns: Readonly<Record<string, ColumnSpec>> } {
  return TOPOLOGY_TABLES[kind] as unknown as ReturnType<typeof tableOf>;
}
