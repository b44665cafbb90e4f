// lint-as: core/drivers/bad-fixture.ts
// expect: local/core-layers
// A driver owns its wire format: core/drivers may not lean on core/export.
import { exportPlans } from '../../core/export';

export const uses = exportPlans;
