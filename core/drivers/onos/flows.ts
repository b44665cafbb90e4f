import type { BridgeDto, DiagnosticDto } from '../../contract/dto';
import { Findings } from '../translate/findings';
import { lintFlows } from '../openflow/flow-lint';
import { buildFlows, type FlowAction, type FlowEntry } from '../openflow/flows';
import { resolvePlans } from '../translate/resolve';
import type { TranslateInput, TranslateOptions } from '../translate/types';
import { DEFAULT_ONOS_APP_ID } from './defaults';

const APP_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** An ONOS selector criterion as the FlowRuleCodec reads it. */
export type OnosCriterion =
  | { readonly type: 'IN_PORT'; readonly port: number }
  | { readonly type: 'VLAN_VID'; readonly vlanId: number }
  | { readonly type: 'ETH_TYPE'; readonly ethType: string }
  | { readonly type: 'IPV4_SRC' | 'IPV4_DST' | 'IPV6_SRC' | 'IPV6_DST'; readonly ip: string };

/** An ONOS treatment instruction. */
export type OnosInstruction =
  | { readonly type: 'OUTPUT'; readonly port: string }
  | { readonly type: 'L2MODIFICATION'; readonly subtype: 'VLAN_PUSH' | 'VLAN_POP' }
  | { readonly type: 'L2MODIFICATION'; readonly subtype: 'VLAN_ID'; readonly vlanId: number };

/** One element of the `flows` array of `POST /onos/v1/flows`. */
export interface OnosFlow {
  readonly priority: number;
  readonly timeout: 0;
  readonly isPermanent: true;
  readonly deviceId: string;
  readonly tableId: number;
  readonly appId: string;
  readonly treatment: { readonly instructions: readonly OnosInstruction[] };
  readonly selector: { readonly criteria: readonly OnosCriterion[] };
}

/** An HTTP request of the ONOS teardown. */
export interface OnosRequest {
  readonly method: 'DELETE';
  readonly path: string;
}

/**
 * The ONOS flow batch: the body of `POST /onos/v1/flows` (`?appId=` optional, each flow names
 * its `appId` too). Same per-switch flows and priority scheme as the OVS export; IPv4 and IPv6.
 */
export function onosFlows(input: TranslateInput, options: TranslateOptions = {}): { readonly flows: readonly OnosFlow[] } {
  return { flows: buildOnosFlows(input, options).flows };
}

/** The flow batch and the non-blocking findings; throws `INVALID_INPUT` on blocking ones. */
export function buildOnosFlows(input: TranslateInput, options: TranslateOptions): { flows: OnosFlow[]; diagnostics: DiagnosticDto[] } {
  const findings = new Findings();
  const appId = checkAppId(options, findings);
  const plans = resolvePlans(input, findings);
  const entries = buildFlows(plans, findings).flatMap((p) => p.flows);
  for (const d of lintFlows(entries, input.topology)) findings.add(d);
  const devices = new Map<string, string | undefined>();
  for (const entry of entries) {
    if (!devices.has(entry.bridge.id)) devices.set(entry.bridge.id, deviceIdOf(entry.bridge, findings));
  }
  findings.throwIfErrors('export the ONOS flows');
  const flows = entries.map((entry) => toOnos(entry, devices.get(entry.bridge.id) ?? '', appId));
  return { flows, diagnostics: [...findings.all] };
}

/**
 * The ONOS teardown: `DELETE /onos/v1/flows/application/{appId}`.
 *
 * ONOS assigns flow ids itself (they embed the numeric id it gives the application), so an
 * offline export cannot list per-flow deletes; deleting by application removes every flow
 * posted under that appId. Use one appId per deployment, or per service when services are
 * pushed and removed one by one.
 */
export function onosTeardown(input: TranslateInput, options: TranslateOptions): { requests: OnosRequest[]; diagnostics: DiagnosticDto[] } {
  const findings = new Findings();
  const appId = checkAppId(options, findings);
  resolvePlans(input, findings, 'teardown');
  findings.throwIfErrors('export the ONOS teardown');
  findings.info(
    'ONOS_TEARDOWN_BY_APP',
    `The teardown removes every flow of application "${appId}", also those of services not in this export`,
    { hint: 'Give each service its own application id (appId option) to remove services one by one.' },
  );
  return {
    requests: [{ method: 'DELETE', path: `/onos/v1/flows/application/${encodeURIComponent(appId)}` }],
    diagnostics: [...findings.all],
  };
}

