import { describe, expect, it } from 'vitest';
import { mergePositions } from '../../../../renderer/lib/positions';

describe('mergePositions', () => {
  it('replaces moved ids in place and appends new ones', () => {
    const stored = [
      { elementId: 'a', x: 0, y: 0 },
      { elementId: 'b', x: 1, y: 1 },
    ];
    expect(mergePositions(stored, [{ elementId: 'b', x: 5, y: 5 }, { elementId: 'c', x: 9, y: 9 }])).toEqual([
      { elementId: 'a', x: 0, y: 0 },
      { elementId: 'b', x: 5, y: 5 },
      { elementId: 'c', x: 9, y: 9 },
    ]);
    expect(stored[1]).toEqual({ elementId: 'b', x: 1, y: 1 });
  });
});
