import { basename } from 'node:path';
import { parseArgs } from 'node:util';

export interface ServerArgs {
  readonly model: string;
  readonly host: string;
  readonly port: number;
  /** The model id clients send. */
  readonly alias: string;
  readonly contextSize?: number;
  /** `auto` lets node-llama-cpp pick a GPU and fall back to the CPU; `false` uses the CPU only. */
  readonly gpu: 'auto' | false;
  /** Threads for generation; node-llama-cpp's default oversubscribes small machines. */
  readonly threads?: number;
}

export const USAGE = `Usage: main.js --model FILE.gguf --port N [--host ADDR] [--alias NAME] [--ctx-size N] [--gpu auto|false] [--threads N]
API key: set LLAMA_API_KEY to require "Authorization: Bearer <key>" on /v1 routes.`;

/** Reads the server's command line; throws an Error whose message says which flag is wrong. */
export function parseServerArgs(argv: readonly string[]): ServerArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      model: { type: 'string', short: 'm' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      alias: { type: 'string', short: 'a' },
      'ctx-size': { type: 'string', short: 'c' },
      gpu: { type: 'string', default: 'auto' },
      threads: { type: 'string', short: 't' },
    },
    strict: true,
  });
  if (!values.model) throw new Error('--model FILE.gguf is required');
  if (values.gpu !== 'auto' && values.gpu !== 'false')
    throw new Error(`--gpu takes auto or false, not "${values.gpu}"`);
  const contextSize = optionalCount('--ctx-size', values['ctx-size']);
  const threads = optionalCount('--threads', values.threads);
  return {
    model: values.model,
    host: values.host,
    port: count('--port', values.port),
    alias: values.alias ?? basename(values.model).replace(/\.gguf$/i, ''),
    gpu: values.gpu === 'auto' ? 'auto' : false,
    ...(contextSize === undefined ? {} : { contextSize }),
    ...(threads === undefined ? {} : { threads }),
  };
}

function optionalCount(flag: string, value: string | undefined): number | undefined {
  return value === undefined ? undefined : count(flag, value);
}

function count(flag: string, value: string | undefined): number {
  if (value === undefined) throw new Error(`${flag} N is required`);
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new Error(`${flag} takes a whole number of at least 1, not "${value}"`);
  return Number(value);
}
