import { describe, expect, it } from 'vitest';
import { formatPrefixKey, parsePrefix, parsePrefixKey, tryParsePrefix } from '../../../../core/net';
import { CoreError } from '../../../../core/util/core-error';

function failure(text: string): { code: string; message: string } {
  try {
    parsePrefix(text);
  } catch (e) {
    if (e instanceof CoreError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error(`'${text}' was accepted`);
}

describe('parsePrefix', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8', 4, 8, false],
    ['10.1.2.3/8', '10.0.0.0/8', 4, 8, true],
    ['192.168.1.77', '192.168.1.77/32', 4, 32, false],
    ['0.0.0.0/0', '0.0.0.0/0', 4, 0, false],
    ['255.255.255.255/1', '128.0.0.0/1', 4, 1, true],
    ['10.0.0.0/08', '10.0.0.0/8', 4, 8, false],
    ['  172.16.0.0/12\t', '172.16.0.0/12', 4, 12, false],
    ['2001:DB8::/32', '2001:db8::/32', 6, 32, false],
    ['2001:db8:0:0:0:0:0:1/64', '2001:db8::/64', 6, 64, true],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1/128', 6, 128, false],
    ['::/0', '::/0', 6, 0, false],
    ['::1', '::1/128', 6, 128, false],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0/128', 6, 128, false],
    ['::ffff:10.1.2.3/128', '::ffff:a01:203/128', 6, 128, false],
    ['fe80::1/10', 'fe80::/10', 6, 10, true],
  ] as const)('%j → %s', (input, prefix, family, length, hostBitsSet) => {
    expect(parsePrefix(input)).toEqual({ family, prefix, length, hostBitsSet, input: input.trim() });
  });

  it.each([
    ['10.0.0.300/24', 'octet 300 > 255'],
    ['10.0.0.0/33', 'prefix length 33 > 32, the IPv4 maximum'],
    ['2001:db8::/129', 'prefix length 129 > 128, the IPv6 maximum'],
    ['10.0.0.0/', "the prefix length after '/' is missing"],
    ['10.0.0.0/8/9', "there is more than one '/'"],
    ['10.0.0.0/x', "prefix length 'x' is not a whole number"],
    ['/8', "the address before '/' is missing"],
    ['', 'the text is empty'],
    ['   ', 'the text is empty'],
    ['10.0.0/8', 'expected 4 dot-separated octets, found 3'],
    ['10.0.0.0.0/8', 'expected 4 dot-separated octets, found more'],
    ['10..0.0/8', 'octet 2 is empty'],
    ['010.0.0.0/8', "octet '010' has a leading zero"],
    ['10.0.0.a/8', "octet 'a' is not a decimal number"],
    ['10.0 .0.0/8', "octet '0 ' is not a decimal number"],
    ['localhost', "'localhost' is neither an IPv4 address (a.b.c.d) nor an IPv6 address (x:x::x)"],
    ['fe80::1%eth0/64', "zone index '%eth0' is not allowed in a prefix"],
    ['1::2::3/64', "'::' appears more than once"],
    ['1:2:3:4:5:6:7/64', 'expected 8 groups of hex digits, found 7'],
    ['1:2:3:4:5:6:7:8:9', 'expected 8 groups of hex digits, found 9'],
    ['1::2:3:4:5:6:7:8', "'::' stands for at least one zero group, but 8 groups are written"],
    ['2001:db8g::/32', "group 'db8g' is not hexadecimal"],
    ['2001:00db8::/32', "group '00db8' has more than 4 hex digits"],
    [':1:2:3:4:5:6:7', "it starts with a single ':'"],
    ['1:2:3:4:5:6:7:', "it ends with a single ':'"],
    ['1:::2', "it has more than two ':' in a row"],
    ['::1.2.3.4:5', "embedded IPv4 '1.2.3.4' may only be the last 32 bits"],
    ['::ffff:1.2.3.256', "embedded IPv4 '1.2.3.256': octet 256 > 255"],
  ])('rejects %j: %s', (input, reason) => {
    const { code, message } = failure(input);
    expect(code).toBe('INVALID_INPUT');
    expect(message).toContain(`'${input.trim()}' is not an IPv4 or IPv6 prefix: ${reason}`);
    expect(message).toMatch(/write it as a\.b\.c\.d\/len or x:x::x\/len$/);
  });

  it('gives the exact message of the issue for an octet out of range', () => {
    expect(failure('10.0.0.300/24').message).toBe(
      "'10.0.0.300/24' is not an IPv4 or IPv6 prefix: octet 300 > 255; write it as a.b.c.d/len or x:x::x/len",
    );
  });

  it('keeps messages short for absurd input', () => {
    const { message } = failure(`10.0.0.${'9'.repeat(500)}/8`);
    expect(message.length).toBeLessThan(250);
  });
});

describe('tryParsePrefix', () => {
  it('returns the value or the message instead of throwing', () => {
    expect(tryParsePrefix('10.1.0.0/16')).toEqual({
      ok: true,
      value: { family: 4, prefix: '10.1.0.0/16', length: 16, hostBitsSet: false, input: '10.1.0.0/16' },
    });
    expect(tryParsePrefix('10.0.0.300/24')).toEqual({ ok: false, message: failure('10.0.0.300/24').message });
  });
});

describe('parsePrefixKey / formatPrefixKey', () => {
  it('builds normalised numeric keys that format back to the canonical text', () => {
    const v4 = parsePrefixKey('10.1.2.3/8');
    expect({ family: v4.family, length: v4.length, words: [...v4.words] }).toEqual({
      family: 4,
      length: 8,
      words: [0x0a000000],
    });
    expect(formatPrefixKey(v4)).toBe('10.0.0.0/8');
    const v6 = parsePrefixKey('2001:db8:ffff::1/40');
    expect([...v6.words]).toEqual([0x20010db8, 0xff000000, 0, 0]);
    expect(formatPrefixKey(v6)).toBe('2001:db8:ff00::/40');
  });

  it('throws INVALID_INPUT like parsePrefix', () => {
    expect(() => parsePrefixKey('10.0.0.300')).toThrowError(CoreError);
  });
});
