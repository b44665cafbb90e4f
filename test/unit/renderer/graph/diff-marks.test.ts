// "Compare with…" marks: which elements of the open project get which mark, the classes the
// overlay adds, and three distinct colours in the graph style.
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { ElementDiffDto, ProjectDiffDto } from '../../../../core/contract/api';
import { toElements } from '../../../../renderer/graph/elements';
import { decorate, noHighlight } from '../../../../renderer/graph/overlay';
import { diffMarks } from '../../../../renderer/graph/signals';
import { darkPalette, graphStyle, lightPalette } from '../../../../renderer/graph/style';
import { diffMarksOf, unmarked } from '../../../../renderer/lib/diff-marks';
import { smallWan } from '../fixtures';

const element = (kind: ElementDiffDto['kind'], change: ElementDiffDto['change'], aId: string | null, bId: string | null): ElementDiffDto => ({ kind, change, name: `${kind} ${aId ?? bId}`, aId, bId, fields: [] });

const diff: ProjectDiffDto = {
  a: { label: 'old.wicm', kind: 'project' },
  b: { label: 'now', kind: 'project' },
  identical: false,
  topology: [
    element('port', 'added', null, 'p1c'),
    element('link', 'changed', 'l12', 'l12'),
    element('pop', 'removed', 'gone', null),
    element('segment', 'removed', 's-ath', null),
    element('vlanPool', 'added', null, null),
  ],
  services: [],
  rules: [],
  counts: { topology: 5, services: 0, rules: 0 },
};

describe('compare marks', () => {
  const exists = new Set(smallWan().segments.map((s) => s.id));
  const marks = diffMarksOf(diff, (id) => exists.has(id));

  it('marks added and changed elements by their id in the open project, removed ones only if drawn', () => {
    expect([...marks]).toEqual([
      ['p1c', 'added'],
      ['l12', 'changed'],
      ['s-ath', 'removed'],
    ]);
    expect(unmarked(diff, marks).map((e) => e.name)).toEqual(['pop gone', 'vlanPool null']);
  });

  it('draws the three marks as classes read back from cytoscape', () => {
    const els = decorate(toElements(smallWan(), []), { ...noHighlight, compare: marks });
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle(darkPalette) });
    cy.add(els);
    expect(diffMarks(cy)).toBe('added: p1c; changed: l12; removed: s-ath');
    expect(cy.getElementById('port:p1c').style('underlay-color')).not.toBe(cy.getElementById('segment:s-ath').style('underlay-color'));
  });

  it('has three distinct colours per theme', () => {
    for (const p of [darkPalette, lightPalette]) expect(new Set([p.diffAdded, p.diffChanged, p.diffRemoved]).size).toBe(3);
  });
});
