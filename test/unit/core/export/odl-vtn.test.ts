import { describe, expect, it } from 'vitest';
import type { PlanDto } from '../../../../core/contract/dto';
import { vtnRequests } from '../../../../core/drivers';
import { exportPlans, type ExportInput } from '../../../../core/export';
import { coreErrorOf, diagnosticsOf } from './helpers';
import { input, inputSvc1, path, plan1, svc1, topology, withPort } from './sample';

// Free-form edits of exported JSON documents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

type Body = { input: Record<string, Json> };
const rpcName = (p: string): string => p.replace('/restconf/operations/', '');

describe('OpenDaylight VTN requests', () => {
  it('pushes each direction as its flow condition, then its filters from the last hop back to the first', () => {
    const { requests } = vtnRequests(inputSvc1);
    expect(requests.every((r) => r.method === 'POST')).toBe(true);
    expect(
      requests.map((r) => {
        const body = (r.body as Body).input;
        return `${rpcName(r.path)} ${body['name'] ?? `${body['bridge-name']}/${body['interface-name']}`}`;
      }),
    ).toEqual([
      'vtn-flow-condition:set-flow-condition svc1_f',
      'vtn-flow-filter:set-flow-filter vbr2/if_popB',
      'vtn-flow-filter:set-flow-filter vbr2/if_exit2',
      'vtn-flow-filter:set-flow-filter vbr1/if_popA',
      'vtn-flow-filter:set-flow-filter vbr1/if_user',
      'vtn-flow-condition:set-flow-condition svc1_r',
      'vtn-flow-filter:set-flow-filter vbr1/if_popA',
      'vtn-flow-filter:set-flow-filter vbr1/if_exit1',
      'vtn-flow-filter:set-flow-filter vbr2/if_popB',
      'vtn-flow-filter:set-flow-filter vbr2/if_client',
    ]);
  });

  it('writes the bodies VTN Manager accepts', () => {
    const { requests } = vtnRequests(inputSvc1, { tenant: 'tenant_7' });
    expect(requests[0]?.body).toEqual({
      input: {
        name: 'svc1_f',
        operation: 'SET',
        'vtn-flow-match': [
          {
            index: 1,
            'vtn-ether-match': { 'ether-type': 2048 },
            'vtn-inet-match': { 'source-network': '10.0.1.0/24', 'destination-network': '10.0.9.0/24' },
          },
        ],
      },
    });
    expect(requests[4]?.body).toEqual({
      input: {
        'tenant-name': 'tenant_7',
        'bridge-name': 'vbr1',
        'interface-name': 'if_user',
        output: false,
        'vtn-flow-filter': [
          {
            index: 1,
            condition: 'svc1_f',
            'vtn-redirect-filter': { 'redirect-destination': { 'bridge-name': 'vbr1', 'interface-name': 'if_popA' }, output: true },
          },
        ],
      },
    });
  });

  it('leaves a default-route side out of the inet match (any address)', () => {
    const anyDst: PlanDto = {
      ...plan1,
      forward: { ...plan1.forward, rules: plan1.forward.rules.map((r) => ({ ...r, match: { src: r.match.src, dst: '0.0.0.0/0' } })) },
      reverse: { ...plan1.reverse, rules: plan1.reverse.rules.map((r) => ({ ...r, match: { src: '0.0.0.0/0', dst: '0.0.0.0/0' } })) },
    };
    const { requests } = vtnRequests({ ...inputSvc1, plans: [anyDst] });
    const conditions = requests.filter((r) => r.path.endsWith('set-flow-condition')).map((r) => (r.body as Body).input['vtn-flow-match'][0]);
    expect(conditions).toEqual([
      { index: 1, 'vtn-ether-match': { 'ether-type': 2048 }, 'vtn-inet-match': { 'source-network': '10.0.1.0/24' } },
      { index: 1, 'vtn-ether-match': { 'ether-type': 2048 } },
    ]);
  });

  it('tears down exactly the service\'s filter indices per interface, then its conditions', () => {
    const { requests } = vtnRequests(input, { teardown: true });
    const svc2 = requests.slice(0, 7).map((r) => [rpcName(r.path), (r.body as Body).input['interface-name'] ?? (r.body as Body).input['name'], (r.body as Body).input['indices']]);
    expect(svc2).toEqual([
      ['vtn-flow-filter:remove-flow-filter', 'if_user', [2]],
      ['vtn-flow-filter:remove-flow-filter', 'if_exit2', [2]],
      ['vtn-flow-filter:remove-flow-filter', 'if_popB', [3, 4]],
      ['vtn-flow-filter:remove-flow-filter', 'if_client', [2]],
      ['vtn-flow-filter:remove-flow-filter', 'if_exit1', [2]],
      ['vtn-flow-condition:remove-flow-condition', 'svc2_r', undefined],
      ['vtn-flow-condition:remove-flow-condition', 'svc2_f', undefined],
    ]);
    expect(requests).toHaveLength(7 + 6 + 2);
    expect((requests[5]?.body as Body).input).toEqual({ name: 'svc2_r' });
  });

  it('refuses IPv6 services with a diagnostic naming the service', () => {
    const v6: PlanDto = {
      ...plan1,
      forward: path('svc1', 'forward', '2001:db8:1::/48', '2001:db8:9::/48', 'svc1_f', [], [['b1', 'p-user', 'p-popA', 1, null]]),
      reverse: path('svc1', 'reverse', '2001:db8:9::/48', '2001:db8:1::/48', 'svc1_r', [], [['b1', 'p-popA', 'p-user', 2, null]]),
    };
    const error = coreErrorOf(() => vtnRequests({ ...inputSvc1, plans: [v6] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('IPv4 only');
    const diagnostics = diagnosticsOf(error).filter((d) => d.code === 'VTN_IPV6_UNSUPPORTED');
    expect(diagnostics.map((d) => d.pointer)).toEqual(['/plans/0/forward/rules/0/match', '/plans/0/reverse/rules/0/match']);
    expect(diagnostics[0]).toMatchObject({ elementId: 'svc1', severity: 'error' });
    expect(diagnostics[0]?.message).toContain('Web chain');
  });

  it('sends a dashed name under its VTN-safe form with a warning, and refuses names it cannot map', () => {
    const dashed = withPort(inputSvc1, 'p-user', { name: 'if-user' });
    const result = exportPlans('odl-vtn', dashed);
    expect(result.diagnostics.filter((d) => d.code === 'VTN_NAME_MAPPED')).toEqual([
      expect.objectContaining({ severity: 'warning', message: 'vInterface "if-user" is not a VTN vnode-name; it is sent as "if_user"', elementId: 'p-user', pointer: '/plans/0/forward/rules/0/inPortId' }),
    ]);
    const bodies = (JSON.parse(result.text) as { requests: { body: { input: Record<string, unknown> } }[] }).requests.map((r) => JSON.stringify(r.body));
    expect(bodies.some((b) => b.includes('"interface-name":"if_user"'))).toBe(true);
    expect(bodies.some((b) => b.includes('if-user'))).toBe(false);
    const unusable = withPort(inputSvc1, 'p-user', { name: '---' });
    expect(diagnosticsOf(coreErrorOf(() => vtnRequests(unusable))).filter((d) => d.code === 'VTN_INVALID_NAME')).toEqual([
      expect.objectContaining({ message: 'vInterface "---" is not a VTN vnode-name', elementId: 'p-user' }),
    ]);
    const clash = withPort(withPort(inputSvc1, 'p-user', { name: 'if-a' }), 'p-popA', { name: 'if_a' });
    expect(diagnosticsOf(coreErrorOf(() => vtnRequests(clash))).map((d) => d.code)).toContain('VTN_NAME_COLLISION');
    expect(coreErrorOf(() => vtnRequests(inputSvc1, { tenant: 'my-tenant' })).message).toContain('Tenant name "my-tenant"');
  });

  it('refuses filter index clashes, out-of-range indices, self-redirects and conflicting conditions', () => {
    const bad: PlanDto = {
      ...plan1,
      forward: {
        ...plan1.forward,
        rules: plan1.forward.rules.map((r, i) =>
          i === 1 ? { ...r, filterIndex: 70000 } : i === 2 ? { ...r, outPortId: r.inPortId } : r,
        ),
      },
      reverse: {
        ...plan1.reverse,
        rules: plan1.reverse.rules.map((r, i) => (i === 3 ? { ...r, filterIndex: 1 } : i === 0 ? { ...r, condition: 'svc1_f' } : r)),
      },
    };
    const codes = diagnosticsOf(coreErrorOf(() => vtnRequests({ ...inputSvc1, plans: [bad] }))).map((d) => [d.code, d.pointer]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['VTN_FILTER_INDEX', '/plans/0/forward/rules/1/filterIndex'],
        ['VTN_SELF_REDIRECT', '/plans/0/forward/rules/2/outPortId'],
        ['VTN_CONDITION_CONFLICT', '/plans/0/reverse/rules/0/condition'],
      ]),
    );
    // if_popA forward (index 1 → 70000 here) no longer clashes; make a real clash on if_popB.
    const clash: PlanDto = {
      ...plan1,
      reverse: { ...plan1.reverse, rules: plan1.reverse.rules.map((r, i) => (i === 1 ? { ...r, filterIndex: 1 } : r)) },
    };
    const clashes = diagnosticsOf(coreErrorOf(() => vtnRequests({ ...inputSvc1, plans: [clash] })));
    expect(clashes).toEqual([
      expect.objectContaining({ code: 'VTN_FILTER_INDEX_CLASH', pointer: '/plans/0/reverse/rules/1/filterIndex' }),
    ]);
    expect(clashes[0]?.message).toContain('vbr2/if_popB');
  });

  it('warns that VTN filters cannot tag, but still exports', () => {
    const result = exportPlans('odl-vtn', input);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'VTN_VLAN_NOT_APPLIED', elementId: 'svc2' }),
    ]);
  });

  it('provisions tenant, vBridges, vInterfaces and port maps behind labPrelude', () => {
    const result = exportPlans('odl-vtn', inputSvc1, { labPrelude: true, vtnNodes: { vbr1: 'openflow:1', vbr2: 'openflow:2' } });
    const requests = (JSON.parse(result.text) as { requests: { path: string; body: Body }[] }).requests;
    expect(requests.slice(0, 15).map((r) => rpcName(r.path).split(':')[1])).toEqual([
      'update-vtn',
      'update-vbridge',
      'update-vbridge',
      ...Array(6).fill('update-vinterface'),
      ...Array(6).fill('set-port-map'),
    ]);
    expect(requests[14]?.body).toEqual({
      input: { 'tenant-name': 'vtn1', 'bridge-name': 'vbr2', 'interface-name': 'if_client', node: 'openflow:2', 'port-id': '3' },
    });
    expect(rpcName(requests[15]?.path ?? '')).toBe('vtn-flow-condition:set-flow-condition');
    expect(result.diagnostics).toEqual([]);
  });

  it('skips port maps it cannot write, with a note, and never provisions on teardown', () => {
    const result = exportPlans('odl-vtn', inputSvc1, { labPrelude: true });
    expect(result.text).not.toContain('set-port-map');
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'info', code: 'VTN_PORT_MAP_SKIPPED' })]);
    expect(exportPlans('odl-vtn', inputSvc1, { labPrelude: true, teardown: true }).text).not.toContain('update-');
    const bad = coreErrorOf(() => vtnRequests(inputSvc1, { labPrelude: true, vtnNodes: { vbr1: 's1' } }));
    expect(diagnosticsOf(bad)[0]).toMatchObject({ code: 'VTN_INVALID_NODE', elementId: 'b1' });
  });

  it('reports plans it cannot resolve, and plans that carry errors', () => {
    const broken: ExportInput = {
      topology,
      services: [svc1],
      plans: [{ ...plan1, forward: { ...plan1.forward, rules: plan1.forward.rules.map((r, i) => (i === 0 ? { ...r, outPortId: 'p-gone', bridgeId: 'b9' } : r)) } }],
    };
    expect(diagnosticsOf(coreErrorOf(() => vtnRequests(broken))).map((d) => [d.code, d.pointer])).toEqual([
      ['UNKNOWN_BRIDGE', '/plans/0/forward/rules/0/bridgeId'],
      ['UNKNOWN_PORT', '/plans/0/forward/rules/0/outPortId'],
    ]);
    const failed = { ...inputSvc1, plans: [{ ...plan1, diagnostics: [{ severity: 'error' as const, code: 'UNKNOWN_POP', message: 'PoP "popZ" is unknown' }] }] };
    const error = coreErrorOf(() => vtnRequests(failed));
    expect(error.message).toContain('PoP "popZ" is unknown');
    expect(diagnosticsOf(error)[0]).toMatchObject({ code: 'PLAN_HAS_ERRORS', pointer: '/plans/0/diagnostics' });
    // What was pushed before the plan went bad must stay removable.
    const teardown = exportPlans('odl-vtn', failed, { teardown: true });
    expect(teardown.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'PLAN_HAS_ERRORS' })]);
    expect(teardown.text).toContain('remove-flow-condition');
  });
});
