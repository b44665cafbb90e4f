import cytoscape, { type ElementDefinition } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { toElements } from '../../../../renderer/graph/elements';
import { decorate, noHighlight } from '../../../../renderer/graph/overlay';
import { darkPalette, graphStyle, lightPalette } from '../../../../renderer/graph/style';
import { athensPatrasPlan, smallWan } from '../fixtures';

function styled(elements: ElementDefinition[], palette = darkPalette) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle(palette) });
  cy.add(elements);
  return cy;
}

/** Cytoscape reports colours as `rgb(r,g,b)`. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255})`;
}

describe('graphStyle', () => {
  const base = toElements(smallWan(), []);

  it('gives each kind its own shape and colour', () => {
    const cy = styled(base);
    const shape = (id: string): string => cy.getElementById(id).style('shape') as string;
    expect(shape('bridge:b1')).toBe('round-rectangle');
    expect(shape('bridge:b3')).toBe('cut-rectangle');
    expect(shape('port:p1c')).toBe('ellipse');
    expect(shape('port:p1u')).toBe('diamond');
    expect(shape('segment:s-cust')).toBe('tag');
    expect(shape('pop:pop-a')).toBe('hexagon');
    expect(shape('nap:nap1')).toBe('vee');
    expect(cy.getElementById('pop:pop-a').style('background-color')).toBe(rgb(darkPalette.pop));
    expect(cy.getElementById('segment:s-cust').style('background-color')).toBe(rgb(darkPalette.segment));
  });

  it('draws links thicker than attachments and puts ports above bridges', () => {
    const cy = styled(base);
    expect(parseFloat(cy.getElementById('link:l12').style('width') as string)).toBeGreaterThan(parseFloat(cy.getElementById('attach:s-cust').style('width') as string));
    expect(Number(cy.getElementById('port:p1c').style('z-index'))).toBeGreaterThan(Number(cy.getElementById('bridge:b1').style('z-index')));
  });

  it('colours the forward and reverse paths differently, above everything else', () => {
    const plan = athensPatrasPlan();
    const cy = styled(decorate(base, { ...noHighlight, paths: [plan.forward, plan.reverse] }));
    const forward = cy.edges('.path-forward').first();
    const reverse = cy.edges('.path-reverse').first();
    expect(forward.style('line-color')).toBe(rgb(darkPalette.forward));
    expect(reverse.style('line-color')).toBe(rgb(darkPalette.reverse));
    expect(Number(forward.style('z-index'))).toBeGreaterThan(Number(cy.getElementById('link:l12').style('z-index')));
  });

  it('fades elements outside the service filter and marks failed ones', () => {
    const cy = styled(decorate(base, { ...noHighlight, focus: new Set(['p1c']), down: new Set(['p2p']) }));
    expect(Number(cy.getElementById('pop:pop-p').style('opacity'))).toBeLessThan(0.5);
    expect(Number(cy.getElementById('port:p1c').style('opacity'))).toBe(1);
    expect(cy.getElementById('port:p2p').style('background-color')).toBe(rgb(darkPalette.down));
  });

  it.each([
    ['dark', darkPalette],
    ['light', lightPalette],
  ])('tells every kind of line apart by colour or width alone, as the WebGL renderer draws them solid (%s)', (_name, palette) => {
    const plan = athensPatrasPlan();
    const trace = { hops: plan.forward.hops.map((h) => ({ bridgeId: h.bridgeId, portId: h.portId, action: 'forward' as const })), delivered: true };
    const cy = styled(decorate(base, { ...noHighlight, paths: [plan.forward, plan.reverse], trace, down: new Set(['l12']) }), palette);
    // One signature per kind of line: what a solid stroke can show.
    const kinds = new Map<string, Set<string>>();
    cy.edges().forEach((edge) => {
      const kind = edge.classes().filter((c) => c !== 'path-edge' && c !== 'overlay').sort().join(' ');
      const solid = `${edge.style('line-color') as string} ${parseFloat(edge.style('width') as string)}`;
      kinds.set(kind, (kinds.get(kind) ?? new Set()).add(solid));
    });
    expect([...kinds.keys()].sort()).toEqual(['attach', 'attach nap-attach', 'attach nap-attach nap-pe', 'attach pop-attach', 'down link', 'path-forward', 'path-reverse', 'trace-edge', 'wan-edge']);
    for (const looks of kinds.values()) expect(looks.size).toBe(1);
    const signatures = [...kinds.values()].map((looks) => [...looks][0]);
    expect(new Set(signatures).size).toBe(signatures.length);
  });

  it('has a light theme with the same selectors and other colours', () => {
    expect(graphStyle(lightPalette).map((r) => ('selector' in r ? r.selector : ''))).toEqual(graphStyle(darkPalette).map((r) => ('selector' in r ? r.selector : '')));
    expect(styled(base, lightPalette).getElementById('pop:pop-a').style('background-color')).toBe(rgb(lightPalette.pop));
  });
});
