/**
 * Applies a lab controller's state to the live lab after each accepted write: reads the live lab
 * of the data folder (`wicm lab up`), compiles the state (compile-vtn / compile-onos) and sends
 * one OpenFlow bundle per bridge that changed (`delete cookie=<family>/<mask>` + the adds), so
 * each bridge switches from the previous compile to the new one atomically. Runs one apply at a
 * time and always the latest state; nothing happens while no live lab is up.
 */
import type { OpenFlowSwitches } from '../../../../core/drivers/ovs/switches';
import { readLiveLab, type LiveLabLayout } from '../../live-lab/layout';
import { ovsOfctlSwitches } from '../../platform/ovs-ofctl';
import type { LabKind } from '../types';
import { compileOnos } from './compile-onos';
import { compileVtn } from './compile-vtn';
import { bridgeOfNode, LAB_ONOS_COOKIE, LAB_VTN_COOKIE, replaceBundle, type CompiledFlows } from './flow-lines';
import { parseDumpFlows } from '../../live-lab/flow-table';

/** What the data plane did last (for `wicm lab-controller`, tests and the Lab tab). */
export interface DataPlaneStatus {
  /** Bundles sent since start. */
  readonly bundles: number;
  /** Whether the last apply found a live lab. */
  readonly liveLab: boolean;
  readonly lastError: string | null;
  /** Parts of the state the last compile could not install, and why. */
  readonly notes: readonly string[];
}

/** Packets and bytes of one flow as the switch counts them. */
export interface FlowCounters {
  readonly packets: number;
  readonly bytes: number;
}

/**
 * The counters of this controller's flows on the live lab: by OpenFlow node id (`of:…`,
 * `openflow:N`) and cookie; each bridge is dumped at most once per reader. Undefined: the flow
 * is not on the bridge (or the node is no lab bridge).
 */
export type CounterReader = (node: string, cookie: string) => Promise<FlowCounters | undefined>;

export interface LiveDataPlane {
  /** Recompiles and applies this state (the latest one wins when applies queue up). */
  schedule(snapshot: unknown): void;
  /** Resolves when every scheduled state has been applied (or failed: see status). */
  settled(): Promise<void>;
  status(): DataPlaneStatus;
  /** A reader of the live counters of this controller's flows, or null while no live lab is up. */
  counters(): Promise<CounterReader | null>;
}

const TIMEOUT_MS = 10_000;

function compile(kind: LabKind, snapshot: unknown, layout: LiveLabLayout): CompiledFlows {
  return kind === 'odl-vtn' ? compileVtn(snapshot, layout) : compileOnos(snapshot, layout);
}

/** The live data plane of one lab controller, driven from the live lab of `dataDir`. */
export function liveDataPlane(kind: LabKind, dataDir: string, switches: OpenFlowSwitches = ovsOfctlSwitches()): LiveDataPlane {
  const family = kind === 'odl-vtn' ? LAB_VTN_COOKIE : LAB_ONOS_COOKIE;
  let chain: Promise<void> = Promise.resolve();
  let pending: { snapshot: unknown } | undefined;
  const applied = new Map<string, string>(); // bridge address → bundle text last applied
  let status: DataPlaneStatus = { bundles: 0, liveLab: false, lastError: null, notes: [] };

  async function applyLatest(): Promise<void> {
    const next = pending;
    pending = undefined;
    if (next === undefined) return;
    try {
      const layout = await readLiveLab(dataDir);
      if (layout === null) {
        status = { ...status, liveLab: false, lastError: null, notes: [] };
        applied.clear();
        return;
      }
      const flows = compile(kind, next.snapshot, layout);
      let bundles = status.bundles;
      for (const [bridge, specs] of flows.byBridge) {
        const address = `unix:${layout.runDir}/${bridge}.mgmt`;
        const lines = replaceBundle(family, specs);
        const text = lines.join('\n');
        if (applied.get(address) === text) continue;
        await switches.applyBundle(address, lines, TIMEOUT_MS);
        applied.set(address, text);
        bundles += 1;
      }
      status = { bundles, liveLab: true, lastError: null, notes: flows.notes };
    } catch (e) {
      status = { ...status, lastError: e instanceof Error ? e.message : String(e) };
    }
  }

  return {
    schedule(snapshot) {
      pending = { snapshot };
      chain = chain.then(applyLatest);
    },
    settled: () => chain,
    status: () => status,
    async counters() {
      const layout = await readLiveLab(dataDir).catch(() => null);
      if (layout === null) return null;
      const dumps = new Map<string, Promise<Map<string, FlowCounters>>>();
      const dump = (ovsName: string): Promise<Map<string, FlowCounters>> => {
        let flows = dumps.get(ovsName);
        if (flows === undefined) {
          flows = switches
            .dumpFlows(`unix:${layout.runDir}/${ovsName}.mgmt`, TIMEOUT_MS)
            .then((lines) => new Map(parseDumpFlows(lines.join('\n')).map((f) => [f.cookie, { packets: f.packets, bytes: f.bytes }])))
            .catch(() => new Map<string, FlowCounters>()); // a bridge that does not answer has no counters now
          dumps.set(ovsName, flows);
        }
        return flows;
      };
      return async (node, cookie) => {
        const bridge = bridgeOfNode(layout, node);
        return bridge === undefined ? undefined : (await dump(bridge.ovsName)).get(cookie);
      };
    },
  };
}
