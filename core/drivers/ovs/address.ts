import { CoreError } from '../../util/core-error';

/** What an `ovs` target URL names. */
export type OvsTargetAddress =
  /** A run directory: each bridge at `unix:<dir>/<bridge>.mgmt`. */
  | { readonly form: 'rundir'; readonly dir: string }
  /** One bridge's management socket. */
  | { readonly form: 'socket'; readonly address: string }
  /** A switch that listens for OpenFlow on TCP. */
  | { readonly form: 'tcp'; readonly address: string };

/** How an `ovs` target is written, for error messages and hints. */
export const OVS_TARGET_FORMS = 'unix:/run/dir (a run directory with <bridge>.mgmt sockets), unix:/run/dir/br0.mgmt (one bridge) or tcp:HOST:PORT';

/** Parses an `ovs` target URL; INVALID_INPUT naming the accepted forms otherwise. */
export function parseOvsTarget(url: string): OvsTargetAddress {
  const text = url.trim();
  const unix = /^unix:(\/[^\s]*)$/.exec(text);
  if (unix?.[1]) {
    const path = unix[1].replace(/\/+$/, '') || '/';
    return path.endsWith('.mgmt') ? { form: 'socket', address: `unix:${path}` } : { form: 'rundir', dir: path };
  }
  const tcp = /^tcp:([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(text);
  if (tcp?.[2] && Number(tcp[2]) > 0 && Number(tcp[2]) < 65536) return { form: 'tcp', address: text };
  throw new CoreError('INVALID_INPUT', `'${url}' is not an Open vSwitch target: use ${OVS_TARGET_FORMS}.`, { url });
}
