// lint-as: core/net/bad-fixture.ts
// expect: local/core-layers
// Layers inside core: prefixes sit below planning, so core/net may not import core/plan.
import { planErrors } from '../../core/plan';

export const uses = planErrors;
