/**
 * The WICM contract: the only part of core the renderer may import.
 */
export type * from './api';
export type * from './dto';
export type * from './diff-dto';
export type * from './events';
export type * from './errors';
export type * from './preload';
