import vllm from '@switchyard/backend-vllm';
import type { SwitchyardPlugin } from '@switchyard/core';

/** The engines the CLI ships with, batteries included. */
export const BUILTIN_PLUGINS: readonly SwitchyardPlugin[] = [vllm];
