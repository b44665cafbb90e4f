import { describe, expect, it } from 'vitest';
import { copiedNodeIds, pastePositions } from '../../../../renderer/lib/clipboard';
import { smallWan } from '../fixtures';

describe('paste placement', () => {
  it('copies a bridge with its ports, and a link draws nothing', () => {
    expect(copiedNodeIds([{ kind: 'bridge', id: 'b3' }, { kind: 'link', id: 'l12' }, { kind: 'pop', id: 'pop-a' }], smallWan()).sort()).toEqual(['b3', 'p3u', 'pop-a']);
  });

  it('keeps the group shape, lands beside the originals and never within the clearance of a node', () => {
    const drawn = new Map([
      ['a', { x: 0, y: 0 }],
      ['a1', { x: 40, y: 0 }],
      // Something right next to the group: the copy must not go there.
      ['other', { x: 170, y: 0 }],
    ]);
    const placed = pastePositions(['a', 'a1'], drawn, 120);
    const [pa, pa1] = [placed[0]!, placed[1]!];
    expect(pa1.x - pa.x).toBe(40);
    expect(pa1.y - pa.y).toBe(0);
    for (const p of placed) for (const o of drawn.values()) expect(Math.hypot(p.x - o.x, p.y - o.y)).toBeGreaterThanOrEqual(120);
    // Near: within two group widths of the originals.
    expect(Math.hypot(pa.x, pa.y)).toBeLessThanOrEqual(2 * 160 * Math.SQRT2);
    expect(pastePositions(['missing'], drawn)).toEqual([]);
  });
});
