import llamacpp from '@switchyard/backend-llamacpp';
import mlx from '@switchyard/backend-mlx';
import sglang from '@switchyard/backend-sglang';
import transformers from '@switchyard/backend-transformers';
import vllm from '@switchyard/backend-vllm';
import type { SwitchyardPlugin } from '@switchyard/core';

/** The engines the CLI ships with, batteries included. */
export const BUILTIN_PLUGINS: readonly SwitchyardPlugin[] = [vllm, sglang, mlx, llamacpp, transformers];
