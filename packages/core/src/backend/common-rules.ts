import type { HostInfo } from '../host/host-info.js';
import type { ModelFormat } from '../spec/model-format.js';
import type { ModelSpec } from '../spec/model-spec.js';
import { type ModelSupport, modelSupportRule } from './model-support-rule.js';
import type { Rule } from './rule.js';

const OS_NAMES: Record<HostInfo['os'], string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

/** Rule factories for the requirements most engines share. `engine` is the display name. */
export const rules = {
  /** `fix` says how to get weights in a format the engine runs, e.g. "use a GGUF build of it". */
  format(engine: string, formats: readonly ModelFormat[], fix?: string): Rule {
    const accepted = new Set<string>(formats);
    return {
      id: 'format',
      check: (spec) => accepted.has(spec.format),
      reason: (spec) =>
        `${engine} runs ${listOf(formats)} models; this model is ${spec.format}${fix ? `: ${fix}` : ''}.`,
    };
  },

  /** Per-format quantization requirements; formats not named here are not constrained. */
  quantization(engine: string, allowed: Partial<Record<ModelFormat, readonly string[]>>): Rule {
    const byFormat = new Map(Object.entries(allowed).map(([format, names]) => [format, new Set(names)]));
    return {
      id: 'quantization',
      check: (spec) => byFormat.get(spec.format)?.has(spec.quantization) ?? true,
      reason: (spec) =>
        `${engine} needs quantization ${listOf(allowed[spec.format] ?? [], 'or')} for ${spec.format} models; this model has ${spec.quantization}.`,
    };
  },

  os(engine: string, systems: readonly HostInfo['os'][]): Rule {
    const accepted = new Set<string>(systems);
    return {
      id: 'os',
      check: (_spec, host) => accepted.has(host.os),
      reason: (_spec, host) =>
        `${engine} needs ${listOf(
          systems.map((os) => OS_NAMES[os]),
          'or',
        )}; this host runs ${host.os}.`,
    };
  },

  nvidiaGpu(engine: string): Rule {
    return {
      id: 'cuda-device',
      check: (_spec, host) => host.gpus.some((gpu) => gpu.vendor === 'nvidia'),
      reason: (_spec, host) => {
        const others = host.gpus.map((gpu) => `${gpu.vendor} ${gpu.name}`);
        return `${engine} needs at least one NVIDIA CUDA GPU; this host has ${
          others.length === 0 ? 'no GPU' : `only ${others.join(', ')}`
        }.`;
      },
    };
  },

  /** The engine's runtime is installed: `engines[runtime]` is present on the host. */
  installed(engine: string, runtime: string, installCommand: string): Rule {
    const what =
      runtime.toLowerCase() === engine.toLowerCase()
        ? `${engine} is not installed`
        : `${engine} needs ${runtime}, which is not installed`;
    return {
      id: `installed:${runtime}`,
      check: (_spec, host) => Object.hasOwn(host.engines, runtime),
      reason: () => `${what}: ${installCommand}`,
    };
  },

  /**
   * The engine supports the model: by its architectures where it declares them (the engine's model
   * registry), else by its family (the engine's model list).
   */
  modelSupport(engine: string, support: ModelSupport): Rule {
    return modelSupportRule(engine, support);
  },

  /** The model's family (a builtin model's own name) is in the engine's list, case-insensitively. */
  family(engine: string, families: readonly string[]): Rule {
    const known = new Set(families.map((family) => family.toLowerCase()));
    return {
      id: 'model-family',
      check: (spec) => known.has(spec.modelFamily.toLowerCase()),
      reason: (spec: ModelSpec) =>
        `${engine} does not support model family "${spec.modelFamily}": it is not among the ${known.size} families ${engine} lists; use another engine, or a model of a listed family.`,
    };
  },
} as const;

function listOf(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
