/** VTN vnode-name: 1–31 chars, first alphanumeric, then alphanumerics and underscores. */
export const VNODE_NAME = /^[A-Za-z0-9][A-Za-z0-9_]{0,30}$/;

/** Whether a name is accepted by VTN Manager as a tenant, bridge, interface or condition name. */
export function isVnodeName(name: string): boolean {
  return VNODE_NAME.test(name);
}
