import type { Core, ElementDefinition } from 'cytoscape';

/**
 * Applies a new element list to a cytoscape instance as a diff inside one batch: removes what
 * is gone, adds what is new, updates data, classes and (model-owned) positions of the rest.
 */
export function syncElements(cy: Core, next: readonly ElementDefinition[]): void {
  const wanted = new Map(next.map((e) => [String(e.data.id), e]));
  cy.batch(() => {
    cy.elements().forEach((ele) => {
      if (!wanted.has(ele.id())) ele.remove();
    });
    // Nodes before edges, parents before children, so every reference exists when added.
    const ordered = [...next].sort((a, b) => rank(a) - rank(b));
    for (const def of ordered) {
      const existing = cy.getElementById(String(def.data.id));
      if (existing.empty()) {
        cy.add(def);
        continue;
      }
      existing.data(def.data);
      existing.classes(def.classes ?? '');
      if (def.position && existing.isNode() && !existing.isParent()) existing.position(def.position);
    }
  });
}

function rank(def: ElementDefinition): number {
  if (def.group === 'edges') return 2;
  return def.data.parent === undefined ? 0 : 1;
}
