import type { DiagnosticDto } from '../contract/dto';
import { buildVtnRequests, type VtnRequest } from '../drivers';
import { commentText, shellQuote } from '../util/shell';
import type { ExportInput, ExportOptions } from './types';

/**
 * The VTN requests as a POSIX shell script of `curl` calls (same requests, same order as the
 * `odl-vtn` export).
 *
 * The controller URL and the credentials come from the environment — `WICM_CONTROLLER`
 * (default `http://127.0.0.1:8181`), `WICM_USER` and `WICM_PASSWORD` (required) — and are never
 * written into the file. Credentials reach curl on its standard input (`-K -`), not on its
 * command line, so other local users cannot read them in the process list. Bodies are
 * single-quoted; `--fail-with-body` and `set -e` stop at the first refused request and show
 * the controller's error body.
 */
export function curlScript(input: ExportInput, options: ExportOptions = {}): { text: string; diagnostics: DiagnosticDto[] } {
  const { requests, diagnostics } = buildVtnRequests(input, options);
  const what = options.teardown ? 'remove the OpenDaylight VTN redirections' : 'push the OpenDaylight VTN redirections';
  const lines = [
    '#!/bin/sh',
    `# WICM Studio: ${what} of ${input.plans.length} service${input.plans.length === 1 ? '' : 's'} (${requests.length} RESTCONF request${requests.length === 1 ? '' : 's'}).`,
    ...(options.generatedAt ? [`# Generated at ${commentText(options.generatedAt)}.`] : []),
    '# Usage: WICM_USER=<user> WICM_PASSWORD=<password> [WICM_CONTROLLER=http://host:8181] sh <this file>',
    'set -eu',
    'WICM_CONTROLLER="${WICM_CONTROLLER:-http://127.0.0.1:8181}"',
    ': "${WICM_USER:?set WICM_USER to the controller user name}"',
    ': "${WICM_PASSWORD:?set WICM_PASSWORD to the controller password}"',
    '',
    '# curl config quoting: backslash and double quote are escaped inside "...".',
    'wicm_quote() { printf \'%s\' "$1" | sed \'s/[\\\\"]/\\\\&/g\'; }',
    'wicm_post() {',
    '  echo "POST $1" >&2',
    '  printf \'user = "%s:%s"\\n\' "$(wicm_quote "$WICM_USER")" "$(wicm_quote "$WICM_PASSWORD")" |',
    '    curl --silent --show-error --fail-with-body --config - \\',
    '      --header \'Content-Type: application/json\' --header \'Accept: application/json\' \\',
    '      --request POST --data-binary "$2" "${WICM_CONTROLLER%/}$1"',
    '  echo',
    '}',
    '',
    ...requests.map(curlLine),
  ];
  return { text: `${lines.join('\n')}\n`, diagnostics };
}

function curlLine(request: VtnRequest): string {
  return `wicm_post ${shellQuote(request.path)} ${shellQuote(JSON.stringify(request.body))}`;
}
