import type { ServiceDto } from '../../contract/dto';
import { Losses, reportLosses, type NsrContext } from './context';
import type { NsrDocument } from './types';

/** The VNF type every exported hop carries (Open Baton keys dependency parameters by type). */
const HOP_TYPE = 'wicm-hop';

/**
 * An Open Baton `INSTANTIATE_FINISH` event (as posted to demi-wicm `/api/v1/nfvo/init`): one
 * VNF record per chain hop, placed by `vdu[].vimInstanceName` (and its deployed
 * `vnfc_instance`), and a `vnf_dependency` per hop after the first, source = the hop before, so
 * that the dependencies give the chain order. Carries neither segments nor a return chain.
 */
export function openBatonDocument(service: ServiceDto, ctx: NsrContext): NsrDocument {
  const losses = new Losses(service, 'an Open Baton NSR');
  reportLosses(service, ctx, { reverse: false, segments: false, name: true, repeats: false }, losses);
  const names = service.chain.map((_, i) => vnfName(i));
  const vnfr = service.chain.map((pop, i) => {
    const name = names[i] as string;
    const vimId = ctx.pop(pop)?.id;
    return {
      id: `${service.id}-vnfr-${i + 1}`,
      name,
      type: HOP_TYPE,
      status: 'ACTIVE',
      parent_ns_id: service.id,
      endpoint: 'generic',
      descriptor_reference: `${HOP_TYPE}-vnfd`,
      vnf_address: [],
      vdu: [
        {
          name: `${name}-vdu`,
          hostname: name,
          vimInstanceName: [pop],
          vnfc_instance: [
            {
              hostname: `${name}-1`,
              ...(vimId === undefined ? {} : { vim_id: vimId }),
              vc_id: `${service.id}-vc-${i + 1}`,
              state: 'ACTIVE',
              floatingIps: [],
              ips: [],
            },
          ],
        },
      ],
    };
  });
  const vnfDependency = names.slice(1).map((target, i) => ({
    target,
    idType: { [names[i] as string]: HOP_TYPE },
    parameters: {},
  }));
  return {
    document: {
      action: 'INSTANTIATE_FINISH',
      payload: {
        id: service.id,
        name: service.name,
        status: 'ACTIVE',
        task: 'Onboarded',
        descriptor_reference: `${service.id}-nsd`,
        vnfr,
        vnf_dependency: vnfDependency,
        vnffgr: [],
        vlr: [],
      },
    },
    diagnostics: losses.list,
  };
}

/** VNF names sort in chain order, so ties are never decided by name. */
function vnfName(index: number): string {
  return `hop-${String(index + 1).padStart(3, '0')}`;
}
