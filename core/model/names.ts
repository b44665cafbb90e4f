/** VTN vnode-name: 1–31 chars, first alphanumeric, then alphanumerics and underscores. */
export const VNODE_NAME = /^[A-Za-z0-9][A-Za-z0-9_]{0,30}$/;

/** Whether a name is accepted by VTN Manager as a tenant, bridge, interface or condition name. */
export function isVnodeName(name: string): boolean {
  return VNODE_NAME.test(name);
}

/**
 * The VTN name an element is sent under: itself when it is a vnode-name, else the name with
 * every other character turned into '_' (leading '_' dropped, cut to 31), e.g. `if-user` →
 * `if_user`. Null when nothing usable is left.
 */
export function toVnodeName(name: string): string | null {
  if (isVnodeName(name)) return name;
  const mapped = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '').slice(0, 31);
  return isVnodeName(mapped) ? mapped : null;
}
