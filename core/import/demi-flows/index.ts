import { defineImporter } from '../shared/define-importer';
import { detectDemiFlows } from './detect';
import { parseDemiFlows } from './parse';

/** demi-wicm manual flows (`POST /api/v1/flows`) and its flow records and responses. */
export const demiFlowsImporter = defineImporter(
  'demi-flows',
  'demi-wicm flows',
  (doc) => detectDemiFlows(doc),
  parseDemiFlows,
);
