import { TOPOLOGY_SCHEMA, type TopologyDocument } from '../store/documents';
import type { ExportInput, ExportOptions } from './types';

/** Builds the topology JSON document (read back by core/store/documents `parseTopologyJson`). */
export function topologyDocument(input: ExportInput, options: ExportOptions = {}): TopologyDocument {
  return {
    schema: TOPOLOGY_SCHEMA,
    ...(options.generatedAt !== undefined ? { generatedAt: options.generatedAt } : {}),
    topology: input.topology,
    ...(input.positions !== undefined ? { positions: input.positions } : {}),
  };
}
