// lint-as: core/drivers/odl-vtn/fixture.ts
// expect: local/core-layers
// A driver owns its wire format: core/drivers may not lean on core/export.
import { exportPlans } from '../../export';

export const uses = exportPlans;
