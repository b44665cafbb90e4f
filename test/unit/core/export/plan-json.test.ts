import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanDto, ServiceDto } from '../../../../core/contract/dto';
import { exportPlans } from '../../../../core/export';
import { parsePlanJson } from '../../../../core/store/documents';
import { coreErrorOf, diagnosticsOf, editedExport, type Json } from './helpers';
import { input, plan1, svc1 } from './sample';

function planText(services: readonly ServiceDto[], plans: readonly PlanDto[]): string {
  return exportPlans('plan-json', { topology: input.topology, services, plans }).text;
}

const edit = (mutate: (doc: Record<string, Json>) => void): string => editedExport('plan-json', input, mutate);

describe('plan JSON (wicm-plan/1)', () => {
  it('round-trips: export then parse gives the same services and plans', () => {
    const parsed = parsePlanJson(exportPlans('plan-json', input, { generatedAt: '2024-05-01T12:00:00Z' }).text);
    expect(parsed).toEqual({ services: input.services, plans: input.plans });
  });

  it('writes the schema id, the lint findings and the derived allocations', () => {
    const doc = JSON.parse(exportPlans('plan-json', input).text) as Record<string, Json>;
    expect(doc['schema']).toBe('wicm-plan/1');
    expect(doc['generatedAt']).toBeUndefined();
    expect(doc['lint']).toEqual(input.lint);
    expect(doc['allocations'].vlans).toEqual([
      { portId: 'p-popB', vlan: 400, serviceId: 'svc2', direction: 'forward' },
      { portId: 'p-popB', vlan: 401, serviceId: 'svc2', direction: 'reverse' },
    ]);
    expect(doc['allocations'].filters.filter((f: { portId: string }) => f.portId === 'p-popA')).toEqual([
      { portId: 'p-popA', filterIndex: 1, serviceId: 'svc1', direction: 'forward' },
      { portId: 'p-popA', filterIndex: 2, serviceId: 'svc1', direction: 'reverse' },
    ]);
  });

  it('round-trips arbitrary service names, attributes and optional diagnostic members', () => {
    const diagnostic = fc.record(
      {
        severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
        code: fc.string({ minLength: 1 }),
        message: fc.string(),
        pointer: fc.string(),
        elementId: fc.string({ minLength: 1 }),
        hint: fc.string(),
      },
      { requiredKeys: ['severity', 'code', 'message'] },
    );
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), fc.array(diagnostic, { maxLength: 3 }), (name, attributes, diagnostics) => {
        const service: ServiceDto = { ...svc1, name, attributes };
        const plan: PlanDto = { ...plan1, diagnostics: diagnostics.filter((d) => d.severity !== 'error') };
        const parsed = parsePlanJson(planText([service], [plan]));
        // JSON has no -0: compare with what JSON itself keeps.
        expect(parsed).toEqual(JSON.parse(JSON.stringify({ services: [service], plans: [plan] })));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses to export a plan whose service is missing', () => {
    const error = coreErrorOf(() => planText([], [plan1]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(diagnosticsOf(error)[0]).toMatchObject({ code: 'PLAN_WITHOUT_SERVICE', pointer: '/plans/0/serviceId' });
  });

  it('reports text that is not JSON as PARSE_FAILED', () => {
    const error = coreErrorOf(() => parsePlanJson('{"schema": "wicm-plan/1",'));
    expect(error.code).toBe('PARSE_FAILED');
    expect(diagnosticsOf(error)[0]).toMatchObject({ code: 'INVALID_JSON', pointer: '' });
  });

  it('rejects another schema id', () => {
    const error = coreErrorOf(() => parsePlanJson(edit((d) => (d['schema'] = 'wicm-plan/2'))));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('/schema');
    expect(diagnosticsOf(error)).toEqual([expect.objectContaining({ code: 'WRONG_VALUE', pointer: '/schema' })]);
  });

  it('reports every problem with its JSON pointer', () => {
    const text = edit((d) => {
      d['plans'][0].forward.rules[1].filterIndex = 0;
      d['plans'][0].reverse.rules[0].match.src = '10.0.9.1/24';
      delete d['services'][1].state;
      d['services'][0].extra = true;
      d['plans'][1].forward.hops[0].kind = 'bridge';
    });
    const error = coreErrorOf(() => parsePlanJson(text));
    expect(error.code).toBe('INVALID_INPUT');
    const found = diagnosticsOf(error).map((d) => [d.code, d.pointer]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['OUT_OF_RANGE', '/plans/0/forward/rules/1/filterIndex'],
        ['PREFIX_NOT_CANONICAL', '/plans/0/reverse/rules/0/match/src'],
        ['MISSING_MEMBER', '/services/1/state'],
        ['UNKNOWN_MEMBER', '/services/0/extra'],
        ['WRONG_VALUE', '/plans/1/forward/hops/0/kind'],
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it('checks references and consistency across the document', () => {
    const text = edit((d) => {
      d['plans'][1].serviceId = 'nope';
      d['services'][1].id = 'svc1';
      d['plans'][0].reverse.rules[2].direction = 'forward';
      d['plans'][0].forward.direction = 'reverse';
    });
    const found = diagnosticsOf(coreErrorOf(() => parsePlanJson(text))).map((d) => [d.code, d.pointer]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['DUPLICATE_ID', '/services/1/id'],
        ['UNKNOWN_REFERENCE', '/plans/1/serviceId'],
        ['RULE_MISMATCH', '/plans/0/reverse/rules/2'],
        ['WRONG_VALUE', '/plans/0/forward/direction'],
      ]),
    );
  });

  it('escapes JSON pointer tokens of unknown members', () => {
    const error = coreErrorOf(() => parsePlanJson(edit((d) => (d['a/b~c'] = 1))));
    expect(diagnosticsOf(error)[0]?.pointer).toBe('/a~1b~0c');
  });
});
