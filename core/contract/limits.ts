/**
 * Size limits that every entry point shares (files, RPC, REST, CLI), so a document accepted by
 * one path is accepted by all of them.
 */

/** The largest input document (NSR, request, topology, project file) read as text: 20 MiB. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** `MAX_INPUT_BYTES` for people: "20 MB". */
export const MAX_INPUT_LABEL = `${MAX_INPUT_BYTES / (1024 * 1024)} MB`;
