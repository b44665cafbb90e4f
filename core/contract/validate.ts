import { z } from 'zod';
import type { Method, Req } from './api';
import { CONTROLLER_TIMEOUT_MS } from './controllers-dto';
import { toPointer } from './json-pointer';
import { MAX_CHAIN_POPS, MAX_ID_LENGTH, MAX_INPUT_BYTES, MAX_INPUT_LABEL, MAX_NAME_LENGTH, MAX_PREFIX_TEXT } from './limits';

/** One problem in a request: where (JSON pointer) and what. */
export interface RequestIssue {
  readonly pointer: string;
  readonly message: string;
}

/** An input document carried as text (NSR, topology JSON): at most `MAX_INPUT_BYTES`. */
const documentText = z.string().max(MAX_INPUT_BYTES, `is larger than ${MAX_INPUT_LABEL}`);
const noArgs = z.object({}).strict();
const filePath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'is longer than 4096 characters')
  .refine((p) => !p.includes('\u0000'), 'must not contain NUL');

const id = z.string().min(1, 'must not be empty').max(MAX_ID_LENGTH, `is longer than ${MAX_ID_LENGTH} characters`);
const name = z.string().trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH, `is longer than ${MAX_NAME_LENGTH} characters`);
const prefixText = z.string().trim().min(1, 'must not be empty').max(MAX_PREFIX_TEXT, `is longer than ${MAX_PREFIX_TEXT} characters`);
const elementKind = z.enum(['bridge', 'port', 'link', 'segment', 'pop', 'nap']);
const serviceState = z.enum(['draft', 'planned', 'pushed', 'drifted', 'failed']);
const position = z.object({ elementId: id, x: z.number().finite(), y: z.number().finite(), pinned: z.boolean().optional() }).strict();
const popNames = z.array(name).max(MAX_CHAIN_POPS, `lists more than ${MAX_CHAIN_POPS} PoPs`);
/** One controller URL, or the members of a cluster separated by commas (and spaces). */
const CONTROLLER_URLS = /^https?:\/\/[^/?#\s,]+(\/[^?#\s,]*)?(\s*,\s*https?:\/\/[^/?#\s,]+(\/[^?#\s,]*)?)*$/i;
const controllerKind = z.enum(['odl-vtn', 'onos']);
/** Push targets: the lab kinds plus Open vSwitch (reached by ovs-ofctl, not HTTP). */
const targetKind = z.enum(['odl-vtn', 'onos', 'ovs']);
const OVS_URL = /^(unix:\/\S*|tcp:([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5})$/;
const TARGET_URL_HINT = "must be an http:// or https:// URL such as http://10.0.0.5:8181, the URLs of a cluster's members separated by commas, or for Open vSwitch unix:/run/dir or tcp:HOST:PORT";
/** An Open vSwitch target is a socket or tcp: address, a controller an http(s) URL. */
function checkTargetUrl(value: { kind: string; url: string }, ctx: z.RefinementCtx): void {
  const isOvs = value.kind === 'ovs';
  if (isOvs && !OVS_URL.test(value.url.trim())) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be unix:/run/dir (bridges\' .mgmt sockets), unix:/run/dir/br0.mgmt or tcp:HOST:PORT for Open vSwitch' });
  }
  if (!isOvs && !/^https?:\/\//i.test(value.url.trim())) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be an http:// or https:// URL such as http://10.0.0.5:8181' });
  }
}
const controllerTarget = z
  .object({
    kind: targetKind,
    url: z
      .string()
      .trim()
      .max(2048)
      .refine((u) => CONTROLLER_URLS.test(u) || OVS_URL.test(u), TARGET_URL_HINT)
      .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'must not contain credentials: give them as user and password'),
    user: z.string().max(200),
    password: z.string().max(1000),
    tenant: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_]{0,30}$/, 'must be a VTN name: 1-31 letters, digits and "_"').optional(),
    appId: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$/, 'must be letters, digits, "_", "." and "-"').optional(),
    timeoutMs: z.number().int().min(50).max(600_000).optional(),
  })
  .strict()
  .superRefine(checkTargetUrl);
const profileRef = z.object({ profileId: id }).strict();
/** What a profile's controller timeout must be, and how to fix it. */
const PROFILE_TIMEOUT_HINT = `must be a whole number of milliseconds from ${CONTROLLER_TIMEOUT_MS.min} to ${CONTROLLER_TIMEOUT_MS.max} (10 minutes); leave it empty for the default (10000)`;
/**
 * A controller spelled out, or a saved profile by id. Picks the branch by `profileId` instead of
 * a z.union, so problems keep their JSON pointers (`/target/url`…) instead of "invalid input".
 */
const controllerOrProfile = z.custom<z.infer<typeof controllerTarget> | z.infer<typeof profileRef>>().superRefine((value, ctx) => {
  const schema = typeof value === 'object' && value !== null && 'profileId' in value ? profileRef : controllerTarget;
  const result = schema.safeParse(value);
  if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});

