import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { llamaCppBackend } from '@switchyard/backend-llamacpp';
import { mlxBackend } from '@switchyard/backend-mlx';
import { sglangBackend } from '@switchyard/backend-sglang';
import { transformersBackend } from '@switchyard/backend-transformers';
import { vllmBackend } from '@switchyard/backend-vllm';
import {
  type Backend,
  catalogReading,
  type HostInfo,
  InvalidInputError,
  type LaunchOptionsInput,
  type LaunchPlan,
  loadCatalog,
  type ModelSpec,
  parseHostInfo,
  parseModelSpec,
  planLaunch,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../packages/backend-llamacpp/src/embedded/args.js';

// Every flag a plan puts in argv must be one the engine's server accepts. The lists are read from
// each engine's own source at a pinned commit (see each file's header and tools/engine-flags), so a
// plan that invents a flag, or keeps one an engine removed, fails here rather than at launch.

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (path: string) => join(root, 'packages', path);

/** A flag list: one flag a line; `#` lines are the header. */
function readFlagList(path: string): ReadonlySet<string> {
  const lines = readFileSync(path, 'utf8').split('\n');
  return new Set(lines.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#')));
}

const FLAG_LISTS: Readonly<Record<string, ReadonlySet<string>>> = {
  vllm: readFlagList(fixture('backend-vllm/test/fixtures/vllm-serve-flags.txt')),
  sglang: readFlagList(fixture('backend-sglang/test/fixtures/sglang-launch-server-flags.txt')),
  'llama-server': readFlagList(fixture('backend-llamacpp/test/fixtures/llama-server-flags.txt')),
  'llama-cpp-python': readFlagList(fixture('backend-llamacpp/test/fixtures/llama-cpp-python-server-flags.txt')),
  'mlx-lm': readFlagList(fixture('backend-mlx/test/fixtures/mlx-lm-server-flags.txt')),
  transformers: readFlagList(fixture('backend-transformers/test/fixtures/transformers-serve-flags.txt')),
};

/**
 * The engine's own arguments: what follows the interpreter's `-m MODULE`, the console script's
 * subcommand, or the embedded server's script path.
 */
function engineArgs(plan: LaunchPlan): readonly string[] {
  switch (plan.runtime) {
    case 'sglang':
    case 'mlx-lm':
    case 'llama-cpp-python':
      expect(plan.args.slice(0, 1)).toEqual(['-m']);
      return plan.args.slice(2);
    case 'vllm':
    case 'transformers':
      expect(plan.args[0]).toBe('serve');
      return plan.args.slice(1);
    case 'node-llama-cpp':
      return plan.args.slice(1);
    default:
      return plan.args;
  }
}

/** Every flag in argv, `--flag=value` read as `--flag`; values such as `-1` are not flags. */
function flagsIn(args: readonly string[]): string[] {
  return args.filter((arg) => /^--?[a-z]/i.test(arg)).map((arg) => arg.split('=', 1)[0] ?? arg);
}

/** The flags of a plan that its engine's list lacks, with the runtime named. */
function unknownFlags(plan: LaunchPlan): string[] {
  const runtime = plan.runtime ?? plan.backend;
  const args = engineArgs(plan);
  if (runtime === 'node-llama-cpp') {
    // The embedded server's parser is strict: an unknown flag throws, naming it.
    try {
      parseServerArgs(args);
      return [];
    } catch (error) {
      return [`node-llama-cpp: ${(error as Error).message}`];
    }
  }
  const known = FLAG_LISTS[runtime];
  if (!known) return [`${runtime}: no flag list`];
  return flagsIn(args)
    .filter((flag) => !known.has(flag))
    .map((flag) => `${runtime}: ${flag}`);
}

/** The fixture hosts that are valid host descriptions (hosts-core also holds a deliberately bad one). */
function hostsDir(dir: string): { name: string; host: HostInfo }[] {
  return readdirSync(join(root, 'test/fixtures', dir))
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      try {
        const input = JSON.parse(readFileSync(join(root, 'test/fixtures', dir, file), 'utf8'));
        return [{ name: `${dir}/${file}`, host: parseHostInfo(input) }];
      } catch (error) {
        if (error instanceof InvalidInputError) return [];
        throw error;
      }
    });
}

const fixtureHosts = [...hostsDir('hosts'), ...hostsDir('hosts-core')];
const version = { version: '1.0.0' };
/** Each fixture host also with every engine and runtime installed, so every plan shape is reached. */
const hosts = fixtureHosts.flatMap(({ name, host }) => [
  { name, host },
  {
    name: `${name} + every engine`,
    host: parseHostInfo({
      ...host,
      engines: {
        ...host.engines,
        vllm: version,
        sglang: version,
        'mlx-lm': version,
        transformers: version,
        torch: version,
        'llama-server': version,
        'llama-cpp-python': version,
        'node-llama-cpp': version,
      },
    }),
  },
]);

/** One catalog spec per format, quantization and way of locating it (folder, file, hub id, hub file). */
async function catalogSpecs(): Promise<ModelSpec[]> {
  const catalog = await loadCatalog();
  const byShape = new Map<string, ModelSpec>();
  for (const model of catalog.list()) {
    for (const spec of catalogReading(model).specs) {
      const shape = [spec.format, spec.quantization, spec.modelPath !== undefined, spec.hubFile !== undefined].join();
      if (!byShape.has(shape)) byShape.set(shape, spec);
    }
  }
  return [...byShape.values()];
}

