import { serviceLimitProblems } from '../../contract/limits';
import type { ServiceRequest } from '../../model';
import { prefixRelation } from '../../net';
import type { ImportContext } from '../types';
import type { DiagnosticSink } from './diagnostics';
import type { ChainEntry, ServiceDraft } from './draft';
import type { PopDirectory } from './pop-directory';

/**
 * Turns drafts into service requests with the checks every format shares: empty chains,
 * duplicate ids, unknown PoPs (with "did you mean"), missing or overlapping segments.
 *
 * A service whose PoPs are unknown is still returned (with an error diagnostic) so the user
 * can see the chain and map the names; an empty chain is refused.
 */
export function finishServices(
  format: string,
  drafts: readonly ServiceDraft[],
  ctx: ImportContext,
  pops: PopDirectory,
  sink: DiagnosticSink,
): ServiceRequest[] {
  const out: ServiceRequest[] = [];
  const seen = new Set<string>();
  for (const draft of drafts) {
    if (draft.chain.length === 0) {
      sink.error(
        'EMPTY_CHAIN',
        draft.pointer,
        `Service "${draft.id}" has no PoP in its chain, so there is nothing to steer through.`,
        'Check that the record lists its VNFs / PoPs; a service needs at least one PoP.',
      );
      continue;
    }
    if (seen.has(draft.id)) {
      sink.warning(
        'DUPLICATE_SERVICE_ID',
        draft.pointer,
        `Service id "${draft.id}" appears more than once in the input; only the first one is imported.`,
      );
      continue;
    }
    seen.add(draft.id);
    if (!withinLimits(draft, sink)) continue;
    checkPops(draft, pops, sink);
    checkSegments(draft, ctx, sink);
    const hops = hopsAttribute(draft.chain);
    const reverseHops = draft.reverseChain ? hopsAttribute(draft.reverseChain) : undefined;
    out.push({
      id: draft.id,
      name: draft.name,
      inSegment: draft.inSegment,
      outSegment: draft.outSegment,
      chain: draft.chain.map((e) => e.pop),
      reverseChain: draft.reverseChain ? draft.reverseChain.map((e) => e.pop) : null,
      provenance: {
        format,
        file: ctx.fileName ?? null,
        recordId: draft.recordId,
        importedAt: ctx.now,
      },
      attributes: {
        ...draft.attributes,
        ...(hops ? { hops } : {}),
        ...(reverseHops ? { reverseHops } : {}),
      },
    });
  }
  return out;
}

/**
 * Refuses a service past the shared id, name and chain limits (core/contract/limits.ts), so an
 * import never stores what RPC, REST and CLI could not then change or remove.
 */
function withinLimits(draft: ServiceDraft, sink: DiagnosticSink): boolean {
  const problems = serviceLimitProblems({
    id: draft.id,
    name: draft.name,
    chain: draft.chain.map((e) => e.pop),
    reverseChain: draft.reverseChain ? draft.reverseChain.map((e) => e.pop) : null,
  });
  for (const problem of problems) {
    const pointer = problem.member === 'chain' ? draft.chain[0]?.pointer : problem.member === 'reverseChain' ? draft.reverseChain?.[0]?.pointer : draft.pointer;
    sink.error('LIMIT_EXCEEDED', pointer ?? draft.pointer, problem.message);
  }
  return problems.length === 0;
}

function hopsAttribute(chain: readonly ChainEntry[]): readonly unknown[] | undefined {
  if (!chain.some((e) => e.members !== undefined)) return undefined;
  return chain.map((e) => ({ pop: e.pop, members: e.members ?? [] }));
}

function checkPops(draft: ServiceDraft, pops: PopDirectory, sink: DiagnosticSink): void {
  if (!pops.hasTopology) return;
  const reported = new Set<string>();
  const directions: [string, readonly ChainEntry[]][] = [['forward', draft.chain]];
  if (draft.reverseChain) directions.push(['return', draft.reverseChain]);
  for (const [direction, chain] of directions) {
    chain.forEach((entry, index) => {
      const key = entry.pop.toLowerCase();
      if (pops.isKnown(entry.pop) || reported.has(key)) return;
      reported.add(key);
      // Past the cap the message is never shown: skip the costly suggestions.
      const suggestions = sink.isFull('error') ? [] : pops.suggestions(entry.pop);
      const known = pops.knownNames();
      const didYouMean = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
      const knownText =
        known.length === 0
          ? 'The project has no PoPs yet.'
          : `Known PoPs: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}.`;
      sink.error(
        'UNKNOWN_POP',
        entry.pointer,
        `PoP "${entry.pop}" (${direction} chain position ${index + 1} of service "${draft.id}") is not a PoP or alias of the project.${didYouMean}`,
        `Add "${entry.pop}" as an alias of the right PoP, or create that PoP. ${knownText}`,
      );
    });
  }
}

function checkSegments(draft: ServiceDraft, ctx: ImportContext, sink: DiagnosticSink): void {
  const { inSegment, outSegment } = draft;
  if (inSegment === null || outSegment === null) {
    const defaults = ctx.topology?.defaults;
    const missingDefault =
      (inSegment === null && defaults !== undefined && !defaults?.sourceSegment) ||
      (outSegment === null && defaults !== undefined && !defaults?.targetSegment);
    const which = inSegment === null && outSegment === null ? 'ingress and egress segments' : inSegment === null ? 'ingress segment' : 'egress segment';
    if (missingDefault) {
      sink.warning(
        'NO_DEFAULT_SEGMENT',
        draft.pointer,
        `Service "${draft.id}" carries no ${which} and the project has no default for it.`,
        'Set the project default source/target segments, or enter the segments on the service.',
      );
    } else {
      sink.info(
        'DEFAULT_SEGMENTS',
        draft.pointer,
        `Service "${draft.id}" carries no ${which}; the project defaults apply.`,
      );
    }
    return;
  }
  const defaultRoute = [inSegment, outSegment].find((s) => s === '0.0.0.0/0' || s === '::/0');
  const relation = prefixRelation(inSegment, outSegment);
  if (defaultRoute !== undefined && relation !== 'same') {
    sink.info(
      'DEFAULT_ROUTE_SEGMENT',
      draft.pointer,
      `Service "${draft.id}" matches any address (${defaultRoute}) on one side (ingress ${inSegment}, egress ${outSegment}).`,
      'Narrow it in the service editor if only some destinations should be steered.',
    );
  } else if (relation === 'same') {
    sink.warning(
      'SAME_SEGMENTS',
      draft.pointer,
      `Service "${draft.id}" has the same ingress and egress segment ${inSegment}; its traffic cannot be told apart by direction.`,
      'Use distinct source and destination prefixes.',
    );
  } else if (relation === 'overlap') {
    sink.warning(
      'OVERLAPPING_SEGMENTS',
      draft.pointer,
      `Service "${draft.id}" has overlapping ingress ${inSegment} and egress ${outSegment} segments.`,
      'Longest-prefix matching will pick the narrower one; check that this is intended.',
    );
  }
}
