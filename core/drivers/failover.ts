import { sameContent } from './canonical';
import type { AppliedStep, ControllerDriver, PushStep } from './driver';
import type { HttpClient } from './http';
import { answerLost, memberBases } from './request';

/**
 * Applies one step exactly once on a cluster. When a member dies with the write in flight, its
 * answer is lost and the write may or may not have landed: the objects are read back (the next
 * member answers, the members share one state) and the write is sent again only when it is not
 * there. A single controller fails as before (the transaction rolls back and restores).
 */
export async function applyOnce(driver: ControllerDriver, http: HttpClient, step: PushStep): Promise<AppliedStep> {
  try {
    return await driver.apply(http, step);
  } catch (e) {
    if (memberBases(driver.target).length <= 1 || !answerLost(e, step.request)) throw e;
    // A batch is idempotent as a whole: the same ONOS flows posted again replace themselves,
    // flow ids deleted again are ignored; VTN filters set again are unchanged, indices removed
    // again answer without a status. Sent again (ONOS: to learn the handles).
    if (step.members !== undefined) return driver.apply(http, step);
    const live = (await driver.readLive(http)).find((l) => l.id === step.objectId);
    const landed = step.action === 'delete' ? live === undefined : live !== undefined && step.desired !== null && sameContent(live.content, step.desired.content);
    if (landed) return live?.handle === undefined ? {} : { handle: live.handle };
    return driver.apply(http, step);
  }
}
