/**
 * The OpenFlow switch port of the OVS driver: what the host does with `ovs-ofctl` (execFile,
 * argument arrays, no shell). core/service/ports.ts hands it to the engine as `switches`.
 *
 * Addresses are what `ovs-ofctl` takes as its switch argument: `unix:/run/dir/br0.mgmt`
 * (a bridge's local management socket) or `tcp:HOST:PORT` (a switch that listens for OpenFlow).
 */
export interface OpenFlowSwitch {
  /** Bridge name (the `LOCAL(name)` port of the switch, or the socket's file name). */
  readonly name: string;
  /** The `ovs-ofctl` switch argument that reaches it. */
  readonly address: string;
}

export interface OpenFlowSwitches {
  /**
   * The switches a target reaches: every `<bridge>.mgmt` socket of a run directory
   * (`unix:/run/dir`), or the one switch of a socket or `tcp:` address. Rejects with
   * DRIVER_UNAVAILABLE naming the address when nothing answers there.
   */
  list(target: string, timeoutMs: number): Promise<OpenFlowSwitch[]>;
  /** `ovs-ofctl dump-flows ADDRESS`: one flow line each, with counters. Rejects with DRIVER_UNAVAILABLE when unreachable. */
  dumpFlows(address: string, timeoutMs: number): Promise<string[]>;
  /**
   * `ovs-ofctl --bundle add-flows ADDRESS -` with `add …` / `delete …` lines: one OpenFlow
   * bundle, so the switch applies all of them or none. Rejects with the switch's error.
   */
  applyBundle(address: string, lines: readonly string[], timeoutMs: number): Promise<void>;
}
