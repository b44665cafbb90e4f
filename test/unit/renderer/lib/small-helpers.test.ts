import { describe, expect, it } from 'vitest';
import { sampleAddress } from '../../../../renderer/lib/addresses';
import { append, moveItem, removeAt } from '../../../../renderer/lib/chain';
import { kindIndex, namesOf } from '../../../../renderer/lib/names';
import { idSet, noIds, toggled } from '../../../../renderer/lib/sets';
import { shortcutOf, type KeyPress } from '../../../../renderer/lib/shortcuts';
import { cycle } from '../../../../renderer/features/menu-bar/menus';
import { serviceRoute } from '../../../../renderer/lib/route';
import { smallWan } from '../fixtures';

describe('sampleAddress', () => {
  it('takes the first host of an IPv4 prefix', () => {
    expect(sampleAddress('192.168.10.0/24')).toBe('192.168.10.1');
    expect(sampleAddress('10.0.0.255/8')).toBe('10.0.1.0');
  });
  it('keeps a host route and a bare address as they are', () => {
    expect(sampleAddress('10.1.2.3/32')).toBe('10.1.2.3');
    expect(sampleAddress('10.1.2.3')).toBe('10.1.2.3');
  });
  it('takes ::1 in an IPv6 prefix', () => {
    expect(sampleAddress('2001:db8::/32')).toBe('2001:db8::1');
  });
  it('gives nothing for null or text that is no prefix', () => {
    expect(sampleAddress(null)).toBe('');
    expect(sampleAddress('not a prefix')).toBe('');
  });
});

describe('chain editing', () => {
  const chain = ['a', 'b', 'c'];
  it('moves an item up, down and clamps at the ends', () => {
    expect(moveItem(chain, 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(chain, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(chain, 1, 9)).toEqual(['a', 'c', 'b']);
    expect(moveItem(chain, 5, 0)).toEqual(chain);
  });
  it('removes and appends without touching the input', () => {
    expect(removeAt(chain, 1)).toEqual(['a', 'c']);
    expect(append(chain, 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect(chain).toEqual(['a', 'b', 'c']);
  });
});

describe('shortcutOf', () => {
  const key = (k: Partial<KeyPress> & { key: string }): KeyPress => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, inTextField: false, ...k });
  it('maps the editor shortcuts', () => {
    expect(shortcutOf(key({ key: 'z', ctrlKey: true }))).toBe('undo');
    expect(shortcutOf(key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutOf(key({ key: 'y', metaKey: true }))).toBe('redo');
    expect(shortcutOf(key({ key: 'c', ctrlKey: true }))).toBe('copy');
    expect(shortcutOf(key({ key: 'v', metaKey: true }))).toBe('paste');
    expect(shortcutOf(key({ key: 'c', ctrlKey: true, inTextField: true }))).toBeNull();
    expect(shortcutOf(key({ key: 's', ctrlKey: true }))).toBe('save');
    expect(shortcutOf(key({ key: 'Delete' }))).toBe('delete');
    expect(shortcutOf(key({ key: 'f', ctrlKey: true }))).toBe('search');
  });
  it('leaves typing keys to text fields, except save and escape', () => {
    expect(shortcutOf(key({ key: 'z', ctrlKey: true, inTextField: true }))).toBeNull();
    expect(shortcutOf(key({ key: 'Backspace', inTextField: true }))).toBeNull();
    expect(shortcutOf(key({ key: 's', ctrlKey: true, inTextField: true }))).toBe('save');
    expect(shortcutOf(key({ key: 'Escape', inTextField: true }))).toBe('escape');
  });
  it('ignores plain letters and Alt combinations', () => {
    expect(shortcutOf(key({ key: 'z' }))).toBeNull();
    expect(shortcutOf(key({ key: 'z', ctrlKey: true, altKey: true }))).toBeNull();
  });
});

describe('names and kinds', () => {
  const names = namesOf(smallWan());
  it('names ports with their bridge and falls back to the id', () => {
    expect(names.port('p1c')).toBe('vbr1 / if-customer');
    expect(names.any('l12')).toBe('link vbr1 / if-to-2 — vbr2 / if-to-1');
    expect(names.any('nope')).toBe('nope');
  });
  it('knows the kind of every element id', () => {
    const kinds = kindIndex(smallWan());
    expect([kinds.get('b1'), kinds.get('p1c'), kinds.get('s-cust'), kinds.get('pop-a'), kinds.get('nap1'), kinds.get('l12')]).toEqual(['bridge', 'port', 'segment', 'pop', 'nap', 'link']);
  });
});

describe('id sets and menu cycling', () => {
  it('toggles ids into a new set', () => {
    const one = toggled(noIds, 'a');
    expect([...one]).toEqual(['a']);
    expect([...toggled(one, 'a')]).toEqual([]);
    expect(noIds.size).toBe(0);
    expect([...idSet([{ id: 'x' }, { id: 'y' }])]).toEqual(['x', 'y']);
  });
  it('wraps around both ways', () => {
    expect(cycle(3, 1, 4)).toBe(0);
    expect(cycle(0, -1, 4)).toBe(3);
    expect(cycle(-1, 1, 4)).toBe(0);
  });
});

describe('serviceRoute', () => {
  const defaults = { sourceSegment: '192.168.10.0/24', targetSegment: '10.20.0.0/24' };
  it('spells out the project defaults a service without its own ends uses', () => {
    expect(serviceRoute({ inSegment: null, outSegment: null, chain: ['pop-athens', 'pop-patras'] }, defaults)).toBe('192.168.10.0/24 (default) → pop-athens → pop-patras → 10.20.0.0/24 (default)');
  });
  it('keeps a service\'s own segments, and says when a default is missing', () => {
    expect(serviceRoute({ inSegment: '10.1.0.0/16', outSegment: null, chain: [] }, { sourceSegment: null, targetSegment: null })).toBe('10.1.0.0/16 → default (not set)');
  });
});
