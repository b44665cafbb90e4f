import type { ServiceDto } from '../../contract/dto';
import { hasSeparateReverse, isIpv6, Losses, reportLosses, type NsrContext } from './context';
import type { NsrDocument } from './types';

const PROVIDER = 'WICM Studio';

interface Nfp {
  readonly key: 'forward' | 'return';
  readonly chain: readonly string[];
  readonly src: string | null;
  readonly dst: string | null;
}

/**
 * An ETSI SOL005 NsInstance (INSTANTIATED): one VNF instance per hop, placed by `vimId`, with an
 * ingress and an egress external CP; one VNFFG whose forwarding paths (`nfpInfo`) list a
 * `cpGroup` per hop in chain order and carry the segments in `nfpRule`. A separate return chain
 * is a second path with the mirrored rule (so it needs both segments).
 */
export function sol005Document(service: ServiceDto, ctx: NsrContext): NsrDocument {
  const losses = new Losses(service, 'a SOL005 NsInstance');
  const separate = hasSeparateReverse(service);
  const reverseCarried = separate && service.inSegment !== null && service.outSegment !== null;
  reportLosses(service, ctx, { reverse: reverseCarried || !separate, segments: true, name: true, repeats: false }, losses);
  const nfps: Nfp[] = [{ key: 'forward', chain: service.chain, src: service.inSegment, dst: service.outSegment }];
  if (reverseCarried) nfps.push({ key: 'return', chain: service.reverseChain ?? [], src: service.outSegment, dst: service.inSegment });

  const vnfInstance = nfps.flatMap((nfp) =>
    nfp.chain.map((pop, i) => {
      const id = vnfId(nfp.key, i);
      return {
        id,
        vnfInstanceName: `${nfp.key}-hop-${i + 1}`,
        vnfdId: 'wicm-hop-vnfd',
        vnfProvider: PROVIDER,
        vnfProductName: 'WICM chain hop',
        vnfSoftwareVersion: '1.0',
        vnfdVersion: '1.0',
        vimId: pop,
        instantiationState: 'INSTANTIATED',
        instantiatedVnfInfo: {
          flavourId: 'default',
          vnfState: 'STARTED',
          extCpInfo: [
            { id: `${id}-in`, cpdId: 'in' },
            { id: `${id}-out`, cpdId: 'out' },
          ],
        },
      };
    }),
  );
  const nfpInfo = nfps.map((nfp) => ({
    id: `nfp-${nfp.key}`,
    nfpdId: `nfpd-${nfp.key}`,
    nfpName: `${service.name} ${nfp.key}`,
    description: `${nfp.key === 'forward' ? 'Forward' : 'Return'} path of ${service.name}`,
    cpGroup: nfp.chain.map((_, i) => ({
      cpPairInfo: [{ vnfExtCpIds: [`${vnfId(nfp.key, i)}-in`, `${vnfId(nfp.key, i)}-out`] }],
      forwardingBehaviour: 'ALL',
    })),
    totalCp: nfp.chain.length * 2,
    nfpRule: rule(nfp.src, nfp.dst),
    nfpState: 'ENABLED',
  }));
  return {
    document: {
      id: service.id,
      nsInstanceName: service.name,
      nsInstanceDescription: `Service chain ${service.name} exported by ${PROVIDER}`,
      nsdId: `${service.id}-nsd`,
      nsdInfoId: `${service.id}-nsd-info`,
      nsState: 'INSTANTIATED',
      vnfInstance,
      vnffgInfo: [
        {
          id: 'vnffg-1',
          vnffgdId: 'vnffgd-1',
          vnfInstanceId: vnfInstance.map((v) => v.id),
          nsCpHandle: vnfInstance.flatMap((v) => v.instantiatedVnfInfo.extCpInfo.map((cp) => ({ vnfInstanceId: v.id, vnfExtCpInstanceId: cp.id }))),
          nfpInfo,
        },
      ],
    },
    diagnostics: losses.list,
  };
}

function vnfId(key: string, index: number): string {
  return `vnf-${key}-${index + 1}`;
}

function rule(src: string | null, dst: string | null): Record<string, string> {
  const family = [src, dst].find((p) => p !== null);
  return {
    ...(family ? { etherType: isIpv6(family) ? 'IPV6' : 'IPV4' } : {}),
    ...(src !== null ? { sourceIpAddressPrefix: src } : {}),
    ...(dst !== null ? { destinationIpAddressPrefix: dst } : {}),
  };
}
