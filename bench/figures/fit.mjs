import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { importTs } from '../../test/support/run-ts.mjs';
import { CORE, median, ROOT } from '../lib/stats.mjs';

// A llama of ~76M parameters with grouped-query attention (12 heads, 4 KV heads), F32 weights:
// large enough that weights and cache dominate what the engine takes, small enough to load quickly.
const SHAPE = { embedding: 768, feedForward: 2048, layers: 12, heads: 12, kvHeads: 4, contextLength: 32768 };
const CONTEXTS = [2048, 8192, 32768];
const PLANS = 1000;
const MEMORY = fileURLToPath(new URL('../lib/llamacpp-memory.mjs', import.meta.url));
const MIB = 2 ** 20;

const percentOff = (ours, theirs) => (Math.abs(ours - theirs) / theirs) * 100;
const mib = (bytes) => `${Math.round(bytes / MIB)} MiB`;

/**
 * Switchyard's memory plan for one GGUF beside node-llama-cpp's own estimate (GgufInsights, the
 * heuristic llama.cpp's Node binding sizes contexts with) and beside the resident memory llama.cpp
 * really takes loading it, at three context sizes; then the time to plan one catalog model.
 */
export async function measureFit() {
  const core = await import(CORE);
  const { llamaCppMemoryProfile } = await import('@switchyard/backend-llamacpp');
  const { VLLM_MEMORY_PROFILE } = await import('@switchyard/backend-vllm');
  const { writeTinyLlama } = await importTs(join(ROOT, 'test/support/tiny-llama.ts'));
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-fit-'));
  try {
    const path = await writeTinyLlama(join(dir, 'gqa-llama.gguf'), { shape: SHAPE });
    const { architectureFacts: facts, weights, spec } = await core.readGgufModel(path);
    const host = core.parseHostInfo({ os: 'linux', arch: 'x64', memoryBytes: 64 * 2 ** 30 });
    const ours = (contextLength, flashAttention = true) =>
      core.fitSpec({
        spec: core.parseModelSpec(spec),
        facts,
        weights,
        profile: llamaCppMemoryProfile(flashAttention),
        host,
        options: { contextLength },
      }).totalBytes;

    const { getLlama, readGgufFileInfo, GgufInsights } = await import('node-llama-cpp');
    const llama = await getLlama({ gpu: false, build: 'never' });
    const insights = await GgufInsights.from(await readGgufFileInfo(path), llama);
    const modelRam = insights.estimateModelResourceRequirements({ gpuLayers: 0, useMmap: false }).cpuRam;
    const theirs = (contextSize, flashAttention = true) =>
      modelRam +
      insights.estimateContextResourceRequirements({ contextSize, modelGpuLayers: 0, sequences: 1, flashAttention })
        .cpuRam;
    await llama.dispose();

    const rows = [];
    for (const flashAttention of [true, false]) {
      for (const context of CONTEXTS) {
        const estimate = ours(context, flashAttention);
        const reference = theirs(context, flashAttention);
        rows.push({
          figure: `fit: plan vs GgufInsights, ${context} tokens${flashAttention ? '' : ', no flash attention'}`,
          value: percentOff(estimate, reference),
          unit: '%',
          target: { atMost: 10 },
          note: `ours ${mib(estimate)}, node-llama-cpp's estimate ${mib(reference)}`,
        });
      }
    }
    for (const context of CONTEXTS) {
      const { stdout } = await promisify(execFile)(process.execPath, [MEMORY, path, String(context)], { cwd: ROOT });
      const real = JSON.parse(stdout).bytes;
      const estimate = ours(context);
      rows.push({
        figure: `fit: plan vs llama.cpp's resident memory, ${context} tokens`,
        value: percentOff(estimate, real),
        unit: '%',
        target: { atMost: 15 },
        note: `ours ${mib(estimate)}, node-llama-cpp took ${mib(real)} (weights loaded without mmap, flash attention)`,
      });
    }
    rows.push(planningTime(core, VLLM_MEMORY_PROFILE));
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Median time to plan one catalog model (Llama-3.1-70B for vLLM on 8 × 24 GB: every GPU count tried). */
function planningTime(core, profile) {
  const spec = core.parseModelSpec({ modelName: 'llama-3.1-instruct', format: 'pytorch', sizeInBillions: 70 });
  const host = core.parseHostInfo({
    os: 'linux',
    arch: 'x64',
    gpus: Array.from({ length: 8 }, (_, index) => ({ index, vendor: 'nvidia', name: 'RTX 4090', memoryMiB: 24564 })),
  });
  const samples = [];
  for (let i = 0; i < PLANS; i++) {
    const started = performance.now();
    core.fitSpec({ spec, host, profile });
    samples.push(performance.now() - started);
  }
  return {
    figure: 'fit: planning one model',
    value: median(samples),
    unit: 'ms',
    target: { atMost: 1 },
    note: `median of ${PLANS}: Llama-3.1-70B for vLLM on 8 × 24 GB, context and GPU count searched`,
  };
}