function checkAppId(options: TranslateOptions, findings: Findings): string {
  const appId = options.appId ?? DEFAULT_ONOS_APP_ID;
  if (!APP_ID.test(appId)) {
    findings.error('ONOS_INVALID_APP_ID', `"${appId}" is not a usable ONOS application id`, {
      hint: 'Use letters, digits, "_", "." and "-", e.g. org.wicm.studio.',
    });
  }
  return appId;
}

/** The ONOS device id of a bridge: `openflow:N` → `of:` + 16 hex digits; `of:…` as is. */
export function onosDeviceId(controllerId: string): string | undefined {
  if (/^of:[0-9a-fA-F]{16}$/.test(controllerId)) return controllerId;
  const m = /^openflow:(\d{1,20})$/.exec(controllerId);
  if (!m?.[1]) return undefined;
  const dpid = BigInt(m[1]);
  return dpid < 1n << 64n ? `of:${dpid.toString(16).padStart(16, '0')}` : undefined;
}

/** The ONOS device of a bridge: its datapath id when it has one (a VTN vBridge's switch), else its controller id. */
function deviceIdOf(bridge: BridgeDto, findings: Findings): string | undefined {
  const source = bridge.datapathId ?? bridge.controllerId;
  const id = onosDeviceId(source);
  if (id === undefined) {
    findings.error('ONOS_DEVICE_ID', `Bridge "${bridge.name}" has no OpenFlow device id ("${source}")`, {
      elementId: bridge.id,
      hint: 'Set its datapath id (or controller id) to openflow:<decimal DPID> or of:<16 hex digits>.',
    });
  }
  return id;
}

/** The ONOS selector criteria of a flow's match. */
export function onosCriteria(m: FlowEntry['match']): OnosCriterion[] {
  const isV6 = (m.src ?? m.dst)?.family === 6;
  const criteria: OnosCriterion[] = [{ type: 'IN_PORT', port: m.inPort }];
  if (m.vlan !== null) criteria.push({ type: 'VLAN_VID', vlanId: m.vlan });
  // Lower-case hex without leading zeros: what ONOS itself returns, so read-back compares equal.
  if (m.ethType !== null) criteria.push({ type: 'ETH_TYPE', ethType: `0x${m.ethType.toString(16)}` });
  if (m.src) criteria.push({ type: isV6 ? 'IPV6_SRC' : 'IPV4_SRC', ip: m.src.text });
  if (m.dst) criteria.push({ type: isV6 ? 'IPV6_DST' : 'IPV4_DST', ip: m.dst.text });
  return criteria;
}

function toOnos(entry: FlowEntry, deviceId: string, appId: string): OnosFlow {
  const m = entry.match;
  const criteria = onosCriteria(m);
  let isTagged = m.vlan !== null;
  const instructions = entry.actions.flatMap((action: FlowAction): OnosInstruction[] => {
    switch (action.type) {
      case 'mod_vlan_vid': {
        const push: OnosInstruction[] = isTagged ? [] : [{ type: 'L2MODIFICATION', subtype: 'VLAN_PUSH' }];
        isTagged = true;
        return [...push, { type: 'L2MODIFICATION', subtype: 'VLAN_ID', vlanId: action.vid }];
      }
      case 'set_field_vlan_vid':
        return [{ type: 'L2MODIFICATION', subtype: 'VLAN_ID', vlanId: action.value & 0xfff }];
      case 'strip_vlan':
        isTagged = false;
        return [{ type: 'L2MODIFICATION', subtype: 'VLAN_POP' }];
      case 'output':
        return [{ type: 'OUTPUT', port: String(action.port) }];
      case 'in_port':
        return [{ type: 'OUTPUT', port: 'IN_PORT' }];
    }
  });
  return {
    priority: entry.priority,
    timeout: 0,
    isPermanent: true,
    deviceId,
    tableId: entry.table,
    appId,
    treatment: { instructions },
    selector: { criteria },
  };
}
