import { beforeEach, describe, expect, it } from 'vitest';
import type { EditResultDto, PlanSetDto, TraceDto, WhatIfImpactDto } from '../../../../core/contract/api';
import type { Envelope } from '../../../../core/contract/errors';
import { startTestHost } from '../../../contract/rpc/engine-fixture';
import { okCaller } from '../../../helpers/ok-caller';

let call: (method: string, req: unknown) => Promise<Envelope>;
const ok = okCaller((method, req) => call(method, req));

beforeEach(async () => {
  call = (await startTestHost()).host.dispatch;
});

/** Messages a person reads name services, ports and PoPs by name; ids stay in `elementId`. */
describe('names, not ids, in messages', () => {
  it('lint, plan errors, trace and what-if name services by name', async () => {
    const web = await ok<EditResultDto>('services.save', { name: 'web', inSegment: null, outSegment: null, chain: ['pop-athens'], reverseChain: null });
    const mail = await ok<EditResultDto>('services.save', { name: 'mail', inSegment: null, outSegment: null, chain: ['pop-athens'], reverseChain: null });
    await ok<EditResultDto>('services.save', { name: 'hollow', inSegment: null, outSegment: null, chain: [], reverseChain: null });
    const plans = await ok<PlanSetDto>('plan.compute', {});
    const texts = [...plans.plans.flatMap((p) => p.diagnostics), ...plans.lint].map((d) => d.message);
    expect(texts.some((t) => t.includes("'web'") && t.includes("'mail'"))).toBe(true);
    expect(texts.some((t) => t.includes("service 'hollow' has an empty PoP chain"))).toBe(true);
    const trace = await ok<TraceDto>('sim.trace', { src: '192.168.10.5', dst: '10.20.0.5', down: ['pt-vbr1-athens'] });
    const impacts = await ok<WhatIfImpactDto[]>('sim.whatIf', { down: ['pt-vbr1-athens'] });
    const all = [...texts, trace.reason, ...trace.hops.map((h) => h.note), ...impacts.map((i) => i.reason)].join('\n');
    expect(trace.reason).toMatch(/^'(web|mail)' forward rule/);
    for (const id of [web.id, mail.id]) expect(all).not.toContain(id);
  });

  it('an address field says "address"; a duplicate port says what, not the SQL columns', async () => {
    const bad = await call('sim.trace', { src: 'abc', dst: '10.0.0.1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining("'abc' is not an IPv4 or IPv6 address") } });
    expect(JSON.stringify(bad)).not.toContain('prefix:');
    const dup = await call('topology.addPort', { bridgeId: 'br-athens', name: 'if_customer' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'A port with this name already exists on this bridge. Choose another name.' } });
  });

  it('Save without a path and drift advice name actions, not contract methods', async () => {
    await ok('project.new', { template: 'empty' });
    const save = await call('project.save', {});
    expect(save).toMatchObject({ ok: false, error: { message: expect.stringContaining('Use Save As') } });
    expect(JSON.stringify(save)).not.toMatch(/project\.saveAs/);
  });
});

describe('edit-time checks on segments', () => {
  it('flags a duplicate or overlapping segment when it is entered, naming the other one', async () => {
    const dup = await ok<EditResultDto>('topology.addSegment', { portId: 'pt-vbr1-athens', prefix: '10.20.0.0/24' });
    expect(dup.diagnostics).toEqual([expect.objectContaining({ code: 'DUPLICATE_SEGMENT', message: expect.stringMatching(/^10\.20\.0\.0\/24 is already segment .*10\.20\.0\.0\/24 on port '\w+' of bridge 'vbr\d'\.$/), pointer: '/prefix' })]);
    const wide = await ok<EditResultDto>('topology.addSegment', { portId: 'pt-vbr1-athens', prefix: '10.0.0.0/8' });
    expect(wide.diagnostics.map((d) => d.code)).toContain('OVERLAPPING_SEGMENT');
    expect(wide.diagnostics.find((d) => d.code === 'OVERLAPPING_SEGMENT')?.message).toMatch(/^10\.0\.0\.0\/8 overlaps segment .* on port '\w+' of bridge '\w+'\.$/);
    const apart = await ok<EditResultDto>('topology.addSegment', { portId: 'pt-vbr1-athens', prefix: '203.0.113.0/24' });
    expect(apart.diagnostics).toEqual([]);
  });
});
