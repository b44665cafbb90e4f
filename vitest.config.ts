import { defineConfig } from 'vitest/config';

// Tests that send real packets through a live lab (netns + userspace Open vSwitch) count every
// packet; on two cores, two labs at once under a parallel suite can lose a ping. They run one
// file at a time, after the rest.
const packetTests = ['test/unit/live-lab/**/*.test.ts', 'test/unit/host/lab-rpc.test.ts', 'test/unit/host/lab-live-ovs.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: packetTests } },
      { extends: true, test: { name: 'live-lab', include: packetTests, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
