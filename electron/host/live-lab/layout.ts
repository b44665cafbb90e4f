/**
 * What `wicm lab up` built on this machine, as written to `<dataDir>/lab/live.json`.
 *
 * The live lab (network namespaces, veth pairs, Open vSwitch bridges on private daemons) is
 * described here once; the lab controllers (which compile their state to OpenFlow on these
 * bridges), the OVS driver's tests, `wicm lab status|probe|down` and the Lab tab read it.
 * `wicm lab down` removes exactly what it lists, by name and pid.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LIVE_LAB_VERSION = 1;

/** One OpenFlow port of a lab bridge and what is plugged into it. */
export interface LivePort {
  /** The project port's id and name. */
  readonly portId: string;
  readonly name: string;
  /** OpenFlow port number on the OVS bridge (the project's `ofPort` where it has one). */
  readonly ofport: number;
  /** The interface on the OVS bridge (one end of a veth pair). */
  readonly ifname: string;
  /** What is behind the port: a segment host, a PoP's transit VNF, another bridge, the WAN core, or nothing. */
  readonly peer: { readonly kind: 'host' | 'pop' | 'link' | 'uplink' | 'none'; readonly id: string | null };
  /** The other end of the veth pair (in the daemon namespace, a host namespace or left down). */
  readonly peerIfname: string;
}

/** One project bridge/switch as an OVS bridge (`datapath_type=netdev`). */
export interface LiveBridge {
  readonly bridgeId: string;
  readonly name: string;
  /** The OVS bridge name (≤ 15 characters, unique on the machine). */
  readonly ovsName: string;
  /** Datapath id, 16 hex digits (from the project's datapath id where it has one). */
  readonly dpid: string;
  /** The project's controller id: the bridge name the OVS push driver addresses (see build.ts `labSwitchDir`). */
  readonly controllerId?: string;
  readonly ports: readonly LivePort[];
}

/** A host in a network namespace, one per segment. */
export interface LiveHost {
  readonly segmentId: string;
  readonly segmentName: string;
  readonly netns: string;
  /** The interface inside the namespace. */
  readonly ifname: string;
  readonly address: string;
  readonly prefixLength: number;
  readonly mac: string;
  readonly bridgeId: string;
  readonly portId: string;
  /** True when the address came from `--host SEGMENT=ADDR` rather than the first usable one. */
  readonly given: boolean;
  /**
   * Set for the WAN host (behind the WAN core, answering for default-route segments on uplink
   * ports): its veth end on the core bridge, in the daemon namespace. Unset: the host is on the
   * WAN bridge port `portId`.
   */
  readonly coreIfname?: string;
}

/** A PoP as a transit VNF: a one-flow OVS bridge that sends frames back where they came from. */
export interface LivePop {
  readonly popId: string;
  readonly popName: string;
  readonly ovsName: string;
  readonly bridgeId: string;
  readonly portId: string;
  /** The VNF bridge's port 1 (the veth end facing the WAN bridge). */
  readonly ifname: string;
}

/** An inter-bridge link or an uplink into the WAN core, with its veth pair. */
export interface LiveLink {
  readonly linkId: string;
  readonly kind: 'link' | 'uplink';
  readonly veth: readonly [string, string];
  readonly up: boolean;
  /** The project ports at the two ends (an uplink's second end is the WAN core: null). */
  readonly portIds: readonly [string, string | null];
  /** How people name it: `vbr1/if_vbr1_vbr2 - vbr2/if_vbr2_vbr1`, `vbr1/if_vbr1_uplink - WAN core`. */
  readonly title: string;
}

export interface LiveLabLayout {
  readonly version: typeof LIVE_LAB_VERSION;
  readonly projectPath: string;
  /** OVS_RUNDIR / OVS_DBDIR / OVS_LOGDIR of the lab's private daemons. */
  readonly runDir: string;
  /** Pids of the lab's ovsdb-server and ovs-vswitchd. */
  readonly pids: readonly number[];
  readonly bridges: readonly LiveBridge[];
  readonly hosts: readonly LiveHost[];
  readonly pops: readonly LivePop[];
  readonly links: readonly LiveLink[];
  /** Devices the userspace datapath and the lab created in the root namespace (removed on down). */
  readonly devices: readonly string[];
  /** Short id derived from the data folder, part of every name (`wl` + 4 hex digits = prefix). */
  readonly labId: string;
  /**
   * The network namespace ovs-vswitchd runs in, holding every bridge-side veth end and the tap
   * devices of the userspace datapath (its `ovs-netdev` tap is one name per namespace, so two
   * labs in the root namespace would collide). Deleting it removes those devices.
   */
  readonly daemonNetns: string;
  /** The WAN core bridge (OVS, NORMAL forwarding) joining the uplinks, or null without uplinks. */
  readonly coreBridge: string | null;
  /**
   * Whether the hosts' transmit checksum offload is off (ethtool present at `up`). The userspace
   * datapath does not fill in offloaded UDP/TCP checksums, so UDP probes need it off.
   */
  readonly hostTxChecksumOff: boolean;
  /** ISO-8601 time the lab came up. */
  readonly startedAt: string;
}

/** The lab's folder in a data folder. */
export function liveLabDir(dataDir: string): string {
  return join(dataDir, 'lab');
}

/** The file that describes a running live lab. */
export function liveLabFile(dataDir: string): string {
  return join(liveLabDir(dataDir), 'live.json');
}

/** The running live lab of a data folder, or null when none is up. */
export async function readLiveLab(dataDir: string): Promise<LiveLabLayout | null> {
  let text: string;
  try {
    text = await readFile(liveLabFile(dataDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const layout = JSON.parse(text) as LiveLabLayout;
  if (layout.version !== LIVE_LAB_VERSION) throw new Error(`${liveLabFile(dataDir)} was written by another version of WICM Studio: run \`wicm lab down\` and \`wicm lab up\` again.`);
  return layout;
}

/** The environment that points ovs-vsctl / ovs-ofctl at the lab's private daemons. */
export function ovsEnv(runDir: string): Record<string, string> {
  return { OVS_RUNDIR: runDir, OVS_DBDIR: runDir, OVS_LOGDIR: runDir };
}
