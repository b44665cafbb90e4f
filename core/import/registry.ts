import { demiFlowsImporter } from './demi-flows';
import { katanaImporter } from './katana';
import { openBatonImporter } from './openbaton';
import { osmImporter } from './osm';
import { sol005Importer } from './sol005';
import { tnovaImporter } from './tnova';
import type { Importer } from './types';

/** Every input format, one entry per format folder. */
export const importers: readonly Importer[] = [
  openBatonImporter,
  demiFlowsImporter,
  tnovaImporter,
  katanaImporter,
  sol005Importer,
  osmImporter,
];
