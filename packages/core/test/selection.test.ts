import { describe, expect, it } from 'vitest';
import {
  type Backend,
  createSwitchyard,
  defineBackend,
  EngineNotEligibleError,
  parseModelSpec,
  rules,
  UnknownEngineError,
} from '../src/index.js';
import { rankBackends } from '../src/selection/rank-backends.js';
import { cpuOnly, linuxCuda, pluginOf, testBackend } from './fixtures.js';

const spec = parseModelSpec({ modelName: 'm', format: 'pytorch' });

describe('rankBackends', () => {
  const backends = [testBackend('slow', 10), testBackend('fast', 100), testBackend('missing', 1000)];

  it('ranks eligible backends by priority and puts refused ones last with their reasons', () => {
    const selection = rankBackends(backends, spec, linuxCuda);
    expect(selection.chosen).toBe('fast');
    expect(selection.candidates).toEqual([
      { backend: 'fast', priority: 100, eligible: true, reasons: [] },
      { backend: 'slow', priority: 10, eligible: true, reasons: [] },
      { backend: 'missing', priority: 1000, eligible: false, reasons: ['missing is not installed: install missing'] },
    ]);
  });

  it('breaks priority ties by name', () => {
    const tied = [testBackend('slow', 5), testBackend('fast', 5)];
    expect(rankBackends(tied, spec, linuxCuda).candidates.map((c) => c.backend)).toEqual(['fast', 'slow']);
  });

  it('chooses nothing when nothing is eligible', () => {
    const selection = rankBackends([testBackend('fast', 1)], spec, cpuOnly);
    expect(selection.chosen).toBeNull();
    expect(selection.candidates[0]?.eligible).toBe(false);
  });

  it('lets a preference order reorder eligible backends only', () => {
    const selection = rankBackends(backends, spec, linuxCuda, { prefer: ['missing', 'slow'] });
    expect(selection.candidates.map((c) => c.backend)).toEqual(['slow', 'fast', 'missing']);
    expect(selection.chosen).toBe('slow');
  });

  it('pins an eligible engine even when another ranks higher', () => {
    expect(rankBackends(backends, spec, linuxCuda, { engine: 'slow' }).chosen).toBe('slow');
  });

  it('explains why a pinned engine cannot run the model', () => {
    const pin = () => rankBackends(backends, spec, linuxCuda, { engine: 'missing' });
    expect(pin).toThrow(EngineNotEligibleError);
    expect(pin).toThrow(/missing is not installed: install missing/);
  });

  it('refuses to pin an engine nobody registered, listing the known ones', () => {
    const pin = () => rankBackends(backends, spec, linuxCuda, { engine: 'tgi' });
    expect(pin).toThrow(UnknownEngineError);
    expect(pin).toThrow(expect.objectContaining({ hint: expect.stringContaining('slow, fast, missing') }));
  });

  it('reports a backend whose matches throws as ineligible, and still ranks the others', () => {
    const broken: Backend = {
      ...testBackend('broken', 500),
      matches: () => {
        throw new Error('kaboom');
      },
    };
    const selection = rankBackends([broken, ...backends], spec, linuxCuda);
    expect(selection.chosen).toBe('fast');
    const verdict = selection.candidates.find((c) => c.backend === 'broken');
    expect(verdict?.eligible).toBe(false);
    expect(verdict?.reasons[0]).toContain('kaboom');
  });

  it('gives a reason for a backend that refuses without one', () => {
    const mute: Backend = {
      ...testBackend('mute', 500),
      matches: () => ({ eligible: false, reasons: [], failedRules: [] }),
    };
    expect(rankBackends([mute], spec, linuxCuda).candidates[0]?.reasons[0]).toMatch(/without giving a reason/);
  });

  it('reports every failed rule, not just the first', () => {
    const strict = defineBackend({
      name: 'strict',
      priority: 1,
      defaultPort: 1,
      rules: [rules.format('Strict', ['mlx']), rules.os('Strict', ['darwin']), rules.nvidiaGpu('Strict')],
      plan: () => {
        throw new Error('not planned');
      },
    });
    const verdict = strict.matches(spec, cpuOnly);
    expect(verdict.failedRules).toEqual(['format', 'os', 'cuda-device']);
    expect(verdict.reasons).toEqual([
      'Strict runs mlx models; this model is pytorch.',
      'Strict needs macOS; this host runs linux.',
      'Strict needs at least one NVIDIA CUDA GPU; this host has no GPU.',
    ]);
  });
});

describe('Switchyard.select', () => {
  it('uses the preferences given at creation, and a per-call order over them', async () => {
    const sy = createSwitchyard({
      plugins: [pluginOf('p', testBackend('slow', 10), testBackend('fast', 100))],
      host: linuxCuda,
      prefer: ['slow'],
    });
    expect((await sy.select(spec)).chosen).toBe('slow');
    expect((await sy.select(spec, { prefer: ['fast'] })).chosen).toBe('fast');
  });

  it('plans for a host passed per call instead of its own', async () => {
    const sy = createSwitchyard({ plugins: [pluginOf('p', testBackend('fast', 100))], host: linuxCuda });
    expect((await sy.select(spec, { host: cpuOnly })).chosen).toBeNull();
  });
});
