import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { toElements } from '../../../../renderer/graph/elements';
import { decorate, noHighlight } from '../../../../renderer/graph/overlay';
import { drawnSummary, highlightedPath } from '../../../../renderer/graph/signals';
import { syncElements, TRANSIENT } from '../../../../renderer/graph/sync';
import { athensPatrasPlan, smallWan } from '../fixtures';

const empty = () => cytoscape({ headless: true, styleEnabled: true });

describe('syncElements', () => {
  it('draws a topology from scratch and summarises it', () => {
    const cy = empty();
    syncElements(cy, toElements(smallWan(), []));
    expect(drawnSummary(cy)).toBe('3 bridges, 9 ports, 2 PoPs, 3 segments, 1 link');
  });

  it('applies removals, additions, moves and class changes as a diff', () => {
    const cy = empty();
    syncElements(cy, toElements(smallWan(), []));
    const kept = cy.getElementById('port:p1c');
    const t = smallWan();
    const next = { ...t, pops: t.pops.filter((p) => p.id !== 'pop-p'), links: [] };
    syncElements(cy, decorate(toElements(next, [{ elementId: 'p1c', x: 5, y: 6 }]), { ...noHighlight, matches: new Set(['p1c']) }));
    expect(cy.getElementById('pop:pop-p').empty()).toBe(true);
    expect(cy.edges('.link')).toHaveLength(0);
    // The same element object is updated in place, not re-created.
    expect(kept.removed()).toBe(false);
    expect(kept.position()).toEqual({ x: 5, y: 6 });
    expect(kept.hasClass('match')).toBe(true);
  });

  it('leaves transient gesture elements alone', () => {
    const cy = empty();
    cy.add({ group: 'nodes', data: { id: 'ghost' }, classes: TRANSIENT });
    syncElements(cy, toElements(smallWan(), []));
    expect(cy.getElementById('ghost').nonempty()).toBe(true);
  });

  it('reads the drawn plan paths back in hop order', () => {
    const cy = empty();
    const plan = athensPatrasPlan();
    syncElements(cy, decorate(toElements(smallWan(), []), { ...noHighlight, paths: [plan.forward, plan.reverse] }));
    expect(highlightedPath(cy)).toBe('forward: p1c > p1a > p1l > p2l > p2p > p2i; reverse: p2i > p2p > p2l > p1l > p1a > p1c');
    syncElements(cy, toElements(smallWan(), []));
    expect(highlightedPath(cy)).toBe('');
  });
});
