import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { CliIo } from '../packages/cli/src/io.js';
import { main } from '../packages/cli/src/main.js';
import { GKE, validated } from './deploy/cluster-support.js';
import { fixture, runCli } from './support/run-cli.js';

const LLAMA_8B = ['llama-3.1-instruct', '--format', 'pytorch', '--size', '8'];

describe('switchyard deploy', () => {
  it('prints valid manifests on stdout for kubectl apply, and the placement table on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['deploy', ...LLAMA_8B, '--nodes', fixture(GKE)]);
    expect(code).toBe(0);
    const manifests = parseAllDocuments(stdout) as { toJS(): unknown }[];
    const { container } = validated(manifests.map((document) => document.toJS()) as never);
    expect(container.image).toBe('vllm/vllm-openai:v0.26.0');
    expect(stderr).toMatch(/✓\s+NVIDIA-L4 ×1 linux\/amd64\s+3\s+1 × 22 GiB\s+chosen: vLLM on 1 GPU/);
    expect(stderr).toMatch(/~\s+NVIDIA-A100-SXM4-80GB ×4 linux\/amd64\s+2\s+4 × 80 GiB\s+could run it/);
    expect(stderr).toMatch(/✗\s+CPU linux\/amd64/);
  });

  it('reads the nodes from standard input with --nodes - and writes a JSON List with -o json', async () => {
    const nodes = await readFile(fixture(GKE), 'utf8');
    let stdout = '';
    const io: CliIo = {
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => {},
      cwd: process.cwd(),
      env: {},
      interactive: false,
      color: false,
      columns: 120,
      readStdin: async () => nodes,
    };
    expect(await main(['deploy', 'qwen2.5-instruct', '--nodes', '-', '-o', 'json'], io)).toBe(0);
    const list = JSON.parse(stdout);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    const { container } = validated(list.items);
    // 72B in bf16 (about 135 GiB) fits two A100-80GB with the floor context: two, not four.
    expect(container.resources?.limits).toEqual({ 'nvidia.com/gpu': '2' });
  });

  it('--json gives every class’s verdict with the manifests', async () => {
    const { code, stdout } = await runCli(['deploy', ...LLAMA_8B, '--nodes', fixture(GKE), '--json']);
    expect(code).toBe(0);
    const { placement, manifests } = JSON.parse(stdout);
    expect(manifests).toHaveLength(2);
    expect(
      placement.classes.map((c: { nodeClass: { name: string }; chosen: boolean }) => [c.nodeClass.name, c.chosen]),
    ).toEqual([
      ['NVIDIA-L4 ×1 linux/amd64', true],
      ['NVIDIA-A100-SXM4-80GB ×4 linux/amd64', false],
      ['CPU linux/amd64', false],
    ]);
  });

  it('exits 1 with the table and the numbers when no node can hold the model', async () => {
    const { code, stdout, stderr } = await runCli([
      'deploy',
      'qwen2.5-instruct',
      '--size',
      '72',
      '--format',
      'pytorch',
      '--gpus-per-replica',
      '1',
      '--nodes',
      fixture(GKE),
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/✗\s+NVIDIA-A100-SXM4-80GB ×4 linux\/amd64.*\n?.*too small/);
    expect(stderr).toMatch(/error: No node can hold one replica of qwen2.5-instruct/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['deploy', ...LLAMA_8B], /--nodes: is required/],
    [
      ['deploy', ...LLAMA_8B, '--nodes', 'no-such-nodes.json'],
      /--nodes no-such-nodes.json:\n\s+cannot read it: no such file/,
    ],
    [['deploy', ...LLAMA_8B, '--nodes', fixture('hosts/linux-cpu-only.json')], /node list from --nodes/],
    [['deploy', ...LLAMA_8B, '--nodes', fixture(GKE), '--replicas', 'two'], /--replicas.*expected a whole number/],
    [['deploy', ...LLAMA_8B, '--nodes', fixture(GKE), '-o', 'xml'], /Allowed choices are yaml, json/],
  ])('exits 2 for bad input: %j', async (argv, message) => {
    const { code, stdout, stderr } = await runCli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
