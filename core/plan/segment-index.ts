import type { PortDto, SegmentDto } from '../contract/dto';
import { isDefaultRoute } from '../model';
import type { TopologyIndex } from '../model';
import { PrefixTable, tryParsePrefixKey } from '../net';
import type { PrefixInput } from '../net';

/** The segment a prefix or address falls in, by longest-prefix match. */
export interface SegmentMatch {
  readonly segment: SegmentDto;
  readonly port: PortDto;
  /** The match is only a default route (`0.0.0.0/0`, `::/0`): an uplink, not a place. */
  readonly isDefault: boolean;
  /** Other segments with the very same prefix on other ports (the first one wins). */
  readonly alsoOn: readonly SegmentDto[];
}

/**
 * Longest-prefix match over a topology's segments (IPv4 and IPv6), built once per snapshot.
 *
 * Several segments may carry the same prefix (every bridge's `0.0.0.0/0` uplink, or a subnet
 * declared twice); they share one table entry in topology order. Segments whose prefix does not
 * parse or whose port does not exist are left out and listed in `skipped`.
 */
export class SegmentIndex {
  private readonly table = new PrefixTable<{ segment: SegmentDto; port: PortDto }[]>();
  /** Segments left out of the table, with why. */
  readonly skipped: readonly { readonly segment: SegmentDto; readonly reason: string }[];

  constructor(index: TopologyIndex) {
    const skipped: { segment: SegmentDto; reason: string }[] = [];
    for (const segment of index.topology.segments) {
      const port = index.portById.get(segment.portId);
      // One scan per segment: the key serves both the look-up and the insert.
      const parsed = tryParsePrefixKey(segment.prefix);
      if (!port) skipped.push({ segment, reason: `its port '${segment.portId}' does not exist` });
      else if (!parsed.ok) skipped.push({ segment, reason: parsed.message });
      else {
        const list = this.table.exact(parsed.key);
        if (list) list.push({ segment, port });
        else this.table.insert(parsed.key, [{ segment, port }]);
      }
    }
    this.skipped = skipped;
  }

  /** The most specific segment containing a prefix or address; undefined when none does. */
  match(prefixOrAddress: PrefixInput): SegmentMatch | undefined {
    const hit = this.table.lookup(prefixOrAddress);
    const first = hit?.value[0];
    if (!hit || !first) return undefined;
    return {
      segment: first.segment,
      port: first.port,
      isDefault: isDefaultRoute(hit.prefix),
      alsoOn: hit.value.length > 1 ? hit.value.slice(1).map((v) => v.segment) : NONE,
    };
  }
}

const NONE: readonly SegmentDto[] = [];