/** The add request of each element kind; an edit takes the same fields, each optional. */
const addRequests = {
  bridge: z
    .object({
      name,
      kind: z.enum(['vtn-vbridge', 'openflow', 'ovs', 'generic']),
      controllerId: name.optional(),
      datapathId: z.string().max(64).nullable().optional(),
    })
    .strict(),
  port: z.object({ bridgeId: id, name, ofPort: z.number().int().min(1).max(65279).nullable().optional() }).strict(),
  link: z.object({ aPortId: id, bPortId: id }).strict(),
  segment: z.object({ portId: id, prefix: prefixText, name: z.string().max(200).nullable().optional() }).strict(),
  pop: z.object({ name, portId: id, aliases: z.array(name).max(MAX_CHAIN_POPS).optional() }).strict(),
  nap: z.object({ name, cePortId: id, pePortId: id }).strict(),
} as const;
const KIND_LABELS: Readonly<Record<keyof typeof addRequests, string>> = { bridge: 'a bridge', port: 'a port', link: 'a link', segment: 'a segment', pop: 'a PoP', nap: 'a NAP' };
/** What `topology.update` may change per element kind: the add request's fields, all optional. */
export const changeSchemas = {
  bridge: addRequests.bridge.partial(),
  port: addRequests.port.partial(),
  link: addRequests.link.partial(),
  segment: addRequests.segment.partial(),
  pop: addRequests.pop.partial(),
  nap: addRequests.nap.partial(),
} as const;
/**
 * `topology.update`: `kind` picks the schema of `changes`; each problem keeps its pointer
 * (`/changes/aliases`), and an unknown field is named with the fields the kind has.
 */
const topologyUpdate = z
  .object({ kind: elementKind, id, changes: z.record(z.string(), z.unknown()) })
  .strict()
  .transform((req, ctx) => {
    const schema = changeSchemas[req.kind];
    const result = schema.safeParse(req.changes);
    if (result.success) return { ...req, changes: result.data as Readonly<Record<string, unknown>> };
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const fields = Object.keys(schema.shape).join(', ');
        for (const key of issue.keys) {
          const message = key === 'id' ? "cannot be changed: an element's id is fixed" : `is not a field of ${KIND_LABELS[req.kind]}; its fields are ${fields}`;
          ctx.addIssue({ code: 'custom', message, path: ['changes', ...issue.path, key] });
        }
      } else ctx.addIssue({ code: 'custom', message: issue.message, path: ['changes', ...issue.path] });
    }
    return z.NEVER;
  });
const pushRequest = z.object({ target: controllerOrProfile, serviceIds: z.array(id).max(100_000).optional(), provision: z.boolean().optional() }).strict();

/**
 * Runtime schema of every method's request; the dispatcher rejects anything that does not
 * match before a handler runs. The `satisfies` clause keeps schemas and `Api` in step.
 */
