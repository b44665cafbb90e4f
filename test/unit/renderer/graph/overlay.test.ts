import { describe, expect, it } from 'vitest';
import { toElements } from '../../../../renderer/graph/elements';
import { decorate, noHighlight } from '../../../../renderer/graph/overlay';
import { athensPatrasPlan, smallWan } from '../fixtures';

const base = toElements(smallWan(), []);
const classesOf = (els: ReturnType<typeof decorate>, id: string): string[] => String(els.find((e) => e.data.id === id)?.classes ?? '').split(' ');

describe('decorate', () => {
  it('changes nothing without highlights', () => {
    expect(decorate(base, noHighlight)).toEqual(base);
  });

  it('marks the ports and PoPs of both paths and draws an edge per hop change', () => {
    const plan = athensPatrasPlan();
    const els = decorate(base, { ...noHighlight, paths: [plan.forward, plan.reverse] });
    expect(classesOf(els, 'port:p1c')).toEqual(expect.arrayContaining(['port', 'path-forward', 'path-reverse']));
    expect(classesOf(els, 'pop:pop-p')).toContain('path-forward');
    const forward = els.filter((e) => String(e.classes).includes('path-edge path-forward'));
    expect(forward.map((e) => [e.data.source, e.data.target])).toEqual([
      ['port:p1c', 'port:p1a'],
      ['port:p1a', 'port:p1l'],
      ['port:p1l', 'port:p2l'],
      ['port:p2l', 'port:p2p'],
      ['port:p2p', 'port:p2i'],
    ]);
    expect(base.find((e) => e.data.id === 'port:p1c')?.classes).toBe('port');
  });

  it('marks the current hop of the chosen direction', () => {
    const plan = athensPatrasPlan();
    const els = decorate(base, { ...noHighlight, paths: [plan.forward, plan.reverse], currentHop: { direction: 'reverse', index: 1 } });
    expect(els.filter((e) => String(e.classes).includes('hop-current')).map((e) => e.data.id)).toEqual(['port:p2p']);
  });

  it('draws a trace, its end, and a drop', () => {
    const hops = [
      { bridgeId: 'b1', portId: 'p1c', action: 'enter' as const },
      { bridgeId: 'b1', portId: 'p1a', action: 'redirect' as const },
      { bridgeId: 'b1', portId: 'p1a', action: 'drop' as const },
    ];
    const dropped = decorate(base, { ...noHighlight, trace: { hops, delivered: false } });
    expect(classesOf(dropped, 'port:p1a')).toEqual(expect.arrayContaining(['trace', 'trace-drop']));
    expect(dropped.filter((e) => String(e.classes).includes('trace-edge'))).toHaveLength(1);
    expect(classesOf(decorate(base, { ...noHighlight, trace: { hops, delivered: true } }), 'port:p1a')).toContain('trace-end');
  });

  it('dims what a service filter leaves out, with the edges that touch it', () => {
    const els = decorate(base, { ...noHighlight, focus: new Set(['b1', 'p1c', 's-cust']) });
    expect(classesOf(els, 'port:p1c')).not.toContain('dimmed');
    expect(classesOf(els, 'attach:s-cust')).not.toContain('dimmed');
    expect(classesOf(els, 'port:p2p')).toContain('dimmed');
    expect(classesOf(els, 'link:l12')).toContain('dimmed');
    expect(classesOf(els, 'wan')).not.toContain('dimmed');
  });

  it('marks search matches, failed elements and a flagged element by model id', () => {
    const els = decorate(base, { ...noHighlight, matches: new Set(['s-inet']), down: new Set(['l12']), flagged: 'pop-a' });
    expect(classesOf(els, 'segment:s-inet')).toContain('match');
    expect(classesOf(els, 'link:l12')).toContain('down');
    expect(classesOf(els, 'pop:pop-a')).toContain('flagged');
  });

  it('ignores hops on ports that are not drawn', () => {
    const plan = athensPatrasPlan();
    const els = decorate(base, { ...noHighlight, paths: [{ ...plan.forward, hops: [{ kind: 'ingress', bridgeId: 'x', portId: 'gone', popId: null }, ...plan.forward.hops] }] });
    expect(els.some((e) => e.data.source === 'port:gone')).toBe(false);
  });
});
