import { defineImporter } from '../shared/define-importer';
import { detectTnova } from './detect';
import { parseTnova } from './parse';

/** T-NOVA WICM `/nap`, `/nfvi` and `/vnf-connectivity` bodies and replies. */
export const tnovaImporter = defineImporter('tnova', 'T-NOVA WICM', detectTnova, parseTnova);
