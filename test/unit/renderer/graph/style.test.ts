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

  it('has a light theme with the same selectors and other colours', () => {
    expect(graphStyle(lightPalette).map((r) => ('selector' in r ? r.selector : ''))).toEqual(graphStyle(darkPalette).map((r) => ('selector' in r ? r.selector : '')));
    expect(styled(base, lightPalette).getElementById('pop:pop-a').style('background-color')).toBe(rgb(lightPalette.pop));
  });
});
