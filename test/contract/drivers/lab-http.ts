import type { ControllerTargetDto } from '../../../core/contract/api';
import type { LabController } from '../../../electron/host/lab';

/** Sends one request to a lab controller with the target's credentials (out of band: not through a driver). */
export async function labRequest(lab: LabController, target: ControllerTargetDto, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${lab.url}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${target.user}:${target.password}`).toString('base64')}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** Calls a VTN RPC on the lab controller. */
export function vtnRpc(lab: LabController, target: ControllerTargetDto, rpc: string, input: unknown): Promise<{ status: number; json: unknown }> {
  return labRequest(lab, target, 'POST', `/restconf/operations/${rpc}`, { input });
}

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** VTN lab state as lines: `cond <name> <src>-><dst>` and `filter <t>/<b>/<i>#<n> <cond> -> <b>/<i>`. */
export function vtnView(state: unknown): string[] {
  const lines: string[] = [];
  for (const c of arr(rec(rec(state)['vtn-flow-conditions'])['vtn-flow-condition'])) {
    const inet = rec(rec(arr(rec(c)['vtn-flow-match'])[0])['vtn-inet-match']);
    lines.push(`cond ${String(rec(c).name)} ${String(inet['source-network'] ?? 'any')}->${String(inet['destination-network'] ?? 'any')}`);
  }
  for (const t of arr(rec(rec(state).vtns).vtn)) {
    for (const b of arr(rec(t).vbridge)) {
      for (const i of arr(rec(b).vinterface)) {
        for (const f of arr(rec(rec(i)['vinterface-input-filter'])['vtn-flow-filter'])) {
          const dest = rec(rec(rec(f)['vtn-redirect-filter'])['redirect-destination']);
          lines.push(`filter ${String(rec(t).name)}/${String(rec(b).name)}/${String(rec(i).name)}#${String(rec(f).index)} ${String(rec(f).condition)} -> ${String(dest['bridge-name'])}/${String(dest['interface-name'])}`);
        }
      }
    }
  }
  return lines;
}

/** VTN exporter requests as the same lines as {@link vtnView}. */
export function vtnRequestLines(requests: readonly { path: string; body: { input: unknown } }[]): string[] {
  return requests.flatMap((r) => {
    const input = rec(r.body.input);
    if (r.path.endsWith(':set-flow-condition')) {
      const inet = rec(rec(arr(input['vtn-flow-match'])[0])['vtn-inet-match']);
      return [`cond ${String(input.name)} ${String(inet['source-network'] ?? 'any')}->${String(inet['destination-network'] ?? 'any')}`];
    }
    if (r.path.endsWith(':set-flow-filter')) {
      const f = rec(arr(input['vtn-flow-filter'])[0]);
      const dest = rec(rec(f['vtn-redirect-filter'])['redirect-destination']);
      return [`filter ${String(input['tenant-name'])}/${String(input['bridge-name'])}/${String(input['interface-name'])}#${String(f.index)} ${String(f.condition)} -> ${String(dest['bridge-name'])}/${String(dest['interface-name'])}`];
    }
    return [];
  });
}

function criterionLine(c: unknown): string {
  const { type, ...rest } = rec(c);
  return `${String(type)}=${Object.values(rest).map(String).join('/')}`;
}

function instructionLine(i: unknown): string {
  const r = rec(i);
  return [r.type, r.subtype, r.port, r.vlanId].filter((x) => x !== undefined).map(String).join(':');
}

/** One ONOS flow as a line: `<app> <device> p<prio> <criteria> -> <instructions>`. */
export function onosLine(flow: unknown, appId?: string): string {
  const f = rec(flow);
  const criteria = arr(rec(f.selector).criteria).map(criterionLine).sort().join(',');
  const instructions = arr(rec(f.treatment).instructions).map(instructionLine).join(',');
  return `${appId ?? String(f.appId)} ${String(f.deviceId)} p${String(f.priority)} ${criteria} -> ${instructions}`;
}

/** ONOS lab state as lines (every application). */
export function onosView(state: unknown): string[] {
  return arr(rec(state).flows).map((f) => onosLine(f));
}

/** ONOS lab flows (raw) of one application. */
export function onosFlowsOf(state: unknown, appId: string): Json[] {
  return arr(rec(state).flows).map(rec).filter((f) => f.appId === appId);
}
