/**
 * The northbound REST API (demi-wicm, T-NOVA WICM, Katana WIM) mounted on the HTTP transport.
 * Node-only; every call goes through the engine's contract.
 */
export { accessPolicy, isLoopbackHost, MIN_TOKEN_LENGTH, type AccessPolicy } from './access';
export { resolvePushConfig, type ControllerFlags } from './controller-config';
export { openApiDocument } from './openapi';
export { CONFIGURE_CONTROLLER, type ControllerKind, type ControllerTarget, type PushConfig, type PushReport } from './push-step';
export { createRestApi, type RestApi, type RestApiOptions } from './rest-api';
export { REST_BODY_LIMIT, routeKeys } from './router';
