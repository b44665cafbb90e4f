/**
 * The live lab as the UI sees it (`lab.*` methods): what runs on this machine, and what a probe
 * of a service saw hop by hop. Plain serialisable data; the host (electron/host/live-lab) fills it.
 */
import type { Direction } from './dto';

/** Whether this machine can run a live lab, and the lab of the data folder when one is up. */
export interface LabStatusDto {
  /** False without root, network namespaces or Open vSwitch: `reason` says why. */
  readonly available: boolean;
  /** Why no live lab can run here (the same words as `wicm lab`'s exit-2 message), or null. */
  readonly reason: string | null;
  /** The lab of the data folder, or null when none is up. */
  readonly lab: LabRunningDto | null;
}

/** What of a lab runs (`wicm lab status`). */
export interface LabRunningDto {
  /** Everything the lab built still runs. */
  readonly up: boolean;
  /** The project the lab was built from (its file path, or its name while unsaved). */
  readonly projectPath: string;
  readonly labId: string;
  readonly startedAt: string;
  readonly daemons: readonly { readonly name: string; readonly pid: number; readonly alive: boolean }[];
  readonly bridges: readonly { readonly name: string; readonly ovsName: string; readonly dpid: string; readonly present: boolean; readonly flows: number; readonly wicmFlows: number }[];
  readonly hosts: readonly { readonly segment: string; readonly netns: string; readonly address: string; readonly present: boolean }[];
  readonly pops: readonly { readonly name: string; readonly ovsName: string; readonly present: boolean; readonly packets: number }[];
  readonly links: readonly { readonly id: string; readonly title: string; readonly kind: 'link' | 'uplink'; readonly state: string }[];
  /** What is wrong, in words (empty when everything listed runs). */
  readonly problems: readonly string[];
}

/** What `lab.up` did. */
export interface LabUpDto {
  /** The lab of this project was already up: nothing was built. */
  readonly alreadyUp: boolean;
  readonly ms: number;
  /** What the lab could not model exactly (from planning the lab). */
  readonly notes: readonly string[];
  /** A lab that no longer ran as built was removed first (its problems), or null. */
  readonly replaced: string | null;
  readonly status: LabStatusDto;
}

/** What `lab.down` removed (daemons, namespaces, devices), in words. */
export interface LabDownDto {
  readonly removed: readonly string[];
  readonly status: LabStatusDto;
}

/** What `lab.apply` put on (or took off) the lab bridges. */
export interface LabApplyDto {
  readonly services: readonly string[];
  readonly flows: number;
  readonly bridges: number;
  readonly removed: boolean;
}

/** One rule of the plan on a lab bridge and the packets its flow counted during the probe. */
export interface LabProbeHopDto {
  readonly seq: number;
  readonly bridge: string;
  readonly inPort: string;
  readonly outPort: string;
  /** Model ids of the rule's ports (the graph puts the counts on them). */
  readonly inPortId: string;
  readonly outPortId: string;
  /** The PoP the rule sends to, or null. */
  readonly toPop: string | null;
  readonly packets: number;
  /** False when the flow is not on the bridge (removed, never applied). */
  readonly installed: boolean;
  /** True when the flow on the bridge discards what it matches (e.g. a VTN redirect to an unmapped vInterface). */
  readonly drops: boolean;
}

/** One direction of a probe. */
export interface LabProbeDirectionDto {
  readonly direction: Direction;
  readonly src: string;
  readonly dst: string;
  readonly hops: readonly LabProbeHopDto[];
  /** The PoPs in the order the packets went through them. */
  readonly popsVisited: readonly string[];
  readonly popsPlanned: readonly string[];
  readonly delivered: boolean;
  /** Where packets stopped, in words, or null when all got through. */
  readonly stoppedAt: string | null;
  /** The simulator's trace of the same packet. */
  readonly simulated: { readonly disposition: 'DELIVERED' | 'NO_MATCHING_SEGMENT' | 'REDIRECT_TO_MISSING_PORT' | 'LOOP' | 'DROPPED'; readonly outPorts: readonly string[] };
  /** Ports the packets left through (rules that counted them), as `bridge/port`. */
  readonly realOutPorts: readonly string[];
  readonly matchesSimulator: boolean;
}

/** What `lab.probe` (`wicm lab probe`) saw. */
export interface LabProbeDto {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly protocol: 'icmp' | 'udp';
  readonly from: { readonly host: string; readonly address: string };
  readonly to: { readonly host: string; readonly address: string };
  readonly sent: number;
  readonly received: number;
  readonly forward: LabProbeDirectionDto;
  readonly reverse: LabProbeDirectionDto;
  /** Packets each PoP's VNF flow counted (both directions). */
  readonly popCounters: readonly { readonly pop: string; readonly packets: number; readonly expected: number }[];
  readonly delivered: boolean;
  readonly durationMs: number;
}
