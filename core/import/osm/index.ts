import { defineImporter } from '../shared/define-importer';
import { detectOsm } from './detect';
import { parseOsm } from './parse';

/** OSM NS records (NBI `nsrs`), optionally bundled with their VNF records and VIM accounts. */
export const osmImporter = defineImporter('osm', 'OSM NS record', detectOsm, parseOsm);
