import type { ControllerKindDto, LabControllerDto, LabFaultDto } from '../../contract/api';
import { CoreError } from '../../util/core-error';
import type { HandlerContext } from '../context';
import type { LabControllers } from '../ports';

function labsOf(ctx: HandlerContext, kind: string): LabControllers {
  const labs = ctx.ports.labControllers;
  if (labs === undefined) throw new CoreError('DRIVER_UNAVAILABLE', `This engine cannot run lab controllers here: start one with \`wicm lab-controller --kind ${kind}\` (faults: --faults FILE.json).`);
  return labs;
}

/** Starts (or finds running) the built-in lab controller of a kind. */
export function startLab(ctx: HandlerContext, kind: ControllerKindDto): Promise<LabControllerDto> {
  return labsOf(ctx, kind).start(kind);
}

/** Rehearses a failure: the lab of that kind fails as told (null clears it). */
export async function setLabFault(ctx: HandlerContext, kind: ControllerKindDto, fault: LabFaultDto | null): Promise<{ kind: ControllerKindDto; fault: LabFaultDto | null }> {
  await labsOf(ctx, kind).setFault(kind, fault);
  return { kind, fault };
}
