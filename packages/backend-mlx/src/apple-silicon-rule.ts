import type { Rule } from '@switchyard/core';

/** MLX runs on Apple-silicon Macs only; an Intel Mac passes the macOS rule but not this one. */
export const appleSiliconRule: Rule = {
  id: 'apple-silicon',
  check: (_spec, host) => host.arch === 'arm64',
  reason: (_spec, host) => `MLX needs Apple silicon (arm64); this host's CPU is ${host.arch}.`,
};
