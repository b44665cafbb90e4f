import cytoscape, { type Core } from 'cytoscape';
import svg from 'cytoscape-svg';

cytoscape.use(svg);

/** The whole graph as a PNG (2× scale) or SVG image, on the theme's background. */
export function graphImage(cy: Core, format: 'png' | 'svg', background: string): Blob {
  if (format === 'png') return cy.png({ output: 'blob', full: true, scale: 2, bg: background });
  const text = (cy as Core & { svg(options: { full: boolean; bg: string }): string }).svg({ full: true, bg: background });
  return new Blob([text], { type: 'image/svg+xml' });
}
