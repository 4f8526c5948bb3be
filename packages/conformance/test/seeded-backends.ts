import {
  type Backend,
  defineBackend,
  type LaunchPlan,
  type ModelSpec,
  modelLocation,
  type ResolvedLaunchOptions,
  rules,
  servedModelName,
} from '@switchyard/core';
import { fakeEngineSupervisor } from '../src/index.js';

/** A plan that meets the contract; the faulty backends below each break one part of it. */
export function goodPlan(backend: string, spec: ModelSpec, options: ResolvedLaunchOptions): LaunchPlan {
  return {
    backend,
    runtime: 'good-engine',
    command: 'good-engine',
    args: ['serve', modelLocation(spec), '--host', options.bind, '--port', String(options.port)],
    env: options.apiKey ? { GOOD_API_KEY: options.apiKey } : {},
    secretEnv: options.apiKey ? ['GOOD_API_KEY'] : [],
    host: options.bind,
    port: options.port,
    servedModelName: servedModelName(spec, options),
    readiness: { method: 'GET', path: '/health', expectStatus: 200 },
    stopSignal: 'SIGTERM',
    installHint: 'pip install good-engine',
  };
}

/** Eligible for pytorch and GGUF models where vLLM's runtime is installed: a slice of the grid. */
const goodRules = [rules.format('Good', ['pytorch', 'ggufv2']), rules.installed('Good', 'vllm', 'pip install vllm')];

export const goodBackend = defineBackend({
  name: 'good',
  priority: 1,
  defaultPort: 8000,
  rules: goodRules,
  plan: (spec, _host, options) => goodPlan('good', spec, options),
});

/** `matches` throws a TypeError for GGML models. */
export const throwingBackend = defineBackend({
  name: 'throws-on-ggml',
  priority: 1,
  defaultPort: 8000,
  rules: [
    ...goodRules,
    {
      id: 'ggml-quirk',
      check: (spec) => {
        if (spec.format === 'ggmlv3') throw new TypeError('cannot read properties of undefined (reading "bits")');
        return true;
      },
      reason: () => 'never shown',
    },
  ],
  plan: (spec, _host, options) => goodPlan('throws-on-ggml', spec, options),
});

/** Says AWQ models are ineligible without saying why. */
export const reasonlessBackend: Backend = {
  ...goodBackend,
  name: 'no-reasons',
  plan: (spec, _host, options) => goodPlan('no-reasons', spec, options),
  matches: (spec, host) =>
    spec.format === 'awq' ? { eligible: false, reasons: [], failedRules: [] } : goodBackend.matches(spec, host),
};

/** Answers differently every other call: its verdict depends on hidden state. */
let calls = 0;
export const impureBackend: Backend = {
  ...goodBackend,
  name: 'impure',
  plan: (spec, _host, options) => goodPlan('impure', spec, options),
  matches: (spec, host) => {
    calls++;
    return spec.format === 'mlx' && calls % 2 === 0
      ? { eligible: false, reasons: ['busy'], failedRules: ['mood'] }
      : goodBackend.matches(spec, host);
  },
};

const withPlan = (name: string, plan: (base: LaunchPlan, options: ResolvedLaunchOptions) => LaunchPlan) =>
  defineBackend({
    name,
    priority: 1,
    defaultPort: 8000,
    rules: goodRules,
    plan: (spec, _host, options) => plan(goodPlan(name, spec, options), options),
  });

/** Runs the engine through `sh -c` with the whole command line as one string. */
export const shellBackend = withPlan('shell', (plan) => ({
  ...plan,
  command: 'sh',
  args: ['-c', [plan.command, ...plan.args].join(' ')],
}));

/** Puts the whole command line in `command`. */
export const commandLineBackend = withPlan('command-line', (plan) => ({
  ...plan,
  command: [plan.command, ...plan.args].join(' '),
  args: [],
}));

/** Passes the API key as a flag, where `ps` shows it. */
export const leakyBackend = withPlan('leaky', (plan, options) => ({
  ...plan,
  args: [...plan.args, ...(options.apiKey ? ['--api-key', options.apiKey] : [])],
}));

/** Keeps the key in env but forgets to mark it secret, so plans print it. */
export const unmarkedSecretBackend = withPlan('unmarked-secret', (plan) => ({ ...plan, secretEnv: [] }));

/** Listens on every interface whatever options.bind says. */
export const wildcardBackend = withPlan('wildcard', (plan) => ({
  ...plan,
  host: '0.0.0.0',
  args: plan.args.map((arg) => (arg === '127.0.0.1' ? '0.0.0.0' : arg)),
}));

/** Starts the engine through a supervisor of its own instead of the one in its launch context. */
export const bypassingBackend: Backend = {
  ...goodBackend,
  name: 'bypasses-supervisor',
  plan: (spec, _host, options) => goodPlan('bypasses-supervisor', spec, options),
  launch: (spec, host, options, context) =>
    goodBackend.launch(spec, host, options, { ...context, supervisor: fakeEngineSupervisor() }),
};

/** Starts the engine through its own supervisor and hands back a handle whose stop() never ends. */
export const unstoppableBackend: Backend = {
  ...goodBackend,
  name: 'unstoppable',
  plan: (spec, _host, options) => goodPlan('unstoppable', spec, options),
  launch: async (spec, host, options, context) => {
    const handle = await goodBackend.launch(spec, host, options, { ...context, supervisor: fakeEngineSupervisor() });
    return { ...handle, stop: () => new Promise(() => {}) };
  },
};
