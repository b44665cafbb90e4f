/**
 * Size limits that every entry point shares (files, RPC, REST, CLI), so a document accepted by
 * one path is accepted by all of them.
 */

/** The largest input document (NSR, request, topology, project file) read as text: 20 MiB. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** `MAX_INPUT_BYTES` for people: "20 MB". */
export const MAX_INPUT_LABEL = `${MAX_INPUT_BYTES / (1024 * 1024)} MB`;

/**
 * The deepest nesting of arrays and objects accepted in any JSON input (request bodies, RPC
 * payloads, imported documents). Real documents stay well below 20; the limit keeps recursive
 * work (stringify, schema checks) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;
