/**
 * Size limits that every entry point shares (files, RPC, REST, CLI), so a document accepted by
 * one path is accepted by all of them.
 */

/** The largest input document (NSR, request, topology, project file) read as text: 20 MiB. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** `MAX_INPUT_BYTES` for people: "20 MB". */
export const MAX_INPUT_LABEL = `${MAX_INPUT_BYTES / (1024 * 1024)} MB`;

/**
 * The largest body of one orchestrator REST request (`wicm serve`): 2 MiB. A request carries one
 * record (a flow, an NSR event, a T-NOVA service, a slice), far below a whole document.
 */
export const MAX_REST_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The deepest nesting of arrays and objects accepted in any JSON input (request bodies, RPC
 * payloads, imported documents). Real documents stay well below 20; the limit keeps recursive
 * work (stringify, schema checks) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The longest id of a service or topology element (an orchestrator's `instance_id`,
 * `ns_instance_id`, NSR id, slice connection id), on every path: RPC, REST, CLI, import.
 */
export const MAX_ID_LENGTH = 200;

/** The longest name of a service, element, PoP or alias. */
export const MAX_NAME_LENGTH = 200;

/** The most PoPs in one direction of a service chain (and the most aliases of a PoP). */
export const MAX_CHAIN_POPS = 64;

/** The longest prefix text (`2001:db8::/64`…); a canonical IPv6 prefix is at most 43 characters. */
export const MAX_PREFIX_TEXT = 64;

/** What a service carries that the limits bound. */
export interface LimitedService {
  readonly id: string;
  readonly name: string;
  readonly chain: readonly string[];
  readonly reverseChain: readonly string[] | null;
}

/** One limit a service breaks: the member (relative JSON pointer) and what to do. */
export interface LimitProblem {
  readonly member: 'id' | 'name' | 'chain' | 'reverseChain';
  readonly message: string;
}

/**
 * The limits a service breaks, checked before anything is stored so that a service accepted on
 * one path (import, REST) can always be read, changed and removed on every other (RPC, CLI).
 */
export function serviceLimitProblems(service: LimitedService): LimitProblem[] {
  const problems: LimitProblem[] = [];
  if (service.id.length > MAX_ID_LENGTH) {
    problems.push({ member: 'id', message: `The service id is ${service.id.length} characters long; ids are at most ${MAX_ID_LENGTH} characters. Use a shorter id.` });
  }
  // A name taken from the id is reported once, as the id.
  if (service.name.length > MAX_NAME_LENGTH && !(service.name === service.id && service.id.length > MAX_ID_LENGTH)) {
    problems.push({ member: 'name', message: `The name of service "${shorten(service.id)}" is ${service.name.length} characters long; names are at most ${MAX_NAME_LENGTH} characters.` });
  }
  if (service.chain.length > MAX_CHAIN_POPS) {
    problems.push({ member: 'chain', message: `Service "${shorten(service.id)}" passes through ${service.chain.length} PoPs; a chain has at most ${MAX_CHAIN_POPS}. Split it into several services.` });
  }
  if (service.reverseChain !== null && service.reverseChain.length > MAX_CHAIN_POPS) {
    problems.push({ member: 'reverseChain', message: `The return chain of service "${shorten(service.id)}" passes through ${service.reverseChain.length} PoPs; a chain has at most ${MAX_CHAIN_POPS}.` });
  }
  return problems;
}

/** An id cut for a message: the first 40 characters and an ellipsis. */
function shorten(id: string): string {
  return id.length > 40 ? `${id.slice(0, 40)}…` : id;
}
