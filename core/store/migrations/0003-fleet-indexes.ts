/**
 * Schema 3: indexes for per-request work on a large fleet. A request re-plans one service and
 * rewrites only its allocation rows (deleting them scanned every row of the fleet), and a new
 * service is placed after the last one (MAX(position) scanned every service).
 */
export const sql = `
CREATE INDEX allocations_service ON allocations(service_id);
CREATE INDEX services_position ON services(position);
`;