export const requestSchemas = {
  'app.info': noArgs,
  'project.new': z
    .object({ name: z.string().min(1).max(200).optional(), template: z.enum(['empty', 'sample']).optional() })
    .strict(),
  'project.open': z.object({ path: filePath }).strict(),
  'project.save': noArgs,
  'project.saveAs': z.object({ path: filePath }).strict(),
  'project.info': noArgs,
  'project.compare': z.object({ path: filePath }).strict(),
  'history.undo': noArgs,
  'history.redo': noArgs,
  'topology.get': noArgs,
  'topology.read': noArgs,
  'topology.defaults': noArgs,
  'topology.addBridge': addRequests.bridge,
  'topology.addPort': addRequests.port,
  'topology.addLink': addRequests.link,
  'topology.addSegment': addRequests.segment,
  'topology.addUplink': z.object({ portId: id, family: z.union([z.literal(4), z.literal(6)]).optional() }).strict(),
  'topology.addPop': addRequests.pop,
  'topology.addNap': addRequests.nap,
  'topology.update': topologyUpdate,
  'topology.remove': z.object({ kind: elementKind, id }).strict(),
  'topology.removeMany': z.object({ items: z.array(z.object({ kind: elementKind, id }).strict()).min(1).max(5_000) }).strict(),
  'topology.paste': z.object({ items: z.array(z.object({ kind: elementKind, id }).strict()).min(1).max(5_000), positions: z.array(position).max(5_000) }).strict(),
  'topology.setVlanPool': z
    .object({
      portId: id,
      pool: z
        .object({ first: z.number().int().min(1).max(4094), last: z.number().int().min(1).max(4094) })
        .strict()
        .refine((p) => p.first <= p.last, { message: 'must not be below first (a pool runs from first up to last)', path: ['last'] })
        .nullable(),
    })
    .strict(),
  'topology.lookup': z.object({ address: prefixText }).strict(),
  'topology.setDefaults': z.object({ sourceSegment: prefixText.nullable(), targetSegment: prefixText.nullable() }).strict(),
  'topology.import': z.object({ text: documentText.min(1) }).strict(),
  'export.formats': noArgs,
  'export.run': z
    .object({
      format: z.enum(['plan-json', 'odl-vtn', 'curl', 'ovs-ofctl', 'onos', 'topology-json', 'topology-yaml', 'nsr-openbaton', 'nsr-sol005', 'nsr-osm', 'nsr-katana', 'nsr-demi', 'nsr-tnova']),
      serviceIds: z.array(id).optional(),
      teardown: z.boolean().optional(),
      tenant: z.string().min(1).max(31).optional(),
      appId: z.string().min(1).max(200).optional(),
      labPrelude: z.boolean().optional(),
    })
    .strict(),
  'import.formats': noArgs,
  'import.preview': z.object({ text: documentText, fileName: z.string().max(1000).optional(), format: z.string().max(40).optional() }).strict(),
  'import.commit': z.object({ text: documentText, fileName: z.string().max(1000).optional(), format: z.string().max(40).optional() }).extend({ plan: z.boolean().optional() }).strict(),
  'push.diff': pushRequest.extend({ teardown: z.boolean().optional() }).strict(),
  'push.apply': pushRequest,
  'push.teardown': pushRequest,
  'push.drift': pushRequest,
  'push.adopt': pushRequest,
  'push.recover': pushRequest,
  'controllers.drivers': noArgs,
  'controllers.startLab': z.object({ kind: controllerKind }).strict(),
  'controllers.setLabFault': z
    .object({ kind: controllerKind, fault: z.object({ nthWrite: z.number().int().min(1).max(100_000), action: z.enum(['error-500', 'hang', 'reset']) }).strict().nullable() })
    .strict(),
  'controllers.profiles': noArgs,
  'controllers.saveProfile': z
    .object({
      id: id.optional(),
      name,
      kind: targetKind,
      url: z.string().trim().max(2000).refine((u) => CONTROLLER_URLS.test(u) || OVS_URL.test(u), TARGET_URL_HINT),
      user: z.string().max(200),
      password: z.string().max(1000).nullable().optional(),
      tenant: z.string().min(1).max(31).optional(),
      appId: z.string().min(1).max(200).optional(),
      timeoutMs: z.number().int(PROFILE_TIMEOUT_HINT).min(CONTROLLER_TIMEOUT_MS.min, PROFILE_TIMEOUT_HINT).max(CONTROLLER_TIMEOUT_MS.max, PROFILE_TIMEOUT_HINT).optional(),
    })
    .strict()
    .superRefine(checkTargetUrl),
  'controllers.removeProfile': z.object({ id }).strict(),
  'layout.move': z.object({ positions: z.array(position).max(200_000) }).strict(),
  'layout.arrange': z.object({ positions: z.array(position).max(200_000), label: z.string().min(1).max(80).optional() }).strict(),
  'services.save': z
    .object({
      id: id.optional(),
      name,
      inSegment: prefixText.nullable(),
      outSegment: prefixText.nullable(),
      chain: popNames,
      reverseChain: popNames.nullable(),
      attributes: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  'services.remove': z.object({ id }).strict(),
  'services.get': z.object({ ids: z.array(id).max(10_000), byRecord: z.boolean().optional() }).strict(),
  'services.find': z
    .object({
      formats: z.array(id).max(100).optional(),
      attribute: z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"'), value: z.string().max(1000) }).strict().optional(),
      names: z.array(name).max(1000).optional(),
      idPrefix: id.optional(),
    })
    .strict(),
  'services.setState': z.object({ id, state: serviceState }).strict(),
  'plan.compute': z.object({ serviceIds: z.array(id).optional() }).strict(),
  'plan.get': noArgs,
  'plan.read': z.object({ serviceIds: z.array(id).max(100_000) }).strict(),
  'plan.lint': noArgs,
  'sim.trace': z.object({ src: prefixText, dst: prefixText, down: z.array(id).optional() }).strict(),
  'sim.whatIf': z.object({ down: z.array(id).min(1, 'name at least one element') }).strict(),
  'journal.list': z.object({ serviceId: id.optional() }).strict(),
  'recovery.status': noArgs,
  'recovery.restore': noArgs,
  'recovery.discard': noArgs,
  'lab.status': noArgs,
  'lab.up': noArgs,
  'lab.down': noArgs,
  'lab.apply': z.object({ serviceIds: z.array(id).optional(), remove: z.boolean().optional() }).strict(),
  'lab.probe': z.object({ serviceId: id, count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional() }).strict(),
  'lab.linkDown': z.object({ linkId: id }).strict(),
  'lab.linkUp': z.object({ linkId: id }).strict(),
  'files.projects': noArgs,
  'files.recent': noArgs,
} satisfies { readonly [M in Method]: z.ZodType<Req<M>> };

/** Whether a string names a contract method. */
export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/** Validates a request; returns the typed value or the issues with JSON pointers. */
export function validateRequest<M extends Method>(
  method: M,
  req: unknown,
): { readonly ok: true; readonly value: Req<M> } | { readonly ok: false; readonly issues: readonly RequestIssue[] } {
  const schema = requestSchemas[method] as z.ZodType<Req<M>>;
  const result = schema.safeParse(req ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    // An unknown member is reported at its own pointer, one issue per member.
    issues: result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ pointer: toPointer([...issue.path, key]), message: 'is not a known field; check its spelling' }))
        : [{ pointer: toPointer(issue.path), message: issue.message }],
    ),
  };
}

