import { sameContent } from './canonical';
import type { ControllerDriver, LiveObject, PushStep } from './driver';
import type { HttpClient } from './http';
import { send } from './request';

/** The object ids a step writes. */
export function touchedIds(step: PushStep): string[] {
  return step.desired !== null ? [step.desired.id] : step.live.map((l) => l.id);
}

/** Live objects by id. */
export function liveMap(live: readonly LiveObject[]): Map<string, LiveObject> {
  return new Map(live.map((l) => [l.id, l]));
}

/** Whether the object `id` is now as it was (both absent, or same content). */
function unchanged(before: LiveObject | undefined, now: LiveObject | undefined): boolean {
  return before === undefined ? now === undefined : now !== undefined && sameContent(before.content, now.content);
}

/** Reads back after a successful push: every written object is there as written, every deleted one gone. */
export async function verifyPush(steps: readonly PushStep[], read: () => Promise<readonly LiveObject[]>): Promise<boolean> {
  let live: Map<string, LiveObject>;
  try {
    live = liveMap(await read());
  } catch {
    return false;
  }
  return steps.every((step) => {
    if (step.desired === null) return step.live.every((l) => !live.has(l.id));
    const now = live.get(step.desired.id);
    return now !== undefined && now.problem === undefined && sameContent(now.content, step.desired.content);
  });
}

/**
 * After compensation: reads back the objects the attempted steps touched and puts back any that
 * still differ from before the push (a write that timed out may still have landed). True when
 * the read-back finally matches the state before the push.
 */
export async function restoreTouched(
  driver: ControllerDriver,
  http: HttpClient,
  attempted: readonly PushStep[],
  liveBefore: readonly LiveObject[],
  read: (ids: readonly string[]) => Promise<readonly LiveObject[]> = () => driver.readLive(http),
): Promise<boolean> {
  const before = liveMap(liveBefore);
  const ids = [...new Set(attempted.flatMap(touchedIds))];
  const differing = async (): Promise<{ ids: string[]; now: Map<string, LiveObject> } | undefined> => {
    try {
      const now = liveMap(await read(ids));
      return { ids: ids.filter((id) => !unchanged(before.get(id), now.get(id))), now };
    } catch {
      return undefined;
    }
  };
  const first = await differing();
  if (first === undefined) return false;
  if (first.ids.length === 0) return true;
  for (const id of first.ids) {
    const was = before.get(id);
    const is = first.now.get(id);
    const request = was !== undefined ? was.restore : is?.remove;
    if (request === undefined) continue;
    try {
      await (driver.send ? driver.send(http, request) : send(http, driver.target, request));
    } catch {
      // The final read-back decides.
    }
  }
  const second = await differing();
  return second !== undefined && second.ids.length === 0;
}
