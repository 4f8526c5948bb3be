import { createSwitchyard, type LaunchOptionsInput, parseHostInfo, parseModelSpec, planLaunch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import plugin, { ollamaBackend } from '../src/index.js';

const spec = {
  modelName: 'llama-3.2-1b-instruct',
  format: 'ggufv2',
  quantization: 'q4_k_m',
  hubId: 'bartowski/Llama-3.2-1B-Instruct-GGUF',
} as const;
const host = parseHostInfo({ os: 'darwin', arch: 'arm64', engines: { ollama: { version: '0.9.0' } } });
const plan = (options: LaunchOptionsInput = {}) => planLaunch(ollamaBackend, parseModelSpec(spec), host, options);

describe('the Ollama example backend', () => {
  it('serves with `ollama serve`, addressed through OLLAMA_HOST, on loopback and its own port by default', () => {
    const { command, args, env, host: bind, port, servedModelName } = plan();
    expect([command, ...args]).toEqual(['ollama', 'serve']);
    expect(env.OLLAMA_HOST).toBe('127.0.0.1:11434');
    expect([bind, port]).toEqual(['127.0.0.1', 11434]);
    expect(servedModelName).toBe('hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M');
  });

  it('brackets an IPv6 bind address and passes the context length and GPUs through the environment', () => {
    const { env } = plan({ bind: '::1', port: 9000, contextLength: 8192, gpus: [1] });
    expect(env).toEqual({ OLLAMA_HOST: '[::1]:9000', OLLAMA_CONTEXT_LENGTH: '8192', CUDA_VISIBLE_DEVICES: '1' });
  });

  it('refuses the options Ollama cannot honour, naming each', () => {
    expect(() => plan({ apiKey: 'sk-1', servedName: 'x', extraArgs: ['--verbose'] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/apiKey[\s\S]*servedName[\s\S]*extraArgs/),
      }),
    );
  });

  it('is chosen for a Hugging Face GGUF model where Ollama is the only runtime, and says why not elsewhere', async () => {
    const switchyard = createSwitchyard({ plugins: [plugin], host });
    expect((await switchyard.select(spec)).chosen).toBe('ollama');
    const local = await switchyard.select({ ...spec, hubId: undefined, modelPath: '/models/x.gguf' });
    expect(local.chosen).toBeNull();
    expect(local.candidates[0]?.reasons.join(' ')).toMatch(/no hubId|names none/);
  });
});
