import { describe, expect, it } from 'vitest';
import { InvalidInputError, parseHostInfo } from '../src/index.js';

describe('parseHostInfo', () => {
  it('accepts the documented JSON form and fills gpus and engines', () => {
    expect(parseHostInfo({ os: 'darwin', arch: 'arm64' })).toEqual({
      os: 'darwin',
      arch: 'arm64',
      gpus: [],
      engines: {},
    });
    const host = parseHostInfo({
      os: 'linux',
      arch: 'x64',
      cpu: { model: 'EPYC', cores: 64 },
      memoryBytes: 2 ** 40,
      gpus: [{ index: 0, vendor: 'nvidia', name: 'H100', memoryMiB: 81559, computeCapability: '9.0' }],
      engines: { vllm: { version: '0.11.0' }, 'llama-server': { version: 'b6000', path: '/usr/bin/llama-server' } },
    });
    expect(host.gpus[0]?.computeCapability).toBe('9.0');
    expect(Object.keys(host.engines)).toEqual(['vllm', 'llama-server']);
  });

  it('names the field and the valid values for a wrong OS or vendor', () => {
    try {
      parseHostInfo({ os: 'freebsd', arch: 'x64', gpus: [{ index: 0, vendor: 'nvidea', name: 'x' }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      const problems = (error as InvalidInputError).problems;
      expect(problems.find((p) => p.field === 'os')?.message).toContain('linux, darwin, win32');
      expect(problems.find((p) => p.field === 'gpus.0.vendor')?.message).toContain('nvidia, amd, apple, intel, other');
    }
  });

  it('refuses a compute capability on a GPU that is not NVIDIA', () => {
    expect(() =>
      parseHostInfo({
        os: 'linux',
        arch: 'x64',
        gpus: [{ index: 0, vendor: 'amd', name: 'MI300', computeCapability: '9.4' }],
      }),
    ).toThrow(/gpus\.0\.computeCapability: only NVIDIA/);
  });

  it('bounds sizes and counts, so that no sum becomes Infinity', () => {
    const gpu = { index: 0, vendor: 'nvidia', name: 'X' };
    expect(() => parseHostInfo({ os: 'linux', arch: 'x64', gpus: [{ ...gpu, memoryMiB: 1e308 }] })).toThrow(
      /gpus\.0\.memoryMiB: memoryMiB must be at most 16 TiB/,
    );
    expect(() => parseHostInfo({ os: 'linux', arch: 'x64', memoryBytes: 1e308 })).toThrow(
      /memoryBytes: .*at most 1 PiB/,
    );
    expect(() => parseHostInfo({ os: 'linux', arch: 'x64', gpus: Array(1025).fill(gpu) })).toThrow(/at most 1024 GPUs/);
  });

  it('refuses a GPU index listed twice', () => {
    const gpu = { vendor: 'nvidia', name: 'X' };
    expect(() =>
      parseHostInfo({
        os: 'linux',
        arch: 'x64',
        gpus: [
          { index: 0, ...gpu },
          { index: 0, ...gpu },
        ],
      }),
    ).toThrow(/gpus\.1\.index: GPU index 0 is listed twice/);
  });
});
