import { version } from '../version';

/** A JSON Schema / OpenAPI fragment. */
type Json = Readonly<Record<string, unknown>>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string): Json => ({ description, content: { 'application/json': { schema } } });
const body = (schema: Json, description: string): Json => ({ required: true, content: { 'application/json': { schema } }, description });
const param = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const str = (description: string): Json => ({ type: 'string', description });

/** Error answers every endpoint can give, per API family. */
const commonErrors = (schema: string): Json => ({
  '400': json(ref(schema), 'Bad body: not JSON, a missing or wrong field (`pointer` says where)'),
  '401': json(ref(schema), 'The API token is required (--api-token-file / --api-token / WICM_API_TOKEN given) and was missing or wrong; carries `WWW-Authenticate: Basic realm="WICM"` so clients holding URL credentials send them'),
  '403': json(ref(schema), 'A browser page of another origin called the API (FORBIDDEN_ORIGIN), or a client on another machine, outside the --allow-from networks, called a server without a token (FORBIDDEN_PEER)'),
  '413': json(ref(schema), 'Body larger than the limit (2 MB by default)'),
  '415': json(ref(schema), 'A body that is not application/json (routes that read JSON whatever the Content-Type, as demi-wicm does, never answer 415)'),
  '421': json(ref(schema), 'Host header naming another server (loopback binds)'),
  '500': json(ref(schema), 'Internal error (details only in the server log)'),
});
const pushErrors = (schema: string): Json => ({
  '422': json(ref(schema), 'The request cannot be realised on this WAN (unknown segment, no path, exhausted indices…); nothing is kept'),
  '501': json(ref(schema), 'This build cannot push'),
  '502': json(ref(schema), 'The controller refused the change (PUSH_FAILED, with the failed step) or did not answer (DRIVER_UNAVAILABLE); nothing is kept'),
  '503': json(ref(schema), 'No controller is configured; the message says what to configure'),
});
const op = (tag: string, summary: string, responses: Json, extra: Json = {}): Json => ({ tags: [tag], summary, ...extra, responses });

const demiFlow: Json = {
  type: 'object',
  required: ['instance_id', 'in_seg', 'out_seg', 'vims'],
  properties: {
    instance_id: { type: ['string', 'number'], description: 'Flow id (becomes the service id)' },
    in_seg: str('Ingress prefix (CIDR)'),
    out_seg: str('Egress prefix (CIDR)'),
    vims: { type: 'array', items: { type: 'object', required: ['port', 'order'], properties: { port: str('PoP (VIM) name'), order: { type: ['number', 'string'], description: 'Position in the chain (ascending); a numeric string such as "1" is read as that number' } } } },
    'VIM list': { type: 'array', items: { type: 'string' }, description: 'Flows made from Open Baton NSRs: PoP names stored egress-first, as demi-wicm does' },
  },
};

