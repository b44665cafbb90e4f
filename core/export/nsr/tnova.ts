import type { NapDto, ServiceDto } from '../../contract/dto';
import { CoreError } from '../../util/core-error';
import { effectiveReverse, Losses, reportLosses, type NsrContext } from './context';
import type { NsrDocument } from './types';

/** The tenant written when the service names none (T-NOVA's `client_mkt_id`). */
const DEFAULT_CLIENT = 'wicm';

/**
 * T-NOVA WICM bodies, in the order a client posts them: the NAP registration (`/nap`), one
 * `/nfvi` registration per PoP of the chains, then the `/vnf-connectivity` request with
 * `ce_pe` (forward) and `pe_ce` (return) NFVI lists. T-NOVA steers any IPv4 and allocates its
 * own VLANs, so segments and planned VLANs are not carried. Throws when the project has no NAP.
 */
export function tnovaDocument(service: ServiceDto, ctx: NsrContext): NsrDocument {
  const losses = new Losses(service, 'a T-NOVA vnf-connectivity request');
  reportLosses(service, ctx, { reverse: true, segments: false, name: false, repeats: true }, losses);
  const nap = chooseNap(service, ctx, losses);
  const client = typeof service.attributes['clientMktId'] === 'string' ? service.attributes['clientMktId'] : DEFAULT_CLIENT;
  const bodies: unknown[] = [];
  const napBody = napRegistration(nap, client, ctx, losses);
  if (napBody) bodies.push(napBody);
  const reverse = effectiveReverse(service);
  const seen = new Set<string>();
  for (const name of [...service.chain, ...reverse]) {
    if (seen.has(name)) continue;
    seen.add(name);
    const body = nfviRegistration(name, ctx, losses);
    if (body) bodies.push(body);
  }
  bodies.push({
    service: {
      ns_instance_id: service.id,
      client_mkt_id: client,
      nap_mkt_id: nap.name,
      ce_pe: [...service.chain],
      pe_ce: [...reverse],
    },
  });
  return { document: bodies, diagnostics: losses.list };
}

/** The service's NAP: the one it was imported with, else the one at its ingress, else the first by name. */
function chooseNap(service: ServiceDto, ctx: NsrContext, losses: Losses): NapDto {
  const naps = [...ctx.topology.naps].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const wanted = service.attributes['napMktId'];
  const named = typeof wanted === 'string' ? naps.find((n) => n.name.toLowerCase() === wanted.toLowerCase() || n.id === wanted) : undefined;
  if (named) return named;
  const ingressPorts = service.inSegment === null ? new Set<string>() : ctx.portsWithPrefix(service.inSegment);
  const atIngress = naps.find((n) => ingressPorts.has(n.cePortId));
  if (atIngress) return atIngress;
  const first = naps[0];
  if (!first) {
    throw new CoreError('INVALID_INPUT', `Service "${service.name}" cannot be exported for T-NOVA: the project has no NAP, and T-NOVA attaches every service to one.`, {
      diagnostics: [{ severity: 'error', code: 'NSR_NO_NAP', message: 'The project has no NAP.', elementId: service.id, hint: 'Add a NAP (customer edge and provider edge ports) in the topology editor.' }],
    });
  }
  if (naps.length > 1) losses.add('warning', 'NSR_NAP_GUESSED', `no NAP is recorded for the service; NAP "${first.name}" was used.`, 'Check nap_mkt_id in the exported request.');
  return first;
}

function napRegistration(nap: NapDto, client: string, ctx: NsrContext, losses: Losses): unknown {
  const ce = ctx.switchPort(nap.cePortId);
  const pe = ctx.switchPort(nap.pePortId);
  if (!ce || !pe || ce.switchId !== pe.switchId) {
    losses.add('warning', 'NSR_NAP_NOT_REGISTERED', `NAP "${nap.name}" is not registered in the document: its CE and PE ports need OpenFlow port numbers on one switch.`, 'Set the OpenFlow port numbers of the NAP ports.');
    return undefined;
  }
  return { nap: { mkt_id: nap.name, client_mkt_id: client, switch: ce.switchId, ce_port: ce.port, pe_port: pe.port } };
}

function nfviRegistration(name: string, ctx: NsrContext, losses: Losses): unknown {
  const pop = ctx.pop(name);
  const at = pop ? ctx.switchPort(pop.portId) : undefined;
  if (!pop) return undefined; // reported as an unknown PoP already
  if (!at) {
    losses.add('warning', 'NSR_NFVI_NOT_REGISTERED', `NFVI "${name}" is not registered in the document: the port of PoP "${pop.name}" has no OpenFlow port number.`, 'Set the OpenFlow port number of the PoP port.');
    return undefined;
  }
  return { nfvi: { mkt_id: name, switch: at.switchId, port: at.port } };
}
