import { defineImporter } from '../shared/define-importer';
import { detectKatana } from './detect';
import { parseKatana } from './parse';

/** Katana slice manager `wim_data` (all generations) and its Kafka `create`/`terminate` messages. */
export const katanaImporter = defineImporter('katana', 'Katana wim_data', detectKatana, parseKatana);
