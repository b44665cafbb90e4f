import { describe, expect, it } from 'vitest';
import { openApiDocument, routeKeys } from '../../../../electron/host/rest';
import { startRest } from './rest-fixture';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function documentedKeys(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).filter((k) => METHODS.includes(k)).map((m) => `${m.toUpperCase()} ${path}`));
}

describe('OpenAPI document', () => {
  it('documents every served route, and serves no undocumented one', async () => {
    const h = await startRest();
    const served = routeKeys(h.api.routes).sort();
    const res = await h.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const documented = documentedKeys(res.body).sort();
    expect(documented).toEqual(served);
    expect(res.body.openapi).toBe('3.1.0');
  });

  it('resolves every $ref, gives every operation a 2xx answer and declares every path parameter', () => {
    const doc = openApiDocument as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string }[] }>>; components: { schemas: Record<string, unknown> } };
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name);
    for (const [path, item] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, operation] of Object.entries(item)) {
        expect(Object.keys(operation.responses).some((s) => s.startsWith('2')), `${method} ${path}`).toBe(true);
        expect((operation.parameters ?? []).map((p) => p.name), `${method} ${path}`).toEqual(names);
      }
    }
  });
});
