import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the TypeScript sources, so they need no build; only tests that spawn the CLI
// binary use dist/ (the test command builds first).
const sourceAliases = [
  { find: /^@switchyard\/core$/, replacement: here('./packages/core/src/index.ts') },
  { find: /^@switchyard\/host-detection$/, replacement: here('./packages/host-detection/src/index.ts') },
  { find: /^@switchyard\/supervisor$/, replacement: here('./packages/supervisor/src/index.ts') },
  { find: /^@switchyard\/conformance$/, replacement: here('./packages/conformance/src/index.ts') },
  { find: /^@switchyard\/hub$/, replacement: here('./packages/hub/src/index.ts') },
  { find: /^@switchyard\/openai-http$/, replacement: here('./packages/openai-http/src/index.ts') },
  { find: /^@switchyard\/server$/, replacement: here('./packages/server/src/index.ts') },
  { find: /^@switchyard\/server\/served-model$/, replacement: here('./packages/server/src/served-model.ts') },
  ...['vllm', 'sglang', 'llamacpp', 'transformers', 'mlx'].map((engine) => ({
    find: new RegExp(`^@switchyard/backend-${engine}$`),
    replacement: here(`./packages/backend-${engine}/src/index.ts`),
  })),
  { find: /^@switchyard\/deploy$/, replacement: here('./packages/deploy/src/index.ts') },
];

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    // Builds the Python environment the transformers tests run in (once; then cached by its hash).
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
