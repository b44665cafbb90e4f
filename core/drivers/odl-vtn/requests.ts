import type { BridgeDto, DiagnosticDto, PortDto } from '../../contract/dto';
import { isVnodeName, toVnodeName } from '../../model';
import { Findings } from '../translate/findings';
import { bridgesOf, resolvePlans, type ResolvedPath, type ResolvedPlan, type ResolvedRule } from '../translate/resolve';
import type { TranslateInput, TranslateOptions } from '../translate/types';
import { DEFAULT_VTN_TENANT } from './defaults';

/** One VTN RESTCONF RPC call. */
export interface VtnRequest {
  readonly method: 'POST';
  /** Path below the controller's base URL, e.g. `/restconf/operations/vtn:update-vtn`. */
  readonly path: string;
  readonly body: { readonly input: Readonly<Record<string, unknown>> };
}

const OPS = '/restconf/operations';

/**
 * The OpenDaylight VTN Manager requests (RESTCONF RPCs, Boron model) of the plans, in push
 * order.
 *
 * Install, per plan and per direction (forward first): `set-flow-condition` (operation SET,
 * match index 1, EtherType 2048 and the IPv4 source/destination networks; a `/0` side is left
 * out = any), then one `set-flow-filter` per rule — an input filter on the vInterface the
 * packet enters, redirecting it out of the next one — from the last hop back to the first, so
 * traffic is only diverted once every later hop is in place. With `labPrelude`, first
 * `update-vtn`, `update-vbridge`, `update-vinterface` and (where `vtnNodes` names the switch)
 * `set-port-map`.
 *
 * Teardown, plans in reverse order: per vInterface one `remove-flow-filter` with exactly the
 * indices of this service's filters, then `remove-flow-condition` (reverse direction first).
 *
 * VTN's inet match is IPv4 only and its names are vnode-names: IPv6 services, bad names,
 * clashing filter indices and self-redirects throw `INVALID_INPUT` with every problem listed.
 */
export function vtnRequests(input: TranslateInput, options: TranslateOptions = {}): { readonly requests: readonly VtnRequest[] } {
  return { requests: buildVtnRequests(input, options).requests };
}

/** The VTN name of a bridge or interface (checked by checkVtn before any request is built). */
function vtn(name: string): string {
  return toVnodeName(name) ?? name;
}

/**
 * The vInterface a rule uses on a port. With provisioning, a port reached with a VLAN tag gets
 * one vInterface per tag, port-mapped with that VLAN (`if_pop_v400`), as T-NOVA's `vtn.py`
 * maps one vInterface per hop: a VTN vInterface carries exactly one (switch, port, VLAN).
 */
type IfaceName = (port: PortDto, tag: number | null) => string;

const plainName: IfaceName = (port) => vtn(port.name);
const taggedName: IfaceName = (port, tag) => (tag === null ? vtn(port.name) : `${vtn(port.name).slice(0, 25)}_v${tag}`);

/** The requests and the non-blocking findings; throws `INVALID_INPUT` on blocking ones. */
export function buildVtnRequests(input: TranslateInput, options: TranslateOptions): { requests: VtnRequest[]; diagnostics: DiagnosticDto[] } {
  const findings = new Findings();
  const tenant = options.tenant ?? DEFAULT_VTN_TENANT;
  if (!isVnodeName(tenant)) {
    findings.error('VTN_INVALID_NAME', `Tenant name "${tenant}" is not a VTN vnode-name`, {
      hint: 'Use 1-31 letters, digits and "_", starting with a letter or digit.',
    });
  }
  const plans = resolvePlans(input, findings, options.teardown ? 'teardown' : 'install');
  checkVtn(plans, findings, options.teardown === true, options.labPrelude === true);
  const name = options.labPrelude ? taggedName : plainName;
  const prelude = options.labPrelude && !options.teardown ? provisioning(plans, tenant, options, findings) : [];
  findings.throwIfErrors(`export the VTN ${options.teardown ? 'teardown' : 'requests'}`);
  const requests = options.teardown
    ? [...plans].reverse().flatMap((plan) => teardownOf(plan, tenant, name))
    : [...prelude, ...plans.flatMap((plan) => plan.paths.flatMap((path) => installOf(path, tenant, name)))];
  return { requests, diagnostics: [...findings.all] };
}

