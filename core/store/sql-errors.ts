import { CoreError } from '../util/core-error';

/** What a table's rows are called, for people. */
const THINGS: Readonly<Record<string, string>> = {
  bridges: 'bridge',
  ports: 'port',
  links: 'link',
  segments: 'segment',
  pops: 'PoP',
  pop_aliases: 'PoP alias',
  naps: 'NAP',
  vlan_pools: 'VLAN pool',
  services: 'service',
  plans: 'plan',
  allocations: 'allocation',
  positions: 'position',
  journal: 'journal entry',
};

/** What a column means, for people (`bridge_id` → "bridge"). */
function field(column: string): string {
  const words: Readonly<Record<string, string>> = { of_port: 'OpenFlow port number', a_port_id: 'port', b_port_id: 'port', service_id: 'service', port_id: 'port', bridge_id: 'bridge', pop_id: 'PoP' };
  return words[column] ?? column.replace(/_id$/, '').replace(/_/g, ' ');
}

const thing = (table: string): string => THINGS[table] ?? table.replace(/_/g, ' ').replace(/s$/, '');
const article = (word: string): string => (/^[aeiou]/i.test(word) && !/^uni/i.test(word) ? 'an' : 'a');

/**
 * A duplicate, in words: "A port with this name already exists on this bridge. Choose another
 * name." from `ports.bridge_id, ports.name` (never the table or column names themselves).
 */
function duplicateMessage(columns: string): string {
  const parts = columns.split(',').map((c) => c.trim().split('.'));
  const table = parts[0]?.[0] ?? '';
  const cols = parts.map((p) => p[1] ?? p[0] ?? '');
  const what = thing(table);
  const own = cols.filter((c) => !c.endsWith('_id'));
  const scope = cols.filter((c) => c.endsWith('_id')).map(field);
  const withWhat = own.length > 0 ? ` with this ${own.map(field).join(' and ')}` : '';
  const where = scope.length > 0 ? ` on this ${scope.join(' and ')}` : ' in this project';
  const fix = own.includes('name') ? ' Choose another name.' : '';
  return `${article(what) === 'an' ? 'An' : 'A'} ${what}${withWhat} already exists${where}.${fix}`;
}

/** A failed CHECK, in words: which value is out of range (`of_port IS NULL OR …` → "OpenFlow port number"). */
function rangeMessage(check: string): string {
  const column = /([a-z_]+)\s*(?:IS|BETWEEN|IN|<>|>=|<=|=|<|>)/i.exec(check)?.[1];
  return column ? `The ${field(column)} is out of range.` : 'A value is out of range.';
}

/**
 * Turns SQLite constraint failures into CONFLICT / INVALID_INPUT errors a person can act on,
 * in words: no table, column or SQL text reaches the message.
 */
export function translateSqlError(e: unknown): unknown {
  if (!(e instanceof Error) || e.name === 'CoreError') return e;
  const msg = e.message;
  if (msg.includes('UNIQUE constraint failed')) return new CoreError('CONFLICT', duplicateMessage(msg.replace(/^.*UNIQUE constraint failed: /, '')));
  if (msg.includes('FOREIGN KEY constraint failed')) {
    return new CoreError('INVALID_INPUT', 'This refers to an element that does not exist (it may have been deleted). Create the bridge or port first, or pick another one.');
  }
  if (msg.includes('CHECK constraint failed')) return new CoreError('INVALID_INPUT', rangeMessage(msg.replace(/^.*CHECK constraint failed: /, '')));
  return e;
}
