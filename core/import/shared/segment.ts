import { describeJson } from '../../contract/zod-diagnostics';
import { tryParsePrefix } from '../../net';
import type { DiagnosticSink } from './diagnostics';

/**
 * Reads an IP segment from input: `null`/absent/empty → null (the project default applies),
 * a prefix → canonical prefix (host bits cleared, with a warning), a bare address → host
 * prefix (/32, /128). Anything else is an error diagnostic and `undefined`.
 */
export function readSegment(
  raw: unknown,
  pointer: string,
  label: string,
  sink: DiagnosticSink,
): string | null | undefined {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string') {
    sink.error('WRONG_TYPE', pointer, `${label} at ${pointer} must be a prefix string, got ${describeJson(raw)}.`);
    return undefined;
  }
  const parsed = tryParsePrefix(raw);
  if (!parsed.ok) {
    sink.error(
      'INVALID_SEGMENT',
      pointer,
      `${label} "${truncate(raw.trim())}" at ${pointer} is not an IPv4/IPv6 prefix or address.`,
      'Write it as a prefix such as 192.168.10.0/24 or 2001:db8::/64.',
    );
    return undefined;
  }
  const { input, prefix, hostBitsSet } = parsed.value;
  if (!input.includes('/')) {
    sink.info('HOST_SEGMENT', pointer, `${label} "${input}" is a single address; imported as ${prefix}.`,
      'Widen it to the subnet in the service editor if the whole site should be steered.');
  } else if (hostBitsSet) {
    sink.warning('HOST_BITS_SET', pointer, `${label} "${input}" has host bits set; imported as ${prefix}.`);
  }
  return prefix;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