function rpc(name: string, input: Record<string, unknown>): VtnRequest {
  return { method: 'POST', path: `${OPS}/${name}`, body: { input } };
}

/** The flow conditions of a path, first-use order, with the match each one stands for. */
function conditionsOf(path: ResolvedPath): { name: string; rule: ResolvedRule }[] {
  const seen = new Map<string, ResolvedRule>();
  for (const rule of path.rules) if (!seen.has(rule.rule.condition)) seen.set(rule.rule.condition, rule);
  return [...seen].map(([name, rule]) => ({ name, rule }));
}

function installOf(path: ResolvedPath, tenant: string, name: IfaceName): VtnRequest[] {
  const conditions = conditionsOf(path).map(({ name, rule }) => {
    const inet: Record<string, string> = {};
    if (rule.src.length > 0) inet['source-network'] = rule.src.text;
    if (rule.dst.length > 0) inet['destination-network'] = rule.dst.text;
    const match: Record<string, unknown> = { index: 1, 'vtn-ether-match': { 'ether-type': 2048 } };
    if (Object.keys(inet).length > 0) match['vtn-inet-match'] = inet;
    return rpc('vtn-flow-condition:set-flow-condition', { name, operation: 'SET', 'vtn-flow-match': [match] });
  });
  const filters = [...path.rules].reverse().map((r) =>
    rpc('vtn-flow-filter:set-flow-filter', {
      ...interfaceOf(tenant, r.bridge, name(r.inPort, r.tagIn)),
      output: false,
      'vtn-flow-filter': [
        {
          index: r.rule.filterIndex,
          condition: r.rule.condition,
          'vtn-redirect-filter': {
            'redirect-destination': { 'bridge-name': vtn(r.outBridge.controllerId), 'interface-name': name(r.outPort, r.tagOut) },
            output: true,
          },
        },
      ],
    }),
  );
  return [...conditions, ...filters];
}

function teardownOf(plan: ResolvedPlan, tenant: string, name: IfaceName): VtnRequest[] {
  const byInterface = new Map<string, { bridge: BridgeDto; iface: string; indices: number[] }>();
  for (const r of plan.paths.flatMap((p) => p.rules)) {
    const iface = name(r.inPort, r.tagIn);
    const key = `${r.bridge.id}/${iface}`;
    const entry = byInterface.get(key) ?? { bridge: r.bridge, iface, indices: [] };
    entry.indices.push(r.rule.filterIndex);
    byInterface.set(key, entry);
  }
  const filters = [...byInterface.values()].map(({ bridge, iface, indices }) =>
    rpc('vtn-flow-filter:remove-flow-filter', {
      ...interfaceOf(tenant, bridge, iface),
      output: false,
      indices: [...new Set(indices)].sort((a, b) => a - b),
    }),
  );
  const conditions = [...plan.paths]
    .reverse()
    .flatMap((path) => conditionsOf(path).map(({ name }) => rpc('vtn-flow-condition:remove-flow-condition', { name })));
  return [...filters, ...conditions];
}

function interfaceOf(tenant: string, bridge: BridgeDto, iface: string): Record<string, string> {
  return { 'tenant-name': tenant, 'bridge-name': vtn(bridge.controllerId), 'interface-name': iface };
}

