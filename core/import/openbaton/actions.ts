/** Open Baton `Action` names (catalogue `nfvo/Action.java`). */
export const OPENBATON_ACTIONS: ReadonlySet<string> = new Set([
  'GRANT_OPERATION',
  'ALLOCATE_RESOURCES',
  'SCALE_IN',
  'SCALE_OUT',
  'SCALING',
  'ERROR',
  'RELEASE_RESOURCES',
  'INSTANTIATE',
  'MODIFY',
  'HEAL',
  'UPDATEVNFR',
  'UPDATE',
  'SCALED',
  'RELEASE_RESOURCES_FINISH',
  'INSTANTIATE_FINISH',
  'CONFIGURE',
  'START',
  'STOP',
  'LOG_REQUEST',
  'RESUME',
  'EXECUTE',
]);

/** The event that creates a service (`/nfvo/init`). */
export const INSTANTIATE_ACTION = 'INSTANTIATE_FINISH';

/** The event that deletes one (`/nfvo/delete`). */
export const RELEASE_ACTION = 'RELEASE_RESOURCES_FINISH';
