import type { ServiceDto } from '../../contract/dto';
import { Losses, reportLosses, uuidFrom, type NsrContext } from './context';
import type { NsrDocument } from './types';

const VNFD = 'wicm-hop-vnfd';

/**
 * An OSM NS record bundled with its VNF records and VIM accounts (`{nsr, vnfrs, vim_accounts}`):
 * one VNF profile (member-vnf-index "1", "2", …) per hop, each VNFR on the VIM account of its
 * PoP; a SOL006 `vnffgd` whose `nfpd` lists the members with their `order` and whose
 * `match-attributes` carry the segments. No return chain or VLANs.
 */
export function osmDocument(service: ServiceDto, ctx: NsrContext): NsrDocument {
  const losses = new Losses(service, 'an OSM NS record');
  reportLosses(service, ctx, { reverse: false, segments: true, name: true, repeats: false }, losses);
  const accounts = new Map<string, string>();
  const accountOf = (pop: string): string => {
    const id = uuidFrom(`vim-account:${pop}`);
    accounts.set(id, pop);
    return id;
  };
  const members = service.chain.map((pop, i) => ({ member: String(i + 1), account: accountOf(pop) }));
  const nsrId = service.id;
  const vnfrs = members.map(({ member, account }) => ({
    _id: `${nsrId}-vnfr-${member}`,
    id: `${nsrId}-vnfr-${member}`,
    'nsr-id-ref': nsrId,
    'member-vnf-index-ref': member,
    'vnfd-ref': VNFD,
    'vnfd-id': VNFD,
    'vim-account-id': account,
    'connection-point': [
      { name: 'in', id: 'in', 'connection-point-id': 'in' },
      { name: 'out', id: 'out', 'connection-point-id': 'out' },
    ],
    vdur: [],
  }));
  const match: Record<string, string> = {
    ...(service.inSegment !== null ? { 'source-ip-address': service.inSegment } : {}),
    ...(service.outSegment !== null ? { 'destination-ip-address': service.outSegment } : {}),
  };
  const vnffgd = [
    {
      id: 'vnffg-1',
      'vnf-profile-id': members.map((m) => m.member),
      nfpd: [
        {
          id: 'forward',
          'position-desc-id': [
            {
              id: 'position-1',
              'cp-profile-id': [
                {
                  id: 'cp-profile-1',
                  'constituent-profile-elements': members.map(({ member }, order) => ({
                    id: `element-${member}`,
                    order,
                    'constituent-base-element-id': member,
                    'ingress-constituent-cpd-id': 'in',
                    'egress-constituent-cpd-id': 'out',
                  })),
                },
              ],
              ...(Object.keys(match).length > 0 ? { 'match-attributes': [{ id: 'rule-1', ...match }] } : {}),
            },
          ],
        },
      ],
    },
  ];
  const first = members[0];
  const nsr = {
    _id: nsrId,
    id: nsrId,
    name: service.name,
    'nsd-id': `${nsrId}-nsd`,
    'nsd-ref': `${nsrId}-nsd`,
    nsState: 'READY',
    'operational-status': 'running',
    'config-status': 'configured',
    ...(first ? { datacenter: first.account } : {}),
    'constituent-vnfr-ref': vnfrs.map((v) => v._id),
    nsd: {
      id: `${nsrId}-nsd`,
      df: [{ id: 'default-df', 'vnf-profile': members.map(({ member }) => ({ id: member, 'vnfd-id': VNFD })) }],
    },
    // The NSR's copy of the NSD's vnffgd (recent NBI), which the importer reads first.
    vnffgd,
  };
  return {
    document: {
      nsr,
      vnfrs,
      vim_accounts: [...accounts].map(([_id, name]) => ({ _id, name })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    },
    diagnostics: losses.list,
  };
}