/**
 * The OpenAPI 3.1 description of every endpoint the REST API serves (served at
 * `GET /api/openapi.json`; a test checks it against the route table both ways).
 */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'WICM Studio northbound REST API',
    version,
    description:
      'demi-wicm (/api/v1), T-NOVA WICM (/nap, /nfvi, /vnf-connectivity) and a Katana WIM (/api/katana, /api/sm) over one engine: every change shows in the WICM Studio UI. Requests that install redirections push them to the configured SDN controller (wicm serve --controller/--driver or --lab-controller); without one they answer 503 (or only plan with --plan-only). Bound to 127.0.0.1 no token is needed unless --api-token is set; bound elsewhere every request needs the token, as HTTP Basic credentials (`http://wicm:<token>@host:port`: any user name with the token as password, or the token as user name with no password), `Authorization: Bearer <token>` or `?token=<token>`, except from the networks given with --allow-from. A request that fails changes nothing.',
  },
  servers: [{ url: 'http://127.0.0.1:4321' }],
  security: [{}, { basicAuth: [] }, { bearerAuth: [] }, { queryToken: [] }],
  tags: [
    { name: 'demi-wicm', description: 'demi-wicm manual flows, Open Baton events and default segments' },
    { name: 'T-NOVA', description: 'T-NOVA WICM registrations and two-phase VNF connectivity' },
    { name: 'Katana', description: 'WIM for the Katana slice manager' },
    { name: 'meta', description: 'This document' },
  ],
  paths: {
    '/api/openapi.json': { get: op('meta', 'This OpenAPI document', { '200': json({ type: 'object' }, 'OpenAPI 3.1 document') }) },
    '/api/v1/flows': {
      post: op(
        'demi-wicm',
        'Create a flow: import, plan, push. A repeated POST of a flow re-applies it (re-plan, re-push), as demi-wicm does',
        {
          '200': json({ type: 'array', prefixItems: [{ type: 'object', properties: { flow: { type: 'object', properties: { data: ref('DemiFlow') } }, wicm: ref('WicmSummary') } }, { const: 200 }] }, "demi-wicm's `[{flow:{data}}, 200]` with what the WICM did beside it (`wicm.reapplied` on a repeat)"),
          '409': json(ref('DemiError'), 'The instance_id is the id of a service that is not a flow (T-NOVA, Katana, manual)'),
          ...pushErrors('DemiError'),
          ...commonErrors('DemiError'),
        },
        { requestBody: body(ref('DemiFlow'), 'The flow (demi-wicm body)') },
      ),
      get: op('demi-wicm', 'List the flows (manual and Open Baton)', { '200': json({ type: 'object', properties: { flows: { type: 'array', items: ref('DemiFlowRecord') } } }, 'Flows'), ...commonErrors('DemiError') }),
    },
    '/api/v1/flows/{id}': {
      get: op('demi-wicm', 'One flow (Open Baton flows also by their 8-character short id)', { '200': json(ref('DemiFlowRecord'), 'The flow'), '404': json(ref('DemiError'), 'Resource not found'), ...commonErrors('DemiError') }, { parameters: [param('id', 'instance_id')] }),
      delete: op(
        'demi-wicm',
        'Delete a flow (tear down its redirections first)',
        { '200': json({ const: 'Resource was deleted' }, 'Deleted'), '404': json(ref('DemiError'), 'Resource not found'), ...pushErrors('DemiError'), ...commonErrors('DemiError') },
        { parameters: [param('id', 'instance_id')] },
      ),
    },
    '/api/v1/nfvo/init': {
      get: op('demi-wicm', 'The flows, under "events" (as demi-wicm answers)', { '200': json({ type: 'object', properties: { events: { type: 'array', items: ref('DemiFlowRecord') } } }, 'Flows'), ...commonErrors('DemiError') }),
      post: op(
        'demi-wicm',
        'Open Baton INSTANTIATE_FINISH event: realise the NSR chain (idempotent: a repeated event changes nothing). The body is read as JSON whatever its Content-Type; bytes that are not UTF-8 and name no charset are read as ISO-8859-1 (what Open Baton sends)',
        {
          '200': json({ type: 'array' }, '`[{flow:[{data}]}, 200]` — created, updated, or unchanged on a repeated event'),
          ...pushErrors('DemiError'),
          ...commonErrors('DemiError'),
        },
        { requestBody: body(ref('OpenBatonEvent'), 'The event as the NFVO posts it') },
      ),
    },
    '/api/v1/nfvo/delete': {
      get: op(
        'demi-wicm',
        'The raw events posted to /nfvo/init and /nfvo/delete, under "events" (as demi-wicm answers); kept in memory, the last 100 (at most 4 MB)',
        { '200': json({ type: 'object', properties: { events: { type: 'array', items: ref('OpenBatonEvent') }, wicm: { type: 'object', properties: { kept: { type: 'integer' }, dropped: { type: 'integer' }, limit: { type: 'integer' } } } } }, 'Events'), ...commonErrors('DemiError') },
      ),
      post: op(
        'demi-wicm',
        'Open Baton RELEASE_RESOURCES_FINISH event: tear down and delete the NSR (idempotent). The body is read as JSON whatever its Content-Type',
        { '200': json({ enum: ['Resource was deleted', 'Resource was already deleted'] }, 'Deleted, or nothing to delete'), ...pushErrors('DemiError'), ...commonErrors('DemiError') },
        { requestBody: body(ref('OpenBatonEvent'), 'The event as the NFVO posts it') },
      ),
    },
    '/api/v1/source': {
      get: op('demi-wicm', 'Default ingress segment of NSR-driven services', { '200': json({ type: 'object', properties: { source: str('CIDR or "Not set"') } }, 'The segment'), ...commonErrors('DemiError') }),
      put: op('demi-wicm', 'Set the default ingress segment (body read as JSON whatever its Content-Type)', { '200': json({ const: 'Source user posted' }, 'Set'), ...commonErrors('DemiError') }, { requestBody: body({ type: 'object', required: ['source'], properties: { source: str('CIDR') } }, 'The segment') }),
    },
    '/api/v1/target': {
      get: op('demi-wicm', 'Default egress segment of NSR-driven services', { '200': json({ type: 'object', properties: { target: str('CIDR or "Not set"') } }, 'The segment'), ...commonErrors('DemiError') }),
      put: op('demi-wicm', 'Set the default egress segment (body read as JSON whatever its Content-Type)', { '200': json({ const: 'Target user posted' }, 'Set'), ...commonErrors('DemiError') }, { requestBody: body({ type: 'object', required: ['target'], properties: { target: str('CIDR') } }, 'The segment') }),
    },
    '/nap': {
      post: op('T-NOVA', 'Register a NAP on existing switch ports', { '201': json({ type: 'object', properties: { inserted: { enum: [0, 1], description: '0 when an identical NAP was already registered' } } }, 'Registered'), ...commonErrors('TnovaError') }, { requestBody: body({ type: 'object', required: ['nap'], properties: { nap: ref('TnovaNap') } }, 'The NAP') }),
      get: op('T-NOVA', 'List NAPs', { '200': json({ type: 'object', properties: { naps: { type: 'array', items: ref('TnovaNap') } } }, 'NAPs'), ...commonErrors('TnovaError') }),
      delete: op('T-NOVA', 'Delete every NAP', { '200': json(ref('TnovaDeleted'), 'Deleted'), '409': json(ref('TnovaError'), 'A NAP serves a service'), ...commonErrors('TnovaError') }),
    },
    '/nap/{mkt_id}': {
      get: op('T-NOVA', 'One NAP', { '200': json({ type: 'object', properties: { naps: { type: 'array', items: ref('TnovaNap') } } }, 'The NAP'), '404': json(ref('TnovaError'), 'Unknown NAP'), ...commonErrors('TnovaError') }, { parameters: [param('mkt_id', 'NAP id')] }),
      delete: op('T-NOVA', 'Delete one NAP', { '200': json(ref('TnovaDeleted'), 'Deleted (0 when unknown)'), '409': json(ref('TnovaError'), 'The NAP serves a service'), ...commonErrors('TnovaError') }, { parameters: [param('mkt_id', 'NAP id')] }),
    },
    '/nfvi': {
      post: op('T-NOVA', 'Register an NFVI-PoP on an existing switch port (a new PoP or an alias of the PoP already there)', { '201': json({ type: 'object', properties: { inserted: { enum: [0, 1] } } }, 'Registered'), ...commonErrors('TnovaError') }, { requestBody: body({ type: 'object', required: ['nfvi'], properties: { nfvi: ref('TnovaNfvi') } }, 'The NFVI') }),
      get: op('T-NOVA', 'List NFVI-PoPs', { '200': json({ type: 'object', properties: { nfvis: { type: 'array', items: ref('TnovaNfvi') } } }, 'PoPs'), ...commonErrors('TnovaError') }),
      delete: op('T-NOVA', 'Delete every NFVI-PoP', { '200': json(ref('TnovaDeleted'), 'Deleted'), '409': json(ref('TnovaError'), 'A PoP is used by a service'), ...commonErrors('TnovaError') }),
    },
    '/nfvi/{mkt_id}': {
      get: op('T-NOVA', 'One NFVI-PoP (by name or alias)', { '200': json({ type: 'object', properties: { nfvis: { type: 'array', items: ref('TnovaNfvi') } } }, 'The PoP'), '404': json(ref('TnovaError'), 'Unknown NFVI'), ...commonErrors('TnovaError') }, { parameters: [param('mkt_id', 'NFVI id')] }),
      delete: op('T-NOVA', 'Delete one NFVI-PoP (an alias only loses the alias)', { '200': json(ref('TnovaDeleted'), 'Deleted (0 when unknown)'), '409': json(ref('TnovaError'), 'The PoP is used by a service'), ...commonErrors('TnovaError') }, { parameters: [param('mkt_id', 'NFVI id')] }),
    },
    '/vnf-connectivity': {
      post: op(
        'T-NOVA',
        'Allocate a service: VLAN per PoP visit per direction (400–500 per PoP port); state ALLOCATED',
        {
          '201': json(ref('TnovaAllocated'), 'Allocated'),
          '409': json(ref('TnovaError'), 'ns_instance_id in use, NAP already serving a service, or no VLAN left (VLAN_EXHAUSTED, "No vlans available")'),
          '422': json(ref('TnovaError'), 'Not realisable on this WAN'),
          ...commonErrors('TnovaError'),
        },
        { requestBody: body({ type: 'object', required: ['service'], properties: { service: ref('TnovaServiceRequest') } }, 'The service') },
      ),
      get: op('T-NOVA', 'List services', { '200': json({ type: 'object', properties: { services: { type: 'array', items: ref('TnovaService') } } }, 'Services'), ...commonErrors('TnovaError') }),
    },
    '/vnf-connectivity/{ns_instance_id}': {
      get: op('T-NOVA', 'One service', { '200': json({ type: 'object', properties: { services: { type: 'array', items: ref('TnovaService') } } }, 'The service'), '404': json(ref('TnovaError'), 'Service not found'), ...commonErrors('TnovaError') }, { parameters: [param('ns_instance_id', 'Service id')] }),
      put: op(
        'T-NOVA',
        'Activate an ALLOCATED service: push its redirections; state ACTIVE',
        { '201': json({ type: 'object', properties: { activated: { type: 'object', properties: { ns_instance_id: { type: 'string' } } } } }, 'Activated'), '404': json(ref('TnovaError'), 'Service not found'), '409': json(ref('TnovaError'), 'Not in ALLOCATED state'), ...pushErrors('TnovaError'), ...commonErrors('TnovaError') },
        { parameters: [param('ns_instance_id', 'Service id')] },
      ),
      delete: op(
        'T-NOVA',
        'Delete a service (TERMINATING while its redirections are removed)',
        { '200': json({ type: 'object', properties: { deleted: { type: 'object', properties: { ns_instance_id: { type: 'string' } } } } }, 'Deleted'), '404': json(ref('TnovaError'), 'Service not found'), ...pushErrors('TnovaError'), ...commonErrors('TnovaError') },
        { parameters: [param('ns_instance_id', 'Service id')] },
      ),
    },
    '/api/katana/slices': {
      post: op(
        'Katana',
        'Create or update a slice\'s connectivity from wim_data (Init → Placement → Provisioning → Running)',
        { '201': json(ref('Slice'), 'Created'), '200': json(ref('Slice'), 'Updated'), ...pushErrors('SliceError'), ...commonErrors('SliceError') },
        { requestBody: body(ref('WimData'), 'wim_data as Katana sends it (any generation)') },
      ),
      get: op('Katana', 'List slices', { '200': json({ type: 'object', properties: { slices: { type: 'array', items: ref('Slice') } } }, 'Slices'), ...commonErrors('Error') }),
    },
    '/api/katana/slices/{sliceId}': {
      get: op('Katana', 'One slice', { '200': json(ref('Slice'), 'The slice'), '404': json(ref('Error'), 'Unknown slice'), ...commonErrors('Error') }, { parameters: [param('sliceId', 'wim_data _id')] }),
      delete: op('Katana', 'Terminate a slice: tear down and delete its connectivity', { '200': json(ref('Slice'), 'Terminated'), '404': json(ref('Error'), 'Unknown slice'), ...pushErrors('Error'), ...commonErrors('Error') }, { parameters: [param('sliceId', 'wim_data _id')] }),
    },
    '/api/katana/messages': {
      post: op(
        'Katana',
        'A Kafka wan-slice message relayed over HTTP: {"action":"create","data":wim_data} or {"action":"terminate","data":"<slice id>"} (terminate is idempotent)',
        { '201': json(ref('Slice'), 'Created'), '200': json(ref('Slice'), 'Updated or terminated'), ...pushErrors('SliceError'), ...commonErrors('SliceError') },
        { requestBody: body({ type: 'object', required: ['action', 'data'], properties: { action: { enum: ['create', 'terminate'] }, data: { oneOf: [ref('WimData'), { type: 'string' }] } } }, 'The message') },
      ),
    },
    '/api/addvim': {
      post: op(
        'Katana',
        "Where Katana v0.1–v1.0 (`register_vim`) announces each VIM it adds: noted without its credentials, and matched to a PoP of the project by location, name or id",
        {
          '200': json({ type: 'object', properties: { vim: ref('KatanaVim'), pop: { type: ['string', 'null'], description: 'The PoP slices on this VIM use; null when no PoP or alias matches' }, message: { type: 'string' } } }, 'Noted'),
          '409': json(ref('Error'), '1000 VIMs already noted'),
          ...commonErrors('Error'),
        },
        { requestBody: body({ type: 'object', description: 'The VIM registration as Katana stores it (id, name, location, type, auth_url, username, password…)' }, 'The VIM') },
      ),
    },
    '/api/katana/vims': {
      get: op('Katana', 'The VIMs Katana announced since the server started (no credentials)', { '200': json({ type: 'object', properties: { vims: { type: 'array', items: ref('KatanaVim') } } }, 'VIMs'), ...commonErrors('Error') }),
    },
    '/api/sm': {
      post: op('Katana', "Where Katana's pre-2020 odl-wim plugin posts wim_data (register the WIM with this server's base URL)", { '201': json(ref('Slice'), 'Created'), '200': json(ref('Slice'), 'Updated'), ...pushErrors('SliceError'), ...commonErrors('SliceError') }, { requestBody: body(ref('WimData'), 'wim_data') }),
    },
  },
  components: {
    securitySchemes: {
      basicAuth: { type: 'http', scheme: 'basic', description: 'The API token as HTTP Basic credentials: any user name with the token as password (http://wicm:<token>@host:port), or the token as user name with an empty password' },
      bearerAuth: { type: 'http', scheme: 'bearer', description: '--api-token-file / --api-token / WICM_API_TOKEN' },
      queryToken: { type: 'apiKey', in: 'query', name: 'token', description: 'The same token, for orchestrators that cannot set headers' },
    },
    schemas: {
      ErrorObject: { type: 'object', required: ['code', 'message'], properties: { code: str('Stable code, e.g. INVALID_INPUT, NOT_FOUND, CONFLICT, PLAN_FAILED, PUSH_FAILED, CONTROLLER_NOT_CONFIGURED'), message: str('What, where and how to fix'), pointer: str('RFC 6901 pointer into the request body') } },
      Error: { type: 'object', required: ['error'], properties: { error: ref('ErrorObject'), diagnostics: { type: 'array', items: { type: 'object' } }, push: { type: 'object', description: 'The failed push: failed step, steps undone' } } },
      DemiError: { type: 'object', required: ['message', 'error'], properties: { message: str("demi-wicm's message"), error: ref('ErrorObject') } },
      TnovaError: { type: 'object', required: ['error'], properties: { error: str("T-NOVA WICM's message"), code: str('Stable code'), pointer: str('RFC 6901 pointer into the body') } },
      SliceError: { type: 'object', required: ['error'], properties: { error: ref('ErrorObject'), sliceId: { type: 'string' }, status: str('Failed - <reason>'), timings: ref('SliceTimings'), phases: { type: 'array' } } },
      WicmSummary: { type: 'object', properties: { serviceId: { type: 'string' }, state: { enum: ['planned', 'pushed'] }, conditions: { type: 'array', items: { type: 'string' } }, timings: ref('SliceTimings'), push: { type: ['object', 'null'] } } },
      DemiFlow: demiFlow,
      DemiFlowRecord: { type: 'object', properties: { data: ref('DemiFlow'), state: { enum: ['draft', 'planned', 'pushed', 'drifted', 'failed'] } } },
      OpenBatonEvent: { type: 'object', required: ['action', 'payload'], properties: { action: { type: 'string' }, payload: { type: 'object', description: 'NetworkServiceRecord' } } },
      TnovaTransport: { type: 'object', properties: { type: { const: 'vlan' }, vlan_id: { type: ['integer', 'null'] } } },
      TnovaNap: { type: 'object', required: ['mkt_id', 'switch', 'ce_port', 'pe_port'], properties: { mkt_id: { type: 'string' }, client_mkt_id: { type: ['string', 'null'] }, switch: str('e.g. openflow:1'), ce_port: { type: 'integer' }, pe_port: { type: 'integer' }, ce_transport: ref('TnovaTransport'), pe_transport: ref('TnovaTransport') } },
      TnovaNfvi: { type: 'object', required: ['mkt_id', 'switch', 'port'], properties: { mkt_id: { type: 'string' }, switch: { type: 'string' }, port: { type: 'integer' }, aliases: { type: 'array', items: { type: 'string' } } } },
      TnovaDeleted: { type: 'object', properties: { deleted: { type: 'integer' } } },
      TnovaServiceRequest: { type: 'object', required: ['ns_instance_id', 'client_mkt_id', 'nap_mkt_id', 'ce_pe', 'pe_ce'], properties: { ns_instance_id: { type: 'string' }, client_mkt_id: { type: 'string' }, nap_mkt_id: { type: 'string' }, ce_pe: { type: 'array', items: { type: 'string' } }, pe_ce: { type: 'array', items: { type: 'string' } } } },
      TnovaAllocated: { type: 'object', properties: { allocated: { type: 'object', properties: { ns_instance_id: { type: 'string' }, ce_pe: { type: 'array', items: { type: 'object', properties: { nfvi_id: { type: 'string' }, transport: ref('TnovaTransport') } } }, pe_ce: { type: 'array' } } } } },
      TnovaService: {
        type: 'object',
        properties: {
          ns_instance_id: { type: 'string' },
          client_mkt_id: { type: ['string', 'null'] },
          status: { enum: ['ALLOCATED', 'ACTIVE', 'ERROR', 'NOT AVAILABLE', 'TERMINATING', 'DELETED'] },
          nap_mkt_id: { type: ['string', 'null'] },
          ce_pe: { type: 'array', items: { type: 'object', properties: { nfvi_mkt_id: { type: 'string' }, transport: ref('TnovaTransport') } } },
          pe_ce: { type: 'array' },
          created: str('RFC 1123 time'),
          updated: str('RFC 1123 time'),
        },
      },
      WimData: { type: 'object', description: 'Katana wim_data: v2.3.6 {_id, connections, slice_sla, probes}, v2.2 {_id?, core_connections, extra_ns, slice_sla, probes}, v2.0 {end_points, …}' },
      KatanaVim: { type: 'object', properties: { id: { type: ['string', 'null'] }, name: { type: ['string', 'null'] }, location: { type: ['string', 'null'] }, type: { type: ['string', 'null'] } } },
      SliceTimings: { type: 'object', properties: { planMs: { type: 'number' }, pushMs: { type: 'number' }, totalMs: { type: 'number' } } },
      Slice: {
        type: 'object',
        properties: {
          sliceId: { type: 'string' },
          status: str('Init, Placement, Provisioning, Running, Terminated or "Failed - <reason>"'),
          services: { type: 'array', items: { type: 'string' } },
          timings: ref('SliceTimings'),
          phases: { type: 'array', items: { type: 'object', properties: { status: { type: 'string' }, at: { type: 'string' } } } },
        },
      },
    },
  },
} as const;
