import type { DesiredObject, LiveObject, PreflightFinding } from '../driver';
import { vtnIds } from './objects';

/** `vinterface:t/b/i` → its parts. */
function interfaceRef(id: string): { tenant: string; bridge: string; iface: string } | undefined {
  const m = /^vinterface:([^/]+)\/([^/]+)\/(.+)$/.exec(id);
  return m ? { tenant: m[1] as string, bridge: m[2] as string, iface: m[3] as string } : undefined;
}

/**
 * What VTN would do with the redirect filters of a push, given what is on it (`live`) and what
 * the push itself creates (`wanted`): refuse them when the tenant, vBridge or vInterface a filter
 * is set on does not exist (404 data-missing), or discard the redirected traffic when the
 * destination vInterface has no port map (`vtn-flow-filter.yang`: "discarded if port mapping
 * is not configured"). Each missing thing is reported once.
 */
export function vtnPreflight(wanted: readonly DesiredObject[], live: readonly LiveObject[]): PreflightFinding[] {
  const present = new Set([...live.map((l) => l.id), ...wanted.map((w) => w.id)]);
  const findings = new Map<string, PreflightFinding>();
  const add = (key: string, finding: PreflightFinding): void => {
    if (!findings.has(key)) findings.set(key, finding);
  };
  for (const filter of wanted.filter((w) => w.kind === 'filter')) {
    // `after` of a filter: its condition, the vInterface it is set on, the one it redirects to.
    const [setOn, ...destinations] = filter.after.filter((id) => id.startsWith('vinterface:'));
    for (const id of [setOn, ...destinations]) {
      const r = id === undefined ? undefined : interfaceRef(id);
      if (r === undefined || id === undefined) continue;
      if (!present.has(vtnIds.tenant(r.tenant))) {
        add(vtnIds.tenant(r.tenant), { effect: 'refuse', missing: 'vtn', tenant: r.tenant });
      } else if (!present.has(vtnIds.bridge(r.tenant, r.bridge))) {
        add(vtnIds.bridge(r.tenant, r.bridge), { effect: 'refuse', missing: 'vbridge', tenant: r.tenant, bridge: r.bridge });
      } else if (!present.has(id)) {
        // A filter on a missing vInterface is refused; a redirect to one discards at run time.
        add(id, { effect: id === setOn ? 'refuse' : 'discard', missing: 'vinterface', ...r });
      } else if (!present.has(vtnIds.portMap(r))) {
        add(vtnIds.portMap(r), { effect: 'discard', missing: 'port-map', ...r });
      }
    }
  }
  return [...findings.values()];
}

/**
 * The ids the preflight looks at: for every vInterface a wanted filter is set on or redirects to,
 * its tenant, vBridge, vInterface and port map. A push that reads only its own objects (a scoped
 * read) reads these too, or a tenant made on the controller would look missing.
 */
export function preflightIds(wanted: readonly DesiredObject[]): string[] {
  const ids = new Set<string>();
  for (const filter of wanted.filter((w) => w.kind === 'filter')) {
    for (const id of filter.after) {
      const r = interfaceRef(id);
      if (r === undefined) continue;
      ids.add(vtnIds.tenant(r.tenant)).add(vtnIds.bridge(r.tenant, r.bridge)).add(id).add(vtnIds.portMap(r));
    }
  }
  return [...ids];
}
