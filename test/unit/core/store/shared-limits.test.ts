import { describe, expect, it } from 'vitest';
import { MAX_CHAIN_POPS, MAX_ID_LENGTH } from '../../../../core/contract/limits';
import { validateRequest } from '../../../../core/contract/validate';
import { parseWith } from '../../../../core/contract/zod-diagnostics';
import { serviceSchema, topologySchema } from '../../../../core/store/documents/dto-schemas';

/** The one definition of id and chain limits holds for RPC requests and for documents alike. */
describe('shared limits (core/contract/limits.ts) on every path', () => {
  const service = (id: string, chain: string[]) => ({ id, name: 'n', inSegment: null, outSegment: null, chain, reverseChain: null, state: 'draft', provenance: null, attributes: {} });

  it('an id one past the limit is refused by the RPC schema and by the document schema, the limit itself accepted', () => {
    const long = 'x'.repeat(MAX_ID_LENGTH + 1);
    const ok = 'x'.repeat(MAX_ID_LENGTH);
    expect(validateRequest('services.remove', { id: long }).ok).toBe(false);
    expect(validateRequest('services.remove', { id: ok }).ok).toBe(true);
    const refused = parseWith(serviceSchema, service(long, ['a']));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.diagnostics[0]).toMatchObject({ code: 'OUT_OF_RANGE', pointer: '/id' });
    expect(parseWith(serviceSchema, service(ok, ['a'])).ok).toBe(true);
  });

  it('a chain one past the limit is refused by both', () => {
    const pops = Array.from({ length: MAX_CHAIN_POPS + 1 }, () => 'a');
    expect(validateRequest('services.save', { name: 'n', inSegment: null, outSegment: null, chain: pops, reverseChain: null }).ok).toBe(false);
    expect(parseWith(serviceSchema, service('s', pops)).ok).toBe(false);
    expect(parseWith(serviceSchema, service('s', pops.slice(1))).ok).toBe(true);
  });

  it('topology documents hold element ids to the same limit', () => {
    const topology = (id: string) => ({ bridges: [{ id, name: 'b', kind: 'ovs', controllerId: 'b' }], ports: [], links: [], segments: [], pops: [], naps: [], vlanPools: [], defaults: { sourceSegment: null, targetSegment: null } });
    const refused = parseWith(topologySchema, topology('b'.repeat(MAX_ID_LENGTH + 1)));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.diagnostics[0]).toMatchObject({ pointer: '/bridges/0/id', message: `is longer than ${MAX_ID_LENGTH} characters` });
    expect(parseWith(topologySchema, topology('b'.repeat(MAX_ID_LENGTH))).ok).toBe(true);
  });
});