function provisioning(plans: readonly ResolvedPlan[], tenant: string, options: TranslateOptions, findings: Findings): VtnRequest[] {
  const bridges = new Map<string, BridgeDto>();
  // One vInterface per (port, VLAN the plan uses there); null = untagged.
  const ifaces = new Map<string, { bridge: BridgeDto; port: PortDto; tag: number | null }>();
  const use = (bridge: BridgeDto, port: PortDto, tag: number | null): void => {
    const key = `${port.id}\u0000${tag ?? ''}`;
    if (!ifaces.has(key)) ifaces.set(key, { bridge, port, tag });
  };
  for (const plan of plans) {
    for (const bridge of bridgesOf(plan)) bridges.set(bridge.id, bridge);
    for (const r of plan.paths.flatMap((p) => p.rules)) {
      use(r.bridge, r.inPort, r.tagIn);
      use(r.outBridge, r.outPort, r.tagOut);
    }
  }
  const requests = [rpc('vtn:update-vtn', { 'tenant-name': tenant, 'update-mode': 'UPDATE', description: 'WICM Studio tenant' })];
  for (const bridge of bridges.values()) {
    requests.push(rpc('vtn-vbridge:update-vbridge', { 'tenant-name': tenant, 'bridge-name': vtn(bridge.controllerId), 'update-mode': 'UPDATE' }));
  }
  const unmapped = new Set<string>();
  for (const { bridge, port, tag } of ifaces.values()) {
    requests.push(rpc('vtn-vinterface:update-vinterface', { ...interfaceOf(tenant, bridge, taggedName(port, tag)), 'update-mode': 'UPDATE' }));
  }
  for (const { bridge, port, tag } of ifaces.values()) {
    const node = options.vtnNodes?.[bridge.controllerId];
    if (node === undefined || port.ofPort === null) {
      unmapped.add(bridge.name);
      continue;
    }
    if (!/^openflow:\d+$/.test(node)) {
      findings.error('VTN_INVALID_NODE', `Switch "${node}" given for vBridge "${bridge.controllerId}" is not an OpenFlow node id`, {
        elementId: bridge.id,
        hint: 'Use openflow:<decimal DPID>.',
      });
      continue;
    }
    const iface = interfaceOf(tenant, bridge, taggedName(port, tag));
    requests.push(rpc('vtn-port-map:set-port-map', { ...iface, node, 'port-id': String(port.ofPort), ...(tag === null ? {} : { 'vlan-id': tag }) }));
  }
  if (unmapped.size > 0) {
    findings.info('VTN_PORT_MAP_SKIPPED', `No port maps written for vBridge(s) ${[...unmapped].map((n) => `"${n}"`).join(', ')}`, {
      hint: 'Give the switch of each vBridge (vtnNodes) and the ports\' OpenFlow numbers, or map the vInterfaces on the controller.',
    });
  }
  return requests;
}

