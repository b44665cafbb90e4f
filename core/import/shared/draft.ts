import type { PopDirectory } from './pop-directory';

/** One PoP of a chain as found in the input, with where it came from. */
export interface ChainEntry {
  readonly pop: string;
  /** JSON pointer of the input value that named the PoP. */
  readonly pointer: string;
  /** VNFs (or other members) placed in this PoP at this position, when the format has them. */
  readonly members?: readonly string[];
}

/** A service found in the input, before the shared checks turn it into a ServiceRequest. */
export interface ServiceDraft {
  readonly id: string;
  readonly name: string;
  /** The record's own id in its source system. */
  readonly recordId: string | null;
  readonly inSegment: string | null;
  readonly outSegment: string | null;
  readonly chain: readonly ChainEntry[];
  /** Explicit return chain, or null for the mirror of `chain`. */
  readonly reverseChain: readonly ChainEntry[] | null;
  /** JSON pointer of the service record in the input. */
  readonly pointer: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/**
 * A service whose chain is the one PoP all its members run in: what a format that gives no order
 * of its members still says when they are all in one place. Segments are left to the defaults.
 */
export function singlePopDraft(id: string, name: string, pointer: string, pop: ChainEntry, attributes: Readonly<Record<string, unknown>>): ServiceDraft {
  return { id, name, recordId: id, inSegment: null, outSegment: null, chain: [pop], reverseChain: null, pointer, attributes };
}

/**
 * Merges consecutive entries that name the same PoP (same PoP of the project, or the same
 * name ignoring case): VNFs co-located in one PoP are one hop; a later return is a new hop.
 */
export function collapseConsecutive(entries: readonly ChainEntry[], pops: PopDirectory): ChainEntry[] {
  const hops: { entry: ChainEntry; identity: string; members: string[] | undefined }[] = [];
  for (const entry of entries) {
    const identity = pops.identity(entry.pop);
    const last = hops[hops.length - 1];
    if (last && last.identity === identity) {
      if (entry.members) (last.members ??= []).push(...entry.members);
    } else {
      hops.push({ entry, identity, members: entry.members ? [...entry.members] : undefined });
    }
  }
  return hops.map(({ entry, members }) => (members ? { ...entry, members } : entry));
}
