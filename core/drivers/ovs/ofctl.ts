import type { BridgeDto, DiagnosticDto, PortDto } from '../../contract/dto';
import { serviceCookie } from '../openflow/cookie';
import { Findings } from '../translate/findings';
import { lintFlows } from '../openflow/flow-lint';
import { buildFlows, ETH_TYPE_IPV4, ETH_TYPE_IPV6, type FlowAction, type FlowEntry, type FlowPath } from '../openflow/flows';
import { bridgesOf, resolvePlans, type ResolvedPlan } from '../translate/resolve';
import { commentText, shellQuote } from '../../util/shell';
import type { TranslateInput, TranslateOptions } from '../translate/types';

/** An OVS bridge or interface name: what `ovs-vsctl` and a Linux netdev accept (≤ 15 chars). */
const OVS_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/;

const OFCTL = 'ovs-ofctl -O OpenFlow13';

/**
 * The Open vSwitch export: a POSIX shell script of `ovs-ofctl -O OpenFlow13` commands.
 *
 * Install: one `add-flow` per rule on the bridge named by the bridge's controllerId, tagged
 * with the service's cookie; optional lab prelude (`ovs-vsctl add-br` / `add-port` with
 * `ofport_request`). Teardown: `del-flows <bridge> cookie=<cookie>/-1` per bridge and service,
 * in reverse order. Throws `INVALID_INPUT` listing every blocking problem (port without an
 * OpenFlow number, a bridge name OVS cannot have, an error of the flow lint rules in
 * openflow/flow-lint.ts).
 */
export function ovsScript(input: TranslateInput, options: TranslateOptions = {}): { text: string; diagnostics: DiagnosticDto[] } {
  const findings = new Findings();
  const plans = resolvePlans(input, findings, options.teardown ? 'teardown' : 'install');
  checkBridgeNames(plans, findings);
  checkCookies(plans, findings);
  if (options.teardown) {
    findings.throwIfErrors('export the Open vSwitch teardown script');
    return { text: teardownScript(plans, options), diagnostics: [...findings.all] };
  }
  const paths = buildFlows(plans, findings);
  for (const d of lintFlows(paths.flatMap((p) => p.flows), input.topology)) findings.add(d);
  const prelude = options.labPrelude ? labPrelude(plans, input.topology.ports, findings) : [];
  findings.throwIfErrors('export the Open vSwitch script');
  return { text: installScript(plans, paths, prelude, options), diagnostics: [...findings.all] };
}

/**
 * The flows of the plans for a push to Open vSwitch, with the same checks as the script export
 * (bridge names, cookie collisions, the flow lint rules); throws `INVALID_INPUT` listing them.
 */
export function ovsFlowEntries(input: TranslateInput): FlowPath[] {
  const findings = new Findings();
  const plans = resolvePlans(input, findings, 'install');
  checkBridgeNames(plans, findings);
  checkCookies(plans, findings);
  const paths = buildFlows(plans, findings);
  for (const d of lintFlows(paths.flatMap((p) => p.flows), input.topology)) findings.add(d);
  findings.throwIfErrors('push the flows to Open vSwitch');
  return paths;
}

/**
 * The flows the plans stand for, without the checks of a push (for reading counters back: a
 * flow that cannot be built is simply absent, and the pairwise collision lint is skipped).
 */
export function ovsFlowPaths(input: TranslateInput): FlowPath[] {
  const findings = new Findings();
  return buildFlows(resolvePlans(input, findings, 'install'), findings);
}

function header(title: string, options: TranslateOptions): string[] {
  return [
    '#!/bin/sh',
    `# WICM Studio: ${title} (ovs-ofctl, OpenFlow 1.3).`,
    ...(options.generatedAt ? [`# Generated at ${commentText(options.generatedAt)}.`] : []),
  ];
}