function checkVtn(plans: readonly ResolvedPlan[], findings: Findings, isTeardown: boolean, provisioned: boolean): void {
  const seenNames = new Set<string>();
  // Mapped names must stay distinct where VTN keys them: vBridges per tenant, vInterfaces per vBridge.
  const mappedFrom = new Map<string, string>();
  const name = (value: string, what: string, elementId: string, pointer: string, scope = ''): void => {
    const mapped = toVnodeName(value);
    const key = `${what}\u0000${scope}\u0000${mapped ?? value}`;
    const earlier = mappedFrom.get(key);
    if (mapped !== null && earlier !== undefined && earlier !== value) {
      findings.error('VTN_NAME_COLLISION', `${what} names "${earlier}" and "${value}" both become "${mapped}" on VTN`, {
        pointer,
        elementId,
        hint: 'Rename one of them so they differ in letters or digits.',
      });
    }
    mappedFrom.set(key, value);
    if (isVnodeName(value) || seenNames.has(`${what}\u0000${value}`)) return;
    seenNames.add(`${what}\u0000${value}`);
    if (mapped === null) {
      findings.error('VTN_INVALID_NAME', `${what} "${value}" is not a VTN vnode-name`, {
        pointer,
        elementId,
        hint: 'VTN names are 1-31 letters, digits and "_", starting with a letter or digit (no "-" or ".").',
      });
      return;
    }
    findings.warn('VTN_NAME_MAPPED', `${what} "${value}" is not a VTN vnode-name; it is sent as "${mapped}"`, {
      pointer,
      elementId,
      hint: `VTN names allow only letters, digits and "_": make sure the controller's ${what} is called "${mapped}", or rename it in the project.`,
    });
  };
  const conditions = new Map<string, { text: string; pointer: string }>();
  const filterSlots = new Map<string, string>();
  for (const plan of plans) {
    const vlanRule = plan.paths.flatMap((p) => p.rules).find((r) => r.tagIn !== null || r.tagOut !== null);
    if (vlanRule && !isTeardown && !provisioned) {
      findings.warn('VTN_VLAN_NOT_APPLIED', `Service "${plan.service.name}" uses VLAN tags, which VTN flow filters cannot set`, {
        pointer: `${vlanRule.pointer}/vlan`,
        elementId: plan.service.id,
        hint: 'On VTN a tag follows the vInterface\'s port map (set-port-map vlan-id).',
      });
    }
    for (const path of plan.paths) {
      const v6 = path.rules.find((r) => r.family === 6);
      if (v6) {
        findings.error(
          'VTN_IPV6_UNSUPPORTED',
          `Service "${plan.service.name}" (${path.direction}) matches IPv6 ${v6.src.text} -> ${v6.dst.text}; VTN flow conditions match IPv4 only`,
          { pointer: `${v6.pointer}/match`, elementId: plan.service.id, hint: 'Export this service for ONOS or Open vSwitch instead.' },
        );
      }
      for (const r of path.rules) {
        name(r.rule.condition, 'Flow condition', plan.service.id, `${r.pointer}/condition`);
        name(r.bridge.controllerId, 'vBridge', r.bridge.id, `${r.pointer}/bridgeId`);
        name(r.outBridge.controllerId, 'vBridge', r.outBridge.id, `${r.pointer}/outPortId`);
        name(r.inPort.name, 'vInterface', r.inPort.id, `${r.pointer}/inPortId`, r.bridge.id);
        name(r.outPort.name, 'vInterface', r.outPort.id, `${r.pointer}/outPortId`, r.outBridge.id);
        const text = `${r.src.text} -> ${r.dst.text}`;
        const known = conditions.get(r.rule.condition);
        if (known && known.text !== text) {
          findings.error('VTN_CONDITION_CONFLICT', `Flow condition "${r.rule.condition}" stands for ${known.text} and for ${text}`, {
            pointer: `${r.pointer}/condition`,
            hint: `Already used at ${known.pointer}; plan again so each condition name has one match.`,
          });
        } else if (!known) conditions.set(r.rule.condition, { text, pointer: `${r.pointer}/condition` });
        const index = r.rule.filterIndex;
        if (!Number.isInteger(index) || index < 1 || index > 65535) {
          findings.error('VTN_FILTER_INDEX', `Filter index ${index} is outside 1..65535`, { pointer: `${r.pointer}/filterIndex` });
        }
        const slot = `${r.bridge.controllerId}/${r.inPort.name}#${index}`;
        const holder = filterSlots.get(slot);
        if (holder !== undefined) {
          findings.error('VTN_FILTER_INDEX_CLASH', `Filter index ${index} of vInterface ${r.bridge.controllerId}/${r.inPort.name} is used twice; the second filter would replace the first`, {
            pointer: `${r.pointer}/filterIndex`,
            hint: `Also used at ${holder}; plan again to allocate distinct indices per interface.`,
          });
        } else filterSlots.set(slot, `${r.pointer}/filterIndex`);
        if (r.inPort.id === r.outPort.id) {
          findings.error('VTN_SELF_REDIRECT', `Rule ${r.rule.seq} redirects vInterface "${r.inPort.name}" to itself, which VTN rejects`, {
            pointer: `${r.pointer}/outPortId`,
          });
        }
      }
    }
  }
}
