/**
 * NSR importers: one folder per input format, a registry with detection, and a preview that
 * turns text into service requests and diagnostics without storing anything.
 */
export type { ImportContext, Importer, ImportPreview } from './types';
export { importers } from './registry';
export { previewImport, MIN_CONFIDENCE } from './preview';
export { MAX_INPUT_BYTES } from '../contract/limits';
export { MAX_NESTING_DEPTH } from './shared/json-text';
