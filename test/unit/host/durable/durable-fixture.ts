import type { LabController } from '../../../../electron/host/lab';

/** A demi-wicm flow (demi-wicm `classes.py` body) with a /32 source (one of 250), steered through both PoPs. */
export function flowBody(i: number): Record<string, unknown> {
  return { instance_id: `flow-${i}`, in_seg: `192.168.10.${(i % 250) + 1}/32`, out_seg: '10.20.0.0/24', vims: [{ port: 'pop-athens', order: 0 }, { port: 'pop-patras', order: 1 }] };
}

/**
 * Objects of one flow's whole chain on VTN: 2 flow conditions (forward, reverse) and 8 redirect
 * filters (4 hops each way through pop-athens and pop-patras); the restart test checks it.
 */
export const WHOLE_CHAIN = 10;

/** Write requests the lab controller received. */
export function labWrites(lab: LabController): number {
  return lab.requests().filter((r) => r.method !== 'GET').length;
}

interface VtnState {
  readonly 'vtn-flow-conditions'?: { readonly 'vtn-flow-condition'?: readonly { readonly name: string }[] };
  readonly [key: string]: unknown;
}

/**
 * The redirection chains on the lab VTN, per flow: its flow conditions (forward `…F` and reverse
 * `…R`) plus every flow filter that uses one of them. A chain is whole when it has as many objects
 * as a flow pushed completely; anything between none and that is a partial chain.
 */
export function vtnChains(lab: LabController): Map<string, number> {
  const state = lab.state() as VtnState;
  const chains = new Map<string, number>();
  const add = (condition: string): void => {
    const flow = condition.replace(/[FR]$/, '');
    chains.set(flow, (chains.get(flow) ?? 0) + 1);
  };
  for (const c of state['vtn-flow-conditions']?.['vtn-flow-condition'] ?? []) add(c.name);
  for (const m of JSON.stringify(state.vtns ?? {}).matchAll(/"condition":"([^"]+)"/g)) add(m[1] as string);
  return chains;
}

/** The flows whose chain is neither absent nor whole (`whole` objects). */
export function partialChains(chains: ReadonlyMap<string, number>, whole: number): string[] {
  return [...chains].filter(([, n]) => n !== whole).map(([flow, n]) => `${flow}: ${n} of ${whole} objects`);
}
