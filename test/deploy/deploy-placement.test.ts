import { deploy, type Placement, PlacementRefusedError } from '@switchyard/deploy';
import { describe, expect, it } from 'vitest';
import { DEFAULT_READY_TIMEOUT_MS } from '../../packages/supervisor/src/engine-supervisor.js';
import { EKS_CPU, GKE, nodesOf, switchyard, validated } from './cluster-support.js';

const L4 = 'NVIDIA-L4 ×1 linux/amd64';
const A100 = 'NVIDIA-A100-SXM4-80GB ×4 linux/amd64';
const CPU = 'CPU linux/amd64';
const LLAMA_8B = { model: 'llama-3.1-instruct', format: 'pytorch', size: 8 } as const;

const verdictOf = (placement: Placement, name: string) => {
  const verdict = placement.classes.find((c) => c.nodeClass.name === name);
  if (!verdict) throw new Error(`no class ${name}`);
  return verdict;
};

describe('deploy on a cluster with an L4 pool and an A100-80GB ×4 pool', () => {
  it('puts an 8B model on one L4 with vLLM, and says why not the A100s or the CPU nodes', async () => {
    const result = await deploy(switchyard(), {
      model: 'llama-3.1-instruct',
      format: 'pytorch',
      size: 8,
      nodes: nodesOf(GKE),
    });
    const { deployment, container, service } = validated(result);
    const { placement } = result;
    expect(placement.chosen?.nodeClass.name).toBe(L4);
    expect(placement.classes.map((c) => c.nodeClass.name)).toEqual([L4, A100, CPU]);
    expect(verdictOf(placement, L4).reasons).toEqual([
      'chosen: vLLM on 1 GPU (22 GiB of GPU memory); needs about 20 GiB',
    ]);
    expect(verdictOf(placement, A100).reasons[0]).toMatch(/could run it: vLLM on 1 GPU .*smaller GPUs suffice/);
    expect(verdictOf(placement, CPU).reasons).toEqual(
      expect.arrayContaining(["vLLM's official image is built for NVIDIA GPUs, and these nodes have none"]),
    );

    expect(container.image).toBe('vllm/vllm-openai:v0.26.0');
    expect(container.command).toEqual(['vllm']);
    // Meta's repository for the catalog's 8B spec; vLLM's own flags (docs/engines.md).
    expect(container.args).toEqual([
      'serve',
      'meta-llama/Meta-Llama-3.1-8B-Instruct',
      '--host',
      '0.0.0.0',
      '--port',
      '8000',
      '--served-model-name',
      'llama-3.1-instruct',
      // The memory plan's context for one L4: the weights leave room for about 29k tokens of cache.
      '--max-model-len',
      '29440',
    ]);
    expect(container.resources?.limits).toEqual({ 'nvidia.com/gpu': '1' });
    const pod = deployment.spec?.template.spec;
    expect(pod?.nodeSelector).toEqual({
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'nvidia.com/gpu.product': 'NVIDIA-L4',
    });
    expect(pod?.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(pod?.volumes?.map((v) => v.name)).toEqual(['model-cache']);
    // The engine listens on the port the Service targets, and the probes ask vLLM's /health there.
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8000, protocol: 'TCP' }]);
    expect(service.spec?.ports).toEqual([{ name: 'http', port: 8000, targetPort: 'http', protocol: 'TCP' }]);
    expect(service.spec?.type).toBe('ClusterIP');
    for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) {
      expect(probe?.httpGet).toEqual({ path: '/health', port: 'http' });
    }
    const startup = container.startupProbe;
    expect((startup?.periodSeconds ?? 0) * (startup?.failureThreshold ?? 0)).toBeGreaterThanOrEqual(
      DEFAULT_READY_TIMEOUT_MS / 1000,
    );
  });

  it('puts qwen2.5-instruct at its largest size on the fewest A100s it fits (tensor parallel 2), and says the L4s are too small', async () => {
    const result = await deploy(switchyard(), { model: 'qwen2.5-instruct', nodes: nodesOf(GKE) });
    const { deployment, container } = validated(result);
    const { placement } = result;
    expect(placement.spec).toMatchObject({ format: 'pytorch', sizeInBillions: 72, hubId: 'Qwen/Qwen2.5-72B-Instruct' });
    expect(placement.chosen?.nodeClass.name).toBe(A100);
    expect(verdictOf(placement, L4).reasons).toEqual([
      'too small: qwen2.5-instruct · pytorch · none · 72B needs about 140 GiB, and 1 × NVIDIA-L4 has 22 GiB of GPU memory',
    ]);
    expect(container.args).toEqual(expect.arrayContaining(['Qwen/Qwen2.5-72B-Instruct']));
    expect(container.args?.join(' ')).toContain('--tensor-parallel-size 2');
    expect(container.resources?.limits).toEqual({ 'nvidia.com/gpu': '2' });
    const pod = deployment.spec?.template.spec;
    expect(pod?.nodeSelector?.['nvidia.com/gpu.product']).toBe('NVIDIA-A100-SXM4-80GB');
    expect(pod?.volumes?.find((v) => v.name === 'shm')?.emptyDir?.medium).toBe('Memory');
    expect(container.volumeMounts).toContainEqual({ name: 'shm', mountPath: '/dev/shm' });
  });

  it('asks for no more CPU and memory than a replica’s share of the chosen nodes allocates', async () => {
    const result = await deploy(switchyard(), { model: 'qwen2.5-instruct', nodes: nodesOf(GKE), gpusPerReplica: 2 });
    const { container } = validated(result);
    // Each A100 node allocates 47810m CPU and 659672840Ki; two of its four GPUs get half.
    const requests = container.resources?.requests ?? {};
    expect(Number(requests.cpu)).toBeLessThanOrEqual(47.81 / 2);
    expect(Number.parseInt(String(requests.memory), 10) * 2 ** 20).toBeLessThanOrEqual((659672840 * 1024) / 2);
    expect(container.args?.join(' ')).toContain('--tensor-parallel-size 2');
    expect(verdictOf(result.placement, L4).reasons).toEqual([
      '`gpusPerReplica` asks for 2, more than the 1 nvidia.com/gpu each node offers',
    ]);
  });

  it('runs SGLang in its own image when asked, on its own port', async () => {
    const result = await deploy(switchyard(), {
      model: 'llama-3.1-instruct',
      format: 'pytorch',
      size: 8,
      engine: 'sglang',
      nodes: nodesOf(GKE),
    });
    const { container, service } = validated(result);
    expect(container.image).toBe('lmsysorg/sglang:v0.5.16');
    expect([...(container.command ?? []), ...(container.args ?? [])].slice(0, 5)).toEqual([
      'python3',
      '-m',
      'sglang.launch_server',
      '--model-path',
      'meta-llama/Meta-Llama-3.1-8B-Instruct',
    ]);
    expect(service.spec?.ports?.[0]?.port).toBe(30000);
  });

  it('refuses a model no single node can hold, with the numbers, and says multi-node is a later step', async () => {
    const refused = await deploy(switchyard(), {
      model: 'qwen2.5-instruct',
      format: 'pytorch',
      size: 72,
      nodes: { kind: 'List', items: (nodesOf(GKE) as { items: { metadata: { name: string } }[] }).items.slice(0, 5) },
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PlacementRefusedError);
    const error = refused as PlacementRefusedError;
    expect(error.code).toBe('MODEL_TOO_LARGE');
    expect(error.message).toMatch(/140 GiB.*22 GiB/);
    expect(error.message).toMatch(/several nodes is a later step/);
    expect(error.placement.chosen).toBeUndefined();
  });

  it('runs transformers, which publishes no server image, only in an image the caller names', async () => {
    const request = { ...LLAMA_8B, engine: 'transformers', nodes: nodesOf(GKE) };
    const refused = await deploy(switchyard(), request).catch((error: unknown) => error);
    expect((refused as PlacementRefusedError).placement.classes[0]?.reasons.join(' ')).toMatch(
      /transformers publishes no server image/,
    );
    const { container } = validated(await deploy(switchyard(), { ...request, image: 'example.com/tf-serve:5.0' }));
    expect(container.image).toBe('example.com/tf-serve:5.0');
    expect([...(container.command ?? []), ...(container.args ?? [])].slice(0, 3)).toEqual([
      'transformers',
      'serve',
      'meta-llama/Meta-Llama-3.1-8B-Instruct',
    ]);
  });

  it('refuses MLX for clusters with the reason', async () => {
    const refused = await deploy(switchyard(), {
      model: 'qwen2.5-instruct',
      engine: 'mlx',
      nodes: nodesOf(GKE),
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PlacementRefusedError);
    for (const verdict of (refused as PlacementRefusedError).placement.classes) {
      expect(verdict.reasons.join(' ')).toMatch(/MLX runs only on macOS.*no MLX server image/);
    }
  });
});

