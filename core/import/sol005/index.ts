import { defineImporter } from '../shared/define-importer';
import { detectSol005 } from './detect';
import { parseSol005 } from './parse';

/** ETSI NFV-SOL005 NsInstance (VNFFG / NFP runtime info). */
export const sol005Importer = defineImporter('sol005', 'ETSI SOL005 NsInstance', detectSol005, parseSol005);