const localSpecs = [
  { modelName: 'tiny-llama', format: 'gguf', quantization: 'Q4_K_M', modelPath: '/models/tiny-llama.Q4_K_M.gguf' },
  { modelName: 'qwen-split', format: 'gguf', quantization: 'Q8_0', modelPath: '/models/qwen-00001-of-00002.gguf' },
  { modelName: 'my-qwen', format: 'pytorch', quantization: 'none', modelPath: '/models/qwen2.5-7b-instruct' },
  { modelName: 'my-awq', format: 'awq', quantization: 'Int4', modelPath: '/models/llama-awq' },
  { modelName: 'my-mlx', format: 'mlx', quantization: '4bit', modelPath: '/models/qwen-mlx-4bit' },
].map((input) => parseModelSpec(input));

const optionSets: LaunchOptionsInput[] = [
  {},
  { port: 9123 },
  { bind: '0.0.0.0', port: 18080 },
  { bind: '::1' },
  { gpus: [0] },
  { gpus: [0, 1] },
  { tensorParallel: 2 },
  { contextLength: 8192 },
  { apiKey: 'sk-test-key' },
  { servedName: 'my-model' },
  { gpus: [0, 1], contextLength: 32768, apiKey: 'sk-test-key', servedName: 'served', port: 8001 },
];
const llamaCppRuntimes = [undefined, 'llama-server', 'llama-cpp-python', 'node-llama-cpp'];

const BACKENDS: readonly Backend[] = [vllmBackend, sglangBackend, llamaCppBackend, mlxBackend, transformersBackend];

/**
 * Every plan the backend makes over hosts × specs × options; an option a backend refuses
 * (InvalidInputError) is its answer, not a plan. Other throws are real failures.
 */
function plansOf(backend: Backend, specs: readonly ModelSpec[]): { plan: LaunchPlan; where: string }[] {
  const plans: { plan: LaunchPlan; where: string }[] = [];
  const runtimes = backend === llamaCppBackend ? llamaCppRuntimes : [undefined];
  for (const { name, host } of hosts)
    for (const spec of specs)
      for (const base of optionSets)
        for (const runtime of runtimes) {
          const options = runtime === undefined ? base : { ...base, runtime };
          const plan = tryPlan(backend, spec, host, options);
          if (plan)
            plans.push({
              plan,
              where: `${name}, ${spec.modelName} (${spec.format} ${spec.quantization}), ${JSON.stringify(options)}`,
            });
        }
  return plans;
}

function tryPlan(backend: Backend, spec: ModelSpec, host: HostInfo, options: LaunchOptionsInput): LaunchPlan | null {
  try {
    return planLaunch(backend, spec, host, options);
  } catch (error) {
    if (error instanceof InvalidInputError) return null;
    if (error instanceof Error && /internal: no model file/.test(error.message)) return null;
    throw error;
  }
}

describe('engine flag lists', () => {
  it.each(Object.entries(FLAG_LISTS))('%s: a list of flags, each spelled as its parser takes it', (_, flags) => {
    expect(flags.size).toBeGreaterThan(20);
    for (const flag of flags) expect(flag).toMatch(/^--?[A-Za-z0-9][\w.-]*$/);
  });

  it('reads flags out of argv, `--flag=value` included, and skips values', () => {
    expect(flagsIn(['-m', 'x.gguf', '--ctx-size=4096', '--n_gpu_layers', '-1', 'serve'])).toEqual([
      '-m',
      '--ctx-size',
      '--n_gpu_layers',
    ]);
  });

  it('catches a flag the engine does not have', () => {
    const plan = planLaunch(vllmBackend, localSpecs[2] as ModelSpec, hosts[0]?.host as HostInfo, {});
    expect(
      unknownFlags({ ...(plan as LaunchPlan), args: [...(plan as LaunchPlan).args, '--swap-spaces', '4'] }),
    ).toEqual(['vllm: --swap-spaces']);
    const embedded = {
      ...(plan as LaunchPlan),
      runtime: 'node-llama-cpp',
      args: ['main.js', '--model', 'a.gguf', '--n-gpu-layers', '9'],
    };
    expect(unknownFlags(embedded)).toEqual([expect.stringMatching(/^node-llama-cpp: .*n-gpu-layers/)]);
  });
});

describe('every flag a plan emits is one its engine accepts', () => {
  it.each(BACKENDS.map((backend) => [backend.name, backend] as const))('%s', async (_, backend) => {
    const specs = [...(await catalogSpecs()), ...localSpecs];
    const plans = plansOf(backend, specs);
    expect(plans.length).toBeGreaterThan(0);
    const problems = new Map<string, string>();
    for (const { plan, where } of plans)
      for (const problem of unknownFlags(plan)) if (!problems.has(problem)) problems.set(problem, where);
    expect([...problems].map(([problem, where]) => `${problem}  (first in: ${where})`)).toEqual([]);
    // Each runtime the backend has was planned at least once.
    const runtimes = new Set(plans.map(({ plan }) => plan.runtime));
    if (backend === llamaCppBackend)
      expect([...runtimes].sort()).toEqual(['llama-cpp-python', 'llama-server', 'node-llama-cpp']);
  });
});
