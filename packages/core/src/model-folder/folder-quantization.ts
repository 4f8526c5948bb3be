import type { ModelFormat } from '../spec/model-format.js';
import type { ModelConfig } from './model-config.js';
import { ModelConfigError } from './model-folder-errors.js';

export interface FolderQuantization {
  readonly format: ModelFormat;
  /** In the engines' vocabulary: `none`, `Int4`, `fp8`, MLX's `4bit`. */
  readonly quantization: string;
  /** The weights' bits per parameter where they are packed into wider integers, for counting parameters. */
  readonly bits?: number;
}

/**
 * The format and quantization a folder's config states: MLX's top-level `quantization` (the
 * mlx-community layout), else Hugging Face's `quantization_config` by its `quant_method`; a folder
 * with neither is unquantized PyTorch weights, or MLX weights when their safetensors say so.
 */
export function folderQuantization(config: ModelConfig, mlxWeights: boolean): FolderQuantization {
  const mlx = config.raw.quantization;
  if (typeof mlx === 'object' && mlx !== null && 'bits' in mlx) {
    const bits = bitsOf(config, (mlx as Record<string, unknown>).bits, 'quantization.bits');
    return { format: 'mlx', quantization: `${bits}bit`, bits };
  }
  const q = config.raw.quantization_config;
  if (typeof q !== 'object' || q === null) {
    return mlxWeights ? { format: 'mlx', quantization: 'none' } : { format: 'pytorch', quantization: 'none' };
  }
  const settings = q as Record<string, unknown>;
  const method = String(settings.quant_method ?? '').toLowerCase();
  switch (method) {
    case 'gptq':
    case 'awq': {
      const bits = bitsOf(config, settings.bits ?? settings.w_bit, 'quantization_config.bits');
      return { format: method, quantization: `Int${bits}`, bits };
    }
    case 'bitsandbytes': {
      const bits = settings.load_in_4bit === true ? 4 : settings.load_in_8bit === true ? 8 : undefined;
      if (bits === undefined) {
        throw new ModelConfigError(
          config.path,
          'quantization_config says bitsandbytes but neither load_in_4bit nor load_in_8bit',
        );
      }
      return { format: 'bnb', quantization: `Int${bits}`, bits };
    }
    case 'fp8':
    case 'fbgemm_fp8':
      return { format: 'fp8', quantization: 'fp8' };
    case 'compressed-tensors':
      return compressedTensors(config, settings);
    default:
      // Formats the vocabulary has no name for (e.g. mxfp4, hqq): engines judge the method's own name.
      return { format: 'pytorch', quantization: method || 'unknown' };
  }
}

/**
 * llm-compressor's `compressed-tensors`: float 8-bit weights are FP8; packed integer weights are
 * the GPTQ-style layout (the same int4/int8 kernels serve them), so they read as gptq IntN.
 */
function compressedTensors(config: ModelConfig, settings: Record<string, unknown>): FolderQuantization {
  const groups = Object.values((settings.config_groups ?? {}) as Record<string, { weights?: Record<string, unknown> }>);
  const weights = groups.map((group) => group.weights).find((w) => w !== undefined);
  if (!weights) return { format: 'pytorch', quantization: 'compressed-tensors' };
  const bits = bitsOf(config, weights.num_bits, 'quantization_config.config_groups.*.weights.num_bits');
  if (weights.type === 'float')
    return bits === 8 ? { format: 'fp8', quantization: 'fp8' } : { format: 'pytorch', quantization: `fp${bits}` };
  return { format: 'gptq', quantization: `Int${bits}`, bits };
}

function bitsOf(config: ModelConfig, value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 16) return value;
  throw new ModelConfigError(config.path, `${field} must be a bit width from 1 to 16, not ${JSON.stringify(value)}`);
}
