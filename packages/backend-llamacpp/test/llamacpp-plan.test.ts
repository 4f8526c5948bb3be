import { type HostInfoInput, InvalidInputError, parseHostInfo, parseModelSpec, planLaunch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { embeddedServerScript, LLAMACPP_RUNTIMES, llamaCppBackend } from '../src/index.js';

const installed = (...runtimes: string[]) =>
  Object.fromEntries(runtimes.map((runtime) => [runtime, { version: '1', path: `/opt/${runtime}` }]));
const host = (engines: Record<string, { version: string }>, input: Partial<HostInfoInput> = {}) =>
  parseHostInfo({ os: 'linux', arch: 'x64', engines, ...input });
const nvidia = { gpus: [{ index: 0, vendor: 'nvidia', name: 'L4' }] } as const;
const spec = parseModelSpec({ modelName: 'tiny', format: 'ggufv2', quantization: 'Q4_K_M', modelPath: '/m/tiny.gguf' });
const all = host(installed(...LLAMACPP_RUNTIMES));

describe('llama.cpp runtime choice', () => {
  it.each([
    [['llama-server', 'llama-cpp-python', 'node-llama-cpp'], 'llama-server', /first choice/],
    [['llama-cpp-python', 'node-llama-cpp'], 'llama-cpp-python', /not installed: llama-server\)/],
    [['node-llama-cpp'], 'node-llama-cpp', /not installed: llama-server, llama-cpp-python\)/],
  ])('with %j installed it runs %s and says why', (present, runtime, why) => {
    const plan = planLaunch(llamaCppBackend, spec, host(installed(...present)));
    expect(plan.runtime).toBe(runtime);
    expect(plan.runtimeReason).toMatch(why);
  });

  it.each(LLAMACPP_RUNTIMES)('the runtime option pins %s', (runtime) => {
    const plan = planLaunch(llamaCppBackend, spec, all, { runtime });
    expect(plan).toMatchObject({ runtime, runtimeReason: `${runtime} was pinned with the runtime option` });
  });

  it('an unknown runtime is an input error naming the valid ones', () => {
    expect(() => planLaunch(llamaCppBackend, spec, all, { runtime: 'ollama' })).toThrow(
      /runtime: "ollama" is not a llama.cpp runtime; use one of llama-server, llama-cpp-python, node-llama-cpp/,
    );
  });

  it('a pinned runtime the host lacks is an input error naming what is installed and how to install it', () => {
    const error = catchError(() =>
      planLaunch(llamaCppBackend, spec, host(installed('node-llama-cpp')), { runtime: 'llama-server' }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain('llama-server is not installed on this host (installed: node-llama-cpp)');
    expect(error.hint).toContain('brew install llama.cpp, or put llama-server from a llama.cpp release on PATH');
  });

  it('a model with only a hub id goes to llama-server, the runtime that downloads (-hf repo:quant)', () => {
    const hub = parseModelSpec({
      modelName: 'qwen',
      format: 'ggufv2',
      quantization: 'q4_k_m',
      hubId: 'Qwen/Qwen2.5-0.5B-Instruct-GGUF',
    });
    expect(planLaunch(llamaCppBackend, hub, all).args.slice(0, 2)).toEqual([
      '-hf',
      'Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M',
    ]);
    const named = parseModelSpec({ ...hub, hubFile: 'qwen2.5-0.5b-instruct-q4_k_m.gguf' });
    expect(planLaunch(llamaCppBackend, named, all).args.slice(0, 4)).toEqual([
      '-hf',
      'Qwen/Qwen2.5-0.5B-Instruct-GGUF',
      '--hf-file',
      'qwen2.5-0.5b-instruct-q4_k_m.gguf',
    ]);
    expect(() => planLaunch(llamaCppBackend, hub, host(installed('node-llama-cpp')))).toThrow(
      /only a hub id .*: of the llama.cpp runtimes only llama-server downloads from the hub/,
    );
    expect(() => planLaunch(llamaCppBackend, hub, all, { runtime: 'node-llama-cpp' })).toThrow(
      /loads local files only/,
    );
  });

  it('a model with neither a file nor a hub id is an input error asking for the .gguf path', () => {
    const named = parseModelSpec({ modelName: 'llama-2', format: 'ggufv2' });
    const error = catchError(() => planLaunch(llamaCppBackend, named, all));
    expect(error.message).toContain('names neither a file nor a hub id');
    expect(error.hint).toContain('.gguf');
  });
});

describe('llama.cpp launch options it cannot honour', () => {
  const gpus = host(installed(...LLAMACPP_RUNTIMES), {
    gpus: [0, 1].map((index) => ({ index, vendor: 'nvidia', name: 'L4' })),
  });

  it.each(LLAMACPP_RUNTIMES)('%s refuses --tensor-parallel: llama.cpp splits by layers', (runtime) => {
    const error = catchError(() => planLaunch(llamaCppBackend, spec, gpus, { runtime, tensorParallel: 2 }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain('tensorParallel: llama.cpp has no tensor-parallel degree');
    expect(planLaunch(llamaCppBackend, spec, gpus, { runtime, tensorParallel: 1 }).runtime).toBe(runtime);
  });

  it('llama-server refuses a served name with a comma, which its --alias would split', () => {
    expect(() => planLaunch(llamaCppBackend, spec, all, { servedName: 'a,b' })).toThrow(
      /servedName: llama-server reads its --alias as a comma-separated list/,
    );
    expect(
      planLaunch(llamaCppBackend, spec, all, { servedName: 'a,b', runtime: 'node-llama-cpp' }).servedModelName,
    ).toBe('a,b');
  });
});

describe('llama-server plan', () => {
  it('serves the file with the real flags, on its default port 8080, CPU only on a host without a GPU', () => {
    expect(planLaunch(llamaCppBackend, spec, all)).toMatchObject({
      backend: 'llamacpp',
      command: 'llama-server',
      args: ['-m', '/m/tiny.gguf', '--host', '127.0.0.1', '--port', '8080', '--alias', 'tiny', '--n-gpu-layers', '0'],
      env: {},
      secretEnv: [],
      port: 8080,
      servedModelName: 'tiny',
      readiness: { method: 'GET', path: '/health', expectStatus: 200 },
      stopSignal: 'SIGTERM',
    });
  });

  it('offloads all layers on a GPU host and maps the options; the API key goes through LLAMA_API_KEY only', () => {
    const plan = planLaunch(llamaCppBackend, spec, host(installed('llama-server'), nvidia), {
      bind: '0.0.0.0',
      port: 9000,
      gpus: [1],
      contextLength: 4096,
      servedName: 'mine',
      apiKey: 'sk-secret',
      extraArgs: ['--parallel', '4'],
    });
    expect(plan.args).toEqual([
      '-m',
      '/m/tiny.gguf',
      '--host',
      '0.0.0.0',
      '--port',
      '9000',
      '--alias',
      'mine',
      '--ctx-size',
      '4096',
      '--n-gpu-layers',
      '999',
      '--parallel',
      '4',
    ]);
    expect(plan.env).toEqual({ CUDA_VISIBLE_DEVICES: '1', LLAMA_API_KEY: 'sk-secret' });
    expect(plan.secretEnv).toEqual(['LLAMA_API_KEY']);
    expect(plan.args.join(' ')).not.toContain('sk-secret');
  });
});

describe('llama-cpp-python plan', () => {
  const python = host(installed('llama-cpp-python'));

  it('runs python -m llama_cpp.server from the interpreter that has it, with HOST/PORT pinned', () => {
    expect(planLaunch(llamaCppBackend, spec, python, { port: 8001, contextLength: 2048 })).toMatchObject({
      runtime: 'llama-cpp-python',
      command: '/opt/llama-cpp-python',
      args: [
        '-m',
        'llama_cpp.server',
        '--model',
        '/m/tiny.gguf',
        '--host',
        '127.0.0.1',
        '--port',
        '8001',
        '--model_alias',
        'tiny',
        '--n_ctx',
        '2048',
      ],
      env: { HOST: '127.0.0.1', PORT: '8001' },
      readiness: { method: 'GET', path: '/openapi.json', expectStatus: 200 },
    });
    expect(planLaunch(llamaCppBackend, spec, python, { python: '/venv/bin/python' }).command).toBe('/venv/bin/python');
  });

  it('offloads to the GPU with --n_gpu_layers -1; the API key goes through API_KEY, and readiness asks a route that needs none', () => {
    const plan = planLaunch(llamaCppBackend, spec, host(installed('llama-cpp-python'), nvidia), { apiKey: 'k' });
    expect(plan.args.slice(-2)).toEqual(['--n_gpu_layers', '-1']);
    expect(plan.env).toMatchObject({ API_KEY: 'k' });
    expect(plan.secretEnv).toEqual(['API_KEY']);
    // The same check with or without a key: one inherited as API_KEY would answer 401 elsewhere.
    expect(plan.readiness).toEqual(planLaunch(llamaCppBackend, spec, python).readiness);
  });
});

describe('embedded (node-llama-cpp) plan', () => {
  const embedded = host(installed('node-llama-cpp'));

  it('runs the packaged server script with this Node binary, both as absolute paths', () => {
    const plan = planLaunch(llamaCppBackend, spec, embedded, { port: 7000, extraArgs: ['--threads', '1'] });
    expect(plan).toMatchObject({
      runtime: 'node-llama-cpp',
      command: process.execPath,
      args: [
        embeddedServerScript(),
        '--model',
        '/m/tiny.gguf',
        '--host',
        '127.0.0.1',
        '--port',
        '7000',
        '--alias',
        'tiny',
        '--gpu',
        'false',
        '--threads',
        '1',
      ],
      readiness: { method: 'GET', path: '/health', expectStatus: 200 },
      stopSignal: 'SIGTERM',
    });
    expect(embeddedServerScript()).toMatch(/backend-llamacpp[/\\]dist[/\\]embedded[/\\]main\.js$/);
  });

  it('lets node-llama-cpp look for a GPU where there is one; the API key goes through LLAMA_API_KEY', () => {
    const plan = planLaunch(llamaCppBackend, spec, host(installed('node-llama-cpp'), nvidia), { apiKey: 'k' });
    expect(plan.args.slice(-2)).toEqual(['--gpu', 'auto']);
    expect(plan.env).toEqual({ LLAMA_API_KEY: 'k' });
  });
});

function catchError(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (error) {
    return error as InvalidInputError;
  }
  throw new Error('expected an error');
}
