import type { PushReportDto } from '../../../../core/contract/api';
import { CoreError } from '../../../../core/util/core-error';
import type { CliCommand } from '../command';
import { CONTROLLER_USAGE, openControllerSession, printReport } from './push';

/** `wicm teardown`: removes exactly the named services' controller objects. */
export const teardownCommand: CliCommand = {
  name: 'teardown',
  summary: "Remove services' redirections from an SDN controller (exactly their objects, both directions)",
  usage: `Usage: wicm teardown (--project file.wicm [--service ID]… | --topology FILE --request FILE)
                     --driver odl-vtn|onos|ovs --controller URL [--user U] [--password P]
                     [--tenant vtn1] [--app-id ID] [--timeout MS] [--dry-run] [--json]

Removes exactly the named services' flow conditions and filters (VTN) or flows (ONOS), both
directions, first hop first; objects of other services and objects the project did not create
are left alone. Without --service (with --project): every service's objects. As one transaction:
on a failure the removed objects are put back; exit 3 with the failed step.
${CONTROLLER_USAGE}
  --dry-run           print what would be removed; send nothing`,
  async run(argv, io) {
    const session = await openControllerSession(argv, io, 'teardown', { 'dry-run': { type: 'boolean' } });
    const dryRun = session.values['dry-run'] === true;
    const reply = await session.host.dispatch(dryRun ? 'push.diff' : 'push.teardown', dryRun ? { ...session.request, teardown: true } : session.request);
    if (!reply.ok) throw new CoreError(reply.error.code, reply.error.message, reply.error.details);
    if (!dryRun) await session.save();
    return printReport(reply.value as PushReportDto, io, session.values.json === true);
  },
};
