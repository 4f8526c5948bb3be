import { type DefinedBackend, defineBackend } from '@switchyard/core';
import { planMlx } from './plan.js';
import { mlxRules } from './rules.js';

/** How a composer configures the backend: its place among the engines. */
export interface MlxOptions {
  /** Replaces the priority (80) among the engines. */
  readonly priority?: number;
}

/**
 * Priority 80: MLX is Apple silicon's native engine, running on the unified memory and Metal GPU
 * directly. Only it reads MLX-format weights, so among the first-party engines the number never
 * decides a tie; it ranks MLX above llama.cpp (70), the other Mac engine, as the faster one there,
 * for third-party plugins and preferences to compare against.
 */
export function createMlxBackend(options: MlxOptions = {}): DefinedBackend {
  return defineBackend({
    name: 'mlx',
    displayName: 'MLX',
    priority: options.priority ?? 80,
    defaultPort: 8080,
    description: "Apple's MLX framework (mlx-lm): native, fast inference on Apple-silicon Macs.",
    rules: mlxRules,
    plan: planMlx,
  });
}

export const mlxBackend = createMlxBackend();
