import { defineImporter } from '../shared/define-importer';
import { detectOpenBaton } from './detect';
import { parseOpenBaton } from './parse';

/** Open Baton NSR events (demi-wicm `/api/v1/nfvo/init` and `/nfvo/delete`) and bare NSRs. */
export const openBatonImporter = defineImporter('openbaton', 'Open Baton NSR event', detectOpenBaton, parseOpenBaton);
