/**
 * Flow lines in the form `ovs-ofctl` prints and reads, normalised so that what the driver adds
 * and what `dump-flows` shows back compare equal whatever OpenFlow version was negotiated
 * (OF1.0 `mod_vlan_vid:400` = OF1.3 `push_vlan:0x8100,set_field:4496->vlan_vid`).
 */

/** One flow of a dump (or of an add line), split into what identifies and what it does. */
export interface FlowText {
  /** `0x` + 16 hex digits. */
  readonly cookie: string;
  readonly table: number;
  readonly priority: number;
  /** Match fields, normalised and sorted (`in_port=1`, `ip`, `nw_src=…`). */
  readonly match: readonly string[];
  /** Actions, normalised, in order. */
  readonly actions: readonly string[];
  readonly packets: number;
  readonly bytes: number;
}

/** Dump fields that are counters or ages, not part of what a flow is. */
const STATS = new Set(['duration', 'n_packets', 'n_bytes', 'idle_age', 'hard_age', 'importance']);
/** Bare flags a dump may show next to the match. */
const FLAGS = new Set(['reset_counts', 'no_packet_counts', 'no_byte_counts', 'send_flow_rem', 'check_overlap']);

/** Splits on commas outside parentheses and brackets. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function matchField(token: string): string {
  const eq = token.indexOf('=');
  if (eq < 0) return token;
  const key = token.slice(0, eq);
  let value = token.slice(eq + 1);
  if (key === 'dl_type' || key === 'eth_type') {
    const n = Number(value);
    if (n === 0x0800) return 'ip';
    if (n === 0x86dd) return 'ipv6';
    return `dl_type=0x${n.toString(16).padStart(4, '0')}`;
  }
  if (key === 'vlan_tci') {
    // With the 0x1000 "present" bit it is a VLAN id; 0x0000/0x1fff means "untagged".
    const m = /^0x([0-9a-f]+)\/0x1fff$/i.exec(value);
    const tci = m?.[1] === undefined ? undefined : parseInt(m[1], 16);
    if (tci !== undefined && (tci & 0x1000) !== 0) return `dl_vlan=${tci & 0xfff}`;
    if (tci === 0) return 'vlan_tci=0x0000/0x1fff';
  }
  if (key === 'vlan_vid' && /^\d+$/.test(value)) return `dl_vlan=${Number(value) & 0xfff}`;
  if (key === 'nw_src' || key === 'nw_dst') value = value.replace(/\/32$/, '');
  if (key === 'ipv6_src' || key === 'ipv6_dst') value = value.toLowerCase().replace(/\/128$/, '');
  return `${key}=${value}`;
}

function normaliseActions(actions: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i] as string;
    const next = actions[i + 1];
    const setVid = (text: string | undefined): number | undefined => {
      const m = text === undefined ? null : /^set_field:(\d+|0x[0-9a-f]+)->vlan_vid$/i.exec(text);
      return m?.[1] === undefined ? undefined : Number(m[1]) & 0xfff;
    };
    if (/^push_vlan:0x8100$/i.test(a) && setVid(next) !== undefined) {
      out.push(`mod_vlan_vid:${setVid(next)}`);
      i++;
    } else if (setVid(a) !== undefined) out.push(`mod_vlan_vid:${setVid(a)}`);
    else if (a === 'pop_vlan') out.push('strip_vlan');
    else if (/^(output:)?in_port$/i.test(a)) out.push('in_port');
    else if (/^\d+$/.test(a)) out.push(`output:${a}`);
    else out.push(a);
  }
  return out;
}

/**
 * Parses one flow line of `ovs-ofctl dump-flows` (or the body of an `add` line); undefined for
 * header lines. Counters are kept apart from what the flow is.
 */
export function parseFlowLine(line: string): FlowText | undefined {
  const at = line.indexOf('actions=');
  if (at < 0) return undefined;
  const head = line.slice(0, at).trim().replace(/,$/, '');
  const actionText = line.slice(at + 'actions='.length).trim();
  let cookie = '0x0000000000000000';
  let table = 0;
  let priority = 32768;
  let packets = 0;
  let bytes = 0;
  const match: string[] = [];
  for (const token of head.split(/[\s,]+/).filter((t) => t !== '')) {
    const eq = token.indexOf('=');
    const key = eq < 0 ? token : token.slice(0, eq);
    const value = eq < 0 ? '' : token.slice(eq + 1);
    if (key === 'cookie') cookie = `0x${BigInt(value.split('/')[0] ?? '0').toString(16).padStart(16, '0')}`;
    else if (key === 'table') table = Number(value);
    else if (key === 'priority') priority = Number(value);
    else if (key === 'n_packets') packets = Number(value);
    else if (key === 'n_bytes') bytes = Number(value);
    else if (STATS.has(key) || FLAGS.has(key)) continue;
    else match.push(matchField(token));
  }
  const actions = actionText === 'drop' || actionText === '' ? [] : normaliseActions(splitTop(actionText));
  return { cookie, table, priority, match: [...new Set(match)].sort(), actions, packets, bytes };
}

/** What a flow is, as one comparable line (no cookie, no counters): `t0 p40096 in_port=1,ip,… -> output:2`. */
export function flowKey(flow: FlowText): string {
  return `t${flow.table} p${flow.priority} ${flow.match.join(',')} -> ${flow.actions.join(',') || 'drop'}`;
}

/** The `add` line of a bundle that (re)creates a flow. */
export function addLine(flow: FlowText): string {
  const match = flow.match.length > 0 ? `${flow.match.join(',')},` : '';
  return `add cookie=${flow.cookie},table=${flow.table},priority=${flow.priority},${match}actions=${flow.actions.join(',') || 'drop'}`;
}

/** The bundle line that deletes every flow carrying a cookie. */
export function deleteByCookieLine(cookie: string): string {
  return `delete cookie=${cookie}/-1`;
}
