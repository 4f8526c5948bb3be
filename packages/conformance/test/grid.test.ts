import {
  ARCHITECTURES,
  KNOWN_RUNTIMES,
  MODEL_FORMATS,
  normalizeQuantization,
  OPERATING_SYSTEMS,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { conformanceGrid, GRID_FAMILIES, GRID_QUANTIZATIONS, gridCases, UNKNOWN_QUANTIZATION } from '../src/index.js';

describe('the conformance grid', () => {
  const grid = conformanceGrid();

  it('holds every format with each of its quantizations and an unknown one, for every family', () => {
    for (const format of MODEL_FORMATS) {
      const specs = grid.specs.filter((spec) => spec.format === format);
      expect(new Set(specs.map((spec) => spec.modelFamily))).toEqual(new Set(GRID_FAMILIES));
      for (const quantization of [...GRID_QUANTIZATIONS[format], UNKNOWN_QUANTIZATION]) {
        expect(specs.some((spec) => spec.quantization === normalizeQuantization(format, quantization))).toBe(true);
      }
      expect(specs.some((spec) => spec.modelPath) && specs.some((spec) => spec.hubId)).toBe(true);
      expect(specs.some((spec) => !spec.modelPath && !spec.hubId)).toBe(true);
    }
  });

  it('holds every OS and architecture, GPU counts from none to eight, and each installed set', () => {
    for (const os of OPERATING_SYSTEMS)
      for (const arch of ARCHITECTURES) {
        expect(grid.hosts.some((host) => host.os === os && host.arch === arch)).toBe(true);
      }
    expect(new Set(grid.hosts.map((host) => host.gpus.length))).toEqual(new Set([0, 1, 2, 8]));
    expect(new Set(grid.hosts.flatMap((host) => host.gpus.map((gpu) => gpu.vendor)))).toEqual(
      new Set(['nvidia', 'amd', 'apple']),
    );
    const installed = grid.hosts.map((host) => Object.keys(host.engines).join(','));
    expect(installed).toContain('');
    for (const runtime of KNOWN_RUNTIMES) expect(installed).toContain(runtime);
    expect(installed).toContain(KNOWN_RUNTIMES.join(','));
  });

  it('adds the runtimes, families, models and hosts a plugin asks for', () => {
    const wider = conformanceGrid({
      runtimes: ['ollama'],
      families: ['phi-3'],
      specs: [{ modelName: 'mine', format: 'ggufv2', quantization: 'q4_k_m' }],
      hosts: [{ os: 'linux', arch: 'x64', engines: { exotic: { version: '2' } } }],
    });
    expect(wider.hosts.some((host) => Object.keys(host.engines).join(',') === 'ollama')).toBe(true);
    expect(new Set(wider.specs.map((spec) => spec.modelFamily))).toEqual(new Set(['phi-3', 'mine']));
    expect(wider.specs.at(-1)?.quantization).toBe('Q4_K_M');
    expect(wider.hosts.at(-1)?.engines).toHaveProperty('exotic');
  });

  it('is deterministic and frozen, so a backend cannot mutate what it judges', () => {
    expect(conformanceGrid()).toEqual(grid);
    expect([...gridCases(grid)]).toHaveLength(grid.specs.length * grid.hosts.length);
    const gpus = grid.hosts.find((candidate) => candidate.gpus.length > 0)?.gpus ?? [];
    expect(gpus).not.toHaveLength(0);
    expect(() => {
      (gpus as unknown[]).push({});
    }).toThrow(TypeError);
  });
});
