import type { ControllerTargetDto, DriftServiceDto, PushStepDto, PushTargetInfoDto } from '../contract/api';
import type { ServiceDrift } from './drift';
import type { HttpClient } from './http';
import { DEFAULT_VTN_TENANT } from './odl-vtn/defaults';
import { DEFAULT_ONOS_APP_ID } from './onos/defaults';
import { baseUrl } from './request';
import type { StepOutcome } from './transaction';

/** Where requests went, without credentials. */
export function targetInfo(target: ControllerTargetDto): PushTargetInfoDto {
  if (target.kind === 'ovs') return { kind: target.kind, url: baseUrl(target) };
  return target.kind === 'odl-vtn'
    ? { kind: target.kind, url: baseUrl(target), tenant: target.tenant ?? DEFAULT_VTN_TENANT }
    : { kind: target.kind, url: baseUrl(target), appId: target.appId ?? DEFAULT_ONOS_APP_ID };
}

/** One step as the report shows it. */
export function stepDto(outcome: StepOutcome): PushStepDto {
  const { step, status, error } = outcome;
  return {
    seq: step.seq,
    action: step.action,
    objectId: step.objectId,
    serviceId: step.serviceId,
    summary: step.summary,
    method: step.request.method,
    path: step.request.path,
    status,
    ...(error === undefined ? {} : { error }),
    ...(step.members === undefined ? {} : { objects: step.members.length }),
  };
}

/** Drift of one service as the report shows it. */
export function driftDto(drift: ServiceDrift): DriftServiceDto {
  return {
    serviceId: drift.serviceId,
    status: drift.status,
    objects: drift.findings.map((f) => ({ objectId: f.objectId, serviceId: f.serviceId, kind: f.kind, problem: f.problem, summary: f.summary })),
  };
}

/** A wrapper that counts the requests sent through an HTTP client. */
export function countingClient(http: HttpClient): { readonly client: HttpClient; count(): number } {
  let sent = 0;
  const client: HttpClient = {
    request: (method, url, options) => {
      sent += 1;
      return http.request(method, url, options);
    },
  };
  return { client, count: () => sent };
}