function installScript(plans: readonly ResolvedPlan[], paths: readonly FlowPath[], prelude: readonly string[], options: TranslateOptions): string {
  const lines = [
    ...header(`Open vSwitch flows of ${count(plans.length, 'service')}`, options),
    '#',
    '# Priority = 40000 + 2 x (source prefix length + destination prefix length), + 1 when the',
    '# flow matches a VLAN tag: where two services overlap on a port the more specific one wins.',
    '# Every flow of a service carries the service\'s cookie; the teardown export removes them with',
    '#   ovs-ofctl -O OpenFlow13 del-flows <bridge> cookie=<cookie>/-1',
    '# Each direction is added from its last hop back to its first, so traffic is only diverted',
    '# once every later hop is in place.',
    'set -eu',
    ...prelude,
  ];
  for (const plan of plans) {
    const cookie = serviceCookie(plan.service.id);
    lines.push('', `# Service ${serviceTitle(plan)}, cookie ${cookie}`);
    for (const path of paths.filter((p) => p.serviceId === plan.service.id)) {
      const resolved = plan.paths.find((p) => p.direction === path.direction);
      const match = resolved?.rules[0] ? `${resolved.rules[0].src.text} -> ${resolved.rules[0].dst.text}` : 'no rules';
      lines.push(`# ${path.direction}: ${match}`);
      for (const flow of [...path.flows].reverse()) {
        lines.push(`# ${commentText(flow.note)}`, `${OFCTL} add-flow ${flow.bridge.controllerId} ${shellQuote(flowSpec(flow))}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function teardownScript(plans: readonly ResolvedPlan[], options: TranslateOptions): string {
  const lines = [
    ...header(`remove the Open vSwitch flows of ${count(plans.length, 'service')}`, options),
    '# Deletes, on every bridge a service uses, the flows carrying that service\'s cookie.',
    'set -eu',
  ];
  for (const plan of [...plans].reverse()) {
    const cookie = serviceCookie(plan.service.id);
    lines.push('', `# Service ${serviceTitle(plan)}, cookie ${cookie}`);
    for (const bridge of bridgesOf(plan).reverse()) {
      lines.push(`${OFCTL} del-flows ${bridge.controllerId} ${shellQuote(`cookie=${cookie}/-1`)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The `ovs-ofctl add-flow` flow specification of one flow (match fields in OVS order). */
export function flowSpec(flow: FlowEntry): string {
  const m = flow.match;
  const parts = [`cookie=${flow.cookie}`, `table=${flow.table}`, `priority=${flow.priority}`, `in_port=${m.inPort}`];
  if (m.vlan !== null) parts.push(`dl_vlan=${m.vlan}`);
  // `ip`/`ipv6` must come before the address fields, or OVS drops them from the match.
  if (m.ethType === ETH_TYPE_IPV4) parts.push('ip');
  else if (m.ethType === ETH_TYPE_IPV6) parts.push('ipv6');
  else if (m.ethType !== null) parts.push(`dl_type=0x${m.ethType.toString(16).padStart(4, '0')}`);
  const [srcField, dstField] = (m.src ?? m.dst)?.family === 6 ? ['ipv6_src', 'ipv6_dst'] : ['nw_src', 'nw_dst'];
  if (m.src) parts.push(`${srcField}=${m.src.text}`);
  if (m.dst) parts.push(`${dstField}=${m.dst.text}`);
  parts.push(`actions=${flow.actions.map(actionText).join(',')}`);
  return parts.join(',');
}

function actionText(action: FlowAction): string {
  switch (action.type) {
    case 'mod_vlan_vid':
      return `mod_vlan_vid:${action.vid}`;
    case 'set_field_vlan_vid':
      return `set_field:${action.value}->vlan_vid`;
    case 'strip_vlan':
      return 'strip_vlan';
    case 'output':
      return `output:${action.port}`;
    case 'in_port':
      return 'in_port';
  }
}

function labPrelude(plans: readonly ResolvedPlan[], ports: readonly PortDto[], findings: Findings): string[] {
  const bridges = uniqueBridges(plans);
  const lines = [
    '',
    '# Lab prelude: create the bridges and their ports (test bridges only; existing flows are',
    '# cleared). Production bridges already exist: export without the prelude for them.',
  ];
  for (const bridge of bridges) {
    const name = bridge.controllerId;
    lines.push(`ovs-vsctl --may-exist add-br ${name} -- set bridge ${name} protocols=OpenFlow13 fail_mode=secure`);
    const numbered = ports.filter((p) => p.bridgeId === bridge.id && p.ofPort !== null);
    for (const port of [...numbered].sort((a, b) => (a.ofPort ?? 0) - (b.ofPort ?? 0))) {
      if (!OVS_NAME.test(port.name)) {
        findings.error('OVS_INVALID_NAME', `Port "${port.name}" of bridge "${bridge.name}" is not a valid OVS interface name`, {
          elementId: port.id,
          hint: 'Lab prelude port names need 1-15 letters, digits, "_", "." or "-".',
        });
        continue;
      }
      lines.push(`ovs-vsctl --may-exist add-port ${name} ${port.name} -- set interface ${port.name} ofport_request=${port.ofPort}`);
    }
    lines.push(`${OFCTL} del-flows ${name}`);
  }
  return lines;
}

function checkBridgeNames(plans: readonly ResolvedPlan[], findings: Findings): void {
  for (const bridge of uniqueBridges(plans)) {
    if (OVS_NAME.test(bridge.controllerId)) continue;
    findings.error('OVS_INVALID_NAME', `Bridge "${bridge.name}" has controller id "${bridge.controllerId}", which is not an OVS bridge name`, {
      elementId: bridge.id,
      hint: 'For Open vSwitch the controller id is the bridge name: 1-15 letters, digits, "_", "." or "-".',
    });
  }
}

function checkCookies(plans: readonly ResolvedPlan[], findings: Findings): void {
  const byCookie = new Map<string, string>();
  for (const plan of plans) {
    const cookie = serviceCookie(plan.service.id);
    const other = byCookie.get(cookie);
    if (other !== undefined && other !== plan.service.id) {
      findings.error('COOKIE_COLLISION', `Services "${other}" and "${plan.service.id}" hash to the same cookie ${cookie}`, {
        elementId: plan.service.id,
        hint: 'Export them separately, or rename one service id.',
      });
    }
    byCookie.set(cookie, plan.service.id);
  }
}

function uniqueBridges(plans: readonly ResolvedPlan[]): BridgeDto[] {
  const seen = new Map<string, BridgeDto>();
  for (const bridge of plans.flatMap(bridgesOf)) if (!seen.has(bridge.id)) seen.set(bridge.id, bridge);
  return [...seen.values()];
}

/** `"Web chain" (svc1)`, safe for a comment line. */
export function serviceTitle(plan: ResolvedPlan): string {
  return commentText(`"${plan.service.name}" (${plan.service.id})`);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