describe('deploy on a CPU-only cluster', () => {
  it('runs a GGUF spec in llama.cpp’s CPU server image, with no GPU and no GPU toleration', async () => {
    const result = await deploy(switchyard(), {
      model: 'qwen2.5-instruct',
      format: 'ggufv2',
      size: 7,
      quantization: 'Q4_K_M',
      nodes: nodesOf(EKS_CPU),
    });
    const { deployment, container } = validated(result);
    expect(result.placement.chosen?.nodeClass.name).toBe(CPU);
    expect(result.placement.skipped).toEqual([
      { name: 'ip-10-0-77-19.eu-west-1.compute.internal', reason: 'cordoned (spec.unschedulable)' },
    ]);
    expect(container.image).toBe('ghcr.io/ggml-org/llama.cpp:server-b10644');
    expect(container.command).toEqual(['/app/llama-server']);
    expect(container.args).toEqual([
      '-hf',
      'Qwen/Qwen2.5-7B-Instruct-GGUF',
      // The catalog's file for Q4_K_M (split in two; llama-server fetches the rest).
      '--hf-file',
      'qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf',
      '--host',
      '0.0.0.0',
      '--port',
      '8080',
      '--alias',
      'qwen2.5-instruct',
      // Qwen2.5's full 32,768-token window fits the CPU nodes' memory.
      '--ctx-size',
      '32768',
      '--n-gpu-layers',
      '0',
    ]);
    expect(container.resources?.limits).toBeUndefined();
    expect(container.resources?.requests).not.toHaveProperty('nvidia.com/gpu');
    expect(deployment.spec?.template.spec?.tolerations).toBeUndefined();
    expect(deployment.spec?.template.spec?.nodeSelector).toEqual({
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
    });
    expect(container.env).toContainEqual({ name: 'LLAMA_CACHE', value: '/cache/llama.cpp' });
  });
});
