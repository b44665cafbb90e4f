import type { CytoscapeOptions } from 'cytoscape';

/** The cytoscape renderers the graph can draw with. */
export type GraphRenderer = 'canvas' | 'webgl';

/** Renderer options per renderer, each documented next to its value (cytoscape's own defaults in brackets). */
const options: Readonly<Record<GraphRenderer, Partial<CytoscapeOptions>>> = {
  canvas: {
    // Pan and zoom move a bitmap of the last frame instead of redrawing 5,000 elements [false].
    textureOnViewport: true,
    // Edges stay visible while panning: the paths are what the user is looking at [false].
    hideEdgesOnViewport: false,
  },
  webgl: {
    // cytoscape's WebGL renderer (experimental upstream): nodes and labels become textures in
    // atlases, edges are drawn as solid lines by the GPU, so dashes are not drawn [false].
    webgl: true,
    // Each frame is drawn by the GPU, so a texture of the last frame buys nothing [false].
    textureOnViewport: false,
    hideEdgesOnViewport: false,
    // Elements per draw call; 2,048 (the default) keeps a 5,000-element graph to three calls.
    webglBatchSize: 2048,
  },
};

/**
 * Renderer options for `cytoscape({...})`.
 *
 * The graph's meaning must survive the WebGL renderer, which draws every edge solid: each kind
 * of line differs by colour, width or z-order, and dashes only repeat what colour says.
 */
export function rendererOptions(renderer: GraphRenderer): Partial<CytoscapeOptions> {
  return options[renderer];
}

/** Null when this page can create the WebGL2 context cytoscape's WebGL renderer needs, else why not. */
export function webglUnavailable(doc: Document): string | null {
  try {
    const context = doc.createElement('canvas').getContext('webgl2');
    if (!context) return 'this browser offers no WebGL2 context (GPU blocklisted or WebGL turned off)';
    context.getExtension('WEBGL_lose_context')?.loseContext();
    return null;
  } catch (error) {
    return `WebGL2 failed to start: ${error instanceof Error ? error.message : String(error)}`;
  }
}
