import type { ElementDefinition } from 'cytoscape';

/** Size of a collapsed bridge's box. */
const COLLAPSED = { w: 96, h: 56 };

/**
 * Draws each collapsed bridge as one node (pure): its ports are left out, and every edge that
 * ended on one of them (links, attachments of segments, PoPs and NAPs, the WAN uplink) ends on
 * the bridge instead. Edges inside a collapsed bridge disappear.
 */
export function collapseBridges(elements: readonly ElementDefinition[], collapsed: ReadonlySet<string>): ElementDefinition[] {
  if (collapsed.size === 0) return [...elements];
  const hidden = new Map<string, string>();
  const portCount = new Map<string, number>();
  for (const e of elements) {
    const bridge = e.data.bridge as string | undefined;
    if (e.group === 'nodes' && bridge && collapsed.has(String(bridge).slice('bridge:'.length))) {
      hidden.set(String(e.data.id), bridge);
      portCount.set(bridge, (portCount.get(bridge) ?? 0) + 1);
    }
  }
  const out: ElementDefinition[] = [];
  for (const e of elements) {
    const id = String(e.data.id);
    if (hidden.has(id)) continue;
    if (e.group === 'nodes' && e.data.kind === 'bridge' && collapsed.has(String(e.data.modelId))) {
      const n = portCount.get(id) ?? 0;
      out.push({ ...e, data: { ...e.data, ...COLLAPSED, label: `${String(e.data.label).split('\n')[0]}\n${n} port${n === 1 ? '' : 's'} (collapsed)` }, classes: `${String(e.classes ?? '')} collapsed`.trim() });
      continue;
    }
    if (e.group === 'edges') {
      const source = hidden.get(String(e.data.source)) ?? String(e.data.source);
      const target = hidden.get(String(e.data.target)) ?? String(e.data.target);
      if (source === target) continue;
      out.push(source === e.data.source && target === e.data.target ? e : { ...e, data: { ...e.data, source, target } });
      continue;
    }
    out.push(e);
  }
  return out;
}
