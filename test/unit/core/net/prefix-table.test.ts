import { describe, expect, it } from 'vitest';
import { parsePrefix, parsePrefixKey, PrefixTable } from '../../../../core/net';
import type { PrefixKey } from '../../../../core/net';
import { CoreError } from '../../../../core/util/core-error';

function demiWicmTable(): PrefixTable<string> {
  const t = new PrefixTable<string>();
  t.insert('0.0.0.0/0', 'uplink-v4');
  t.insert('::/0', 'uplink-v6');
  t.insert('10.0.0.0/8', 'pop-a');
  t.insert('10.10.0.0/16', 'pop-b');
  t.insert('10.10.10.0/24', 'pop-c');
  t.insert('2001:db8::/32', 'pop-d');
  t.insert('2001:db8:10::/48', 'pop-e');
  return t;
}

describe('PrefixTable.lookup', () => {
  it.each([
    ['10.10.10.7', '10.10.10.0/24', 'pop-c'],
    ['10.10.11.7', '10.10.0.0/16', 'pop-b'],
    ['10.11.0.1', '10.0.0.0/8', 'pop-a'],
    ['10.10.0.0/20', '10.10.0.0/16', 'pop-b'],
    ['10.10.10.0/24', '10.10.10.0/24', 'pop-c'],
    ['10.0.0.0/7', '0.0.0.0/0', 'uplink-v4'],
    ['192.0.2.1', '0.0.0.0/0', 'uplink-v4'],
    ['2001:db8:10:1::9', '2001:db8:10::/48', 'pop-e'],
    ['2001:DB8:11::/64', '2001:db8::/32', 'pop-d'],
    ['2001:db9::1', '::/0', 'uplink-v6'],
    ['::ffff:10.10.10.7', '::/0', 'uplink-v6'],
  ])('%s → %s', (query, prefix, value) => {
    expect(demiWicmTable().lookup(query)).toEqual({ prefix, value });
  });

  it('normalises a query with host bits set instead of mis-matching it', () => {
    // 10.10.10.7/16 is the network 10.10.0.0/16: it is inside pop-b, not pop-c.
    expect(demiWicmTable().lookup('10.10.10.7/16')).toEqual({ prefix: '10.10.0.0/16', value: 'pop-b' });
  });

  it('never answers an IPv4 query with an IPv6 entry, nor the reverse', () => {
    const t = new PrefixTable<string>();
    t.insert('::/0', 'v6 default');
    expect(t.lookup('10.0.0.1')).toBeUndefined();
    t.insert('0.0.0.0/0', 'v4 default');
    t.delete('::/0');
    expect(t.lookup('::1')).toBeUndefined();
    expect(t.lookup('10.0.0.1')?.value).toBe('v4 default');
  });

  it('accepts parsed prefixes and pre-parsed keys', () => {
    const t = demiWicmTable();
    expect(t.lookup(parsePrefix('10.10.10.9'))?.value).toBe('pop-c');
    expect(t.lookup(parsePrefixKey('2001:db8:10::1'))?.value).toBe('pop-e');
  });

  it('returns undefined when nothing contains the query', () => {
    const t = new PrefixTable<number>();
    t.insert('10.0.0.0/8', 1);
    expect(t.lookup('11.0.0.0')).toBeUndefined();
    expect(t.lookup('10.0.0.0/7')).toBeUndefined();
    expect(new PrefixTable<number>().lookup('::1')).toBeUndefined();
  });

  it('throws INVALID_INPUT for text that is no prefix', () => {
    expect(() => demiWicmTable().lookup('10.0.0.300')).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('octet 300 > 255') }),
    );
  });
});

describe('PrefixTable updates', () => {
  it('replaces the value of an equal prefix, however it is written', () => {
    const t = new PrefixTable<string>();
    t.insert('2001:db8::/32', 'first');
    t.insert('2001:0DB8:0:0::1/32', 'second');
    expect(t.size).toBe(1);
    expect(t.exact('2001:db8::/32')).toBe('second');
    expect([...t.entries()]).toEqual([{ prefix: '2001:db8::/32', value: 'second' }]);
  });

  it('exact() only finds the very prefix, not a covering one', () => {
    const t = demiWicmTable();
    expect(t.exact('10.10.0.0/16')).toBe('pop-b');
    expect(t.exact('10.10.0.0/17')).toBeUndefined();
    expect(t.exact('10.10.1.1/16')).toBe('pop-b');
    expect(t.exact('0.0.0.0/0')).toBe('uplink-v4');
    expect(t.exact('::/0')).toBe('uplink-v6');
  });

  it('deletes entries and falls back to the next covering prefix', () => {
    const t = demiWicmTable();
    expect(t.delete('10.10.0.0/16')).toBe(true);
    expect(t.delete('10.10.0.0/16')).toBe(false);
    expect(t.delete('10.99.0.0/16')).toBe(false);
    expect(t.lookup('10.10.11.1')?.prefix).toBe('10.0.0.0/8');
    expect(t.lookup('10.10.10.1')?.prefix).toBe('10.10.10.0/24');
    expect(t.delete('0.0.0.0/0')).toBe(true);
    expect(t.lookup('192.0.2.1')).toBeUndefined();
    expect(t.size).toBe(5);
  });

  it('lists entries IPv4 first, in address order, shorter prefixes first', () => {
    const t = demiWicmTable();
    t.insert('9.0.0.0/8', 'x');
    expect([...t.entries()].map((e) => e.prefix)).toEqual([
      '0.0.0.0/0',
      '9.0.0.0/8',
      '10.0.0.0/8',
      '10.10.0.0/16',
      '10.10.10.0/24',
      '::/0',
      '2001:db8::/32',
      '2001:db8:10::/48',
    ]);
    expect([...t].length).toBe(8);
  });

  it('can be emptied while iterating', () => {
    const t = demiWicmTable();
    for (const e of t.entries()) t.delete(e.prefix);
    expect(t.size).toBe(0);
    expect([...t.entries()]).toEqual([]);
  });

  it('takes keys built by hand, masking their host bits', () => {
    const t = new PrefixTable<number>();
    const key: PrefixKey = { family: 4, length: 8, words: [0x0a0b0c0d] };
    t.insert(key, 1);
    expect([...t.entries()]).toEqual([{ prefix: '10.0.0.0/8', value: 1 }]);
    expect(t.exact(key)).toBe(1);
  });

  it('rejects malformed keys', () => {
    const t = new PrefixTable<number>();
    const bad: PrefixKey[] = [
      { family: 4, length: 33, words: [0] },
      { family: 6, length: 64, words: [0] },
      { family: 4, length: 8, words: [2 ** 33] },
    ];
    for (const key of bad) expect(() => t.insert(key, 1)).toThrowError(CoreError);
  });
});
