/** A reference payload and what it imports to. */
export interface GoldenCase {
  readonly input: string;
  readonly format: string;
  /** Forward chain of each service, as documented in nfvo-formats.md. */
  readonly chains: readonly (readonly string[])[];
  readonly reverse?: readonly (readonly string[] | null)[];
  readonly deletions?: readonly string[];
}

/** Every reference payload (bundled fixtures are split under test/fixtures/import). */
export const GOLDEN_CASES: readonly GoldenCase[] = [
  { input: 'reference/openbaton-nsr-instantiate.json', format: 'openbaton', chains: [['pop-athens', 'pop-patras']], reverse: [null] },
  { input: 'reference/openbaton-nsr-release.json', format: 'openbaton', chains: [], deletions: ['7c1e4a90-3b2f-4d8e-9a61-0f5d2c8b7e13'] },
  { input: 'import/demi-flows/post-request.json', format: 'demi-flows', chains: [['pop-athens', 'pop-patras']] },
  { input: 'import/demi-flows/post-response-array.json', format: 'demi-flows', chains: [['pop-athens', 'pop-patras']] },
  { input: 'import/demi-flows/get-flows-response.json', format: 'demi-flows', chains: [['pop-athens', 'pop-patras'], ['pop-athens', 'pop-patras']] },
  { input: 'import/demi-flows/nfvo-init-response.json', format: 'demi-flows', chains: [['pop-athens', 'pop-patras']] },
  { input: 'import/tnova/service.json', format: 'tnova', chains: [['nfvi1', 'nfvi2']], reverse: [['nfvi1']] },
  { input: 'import/tnova/allocated-response.json', format: 'tnova', chains: [['nfvi1', 'nfvi2']], reverse: [['nfvi1']] },
  { input: 'import/tnova/get-services-response.json', format: 'tnova', chains: [['nfvi1', 'nfvi2']], reverse: [['nfvi1']] },
  { input: 'import/tnova/nap.json', format: 'tnova', chains: [] },
  { input: 'import/tnova/nfvi.json', format: 'tnova', chains: [] },
  { input: 'import/tnova/get-nfvis-response.json', format: 'tnova', chains: [] },
  { input: 'import/tnova/bulk.json', format: 'tnova', chains: [['nfvi1', 'nfvi2']], reverse: [['nfvi1']] },
  { input: 'import/tnova/delete-response.json', format: 'tnova', chains: [], deletions: ['service1'] },
  { input: 'reference/katana-wim-data.json', format: 'katana', chains: [['edge-athens', 'core'], ['edge-patras', 'core']] },
  { input: 'reference/katana-wim-data-v2.2.json', format: 'katana', chains: [['edge-vim-athens', 'core-vim'], ['edge-vim-patras', 'core-vim']] },
  { input: 'import/katana/kafka-create.json', format: 'katana', chains: [['edge-athens', 'core']] },
  { input: 'import/katana/kafka-terminate.json', format: 'katana', chains: [], deletions: ['3f6c2a1e-8b7d-4e59-a0c4-1d2e3f4a5b6c'] },
  { input: 'import/katana/end-points-v2.0.json', format: 'katana', chains: [['core-vim', 'edge-vim-athens']] },
  { input: 'import/katana/services-segment-v1.0.json', format: 'katana', chains: [] },
  { input: 'reference/sol005-nsinstance.json', format: 'sol005', chains: [['vim-athens', 'vim-patras']], reverse: [['vim-patras', 'vim-athens']] },
  { input: 'reference/osm-nsr.json', format: 'osm', chains: [['pop-athens', 'pop-patras']], reverse: [null] },
];

