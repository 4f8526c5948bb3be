import type { InvalidInputError, SwitchyardError } from '@switchyard/core';

/** Each option core names and the flag that sets it: core names the option, a person typed the flag. */
export const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  model: 'MODEL',
  host: '--host-file',
  plugins: '--plugin',
  engine: '--engine',
  format: '--format',
  size: '--size',
  quantization: '--quantization',
  family: '--family',
  gpus: '--gpus',
  contextLength: '--context-length',
  tensorParallel: '--tensor-parallel',
  servedName: '--served-name',
  apiKey: 'the API key ($SWITCHYARD_API_KEY, --api-key-file or --api-key)',
  extraArgs: 'engine arguments after --',
  runtime: '--runtime',
  python: '--python',
  port: '--port',
  bind: '--bind',
  readyTimeoutMs: '--ready-timeout',
  gpusPerReplica: '--gpus-per-replica',
  image: '--image',
  replicas: '--replicas',
  name: '--name',
  namespace: '--namespace',
  cachePvc: '--cache-pvc',
  hfTokenSecret: '--hf-token-secret',
  apiKeySecret: '--api-key-secret',
};

/** Core names options in backticks (`contextLength`): each becomes its flag; other backticked text stays. */
export function wordAsFlags(text: string): string {
  return text.replace(/`([A-Za-z]+)`/g, (whole, name: string) => FLAG_OF_OPTION[name] ?? whole);
}

/** An error's message and hint as the command line says them: options as flags, also where a problem names its field. */
export function inFlagWords(error: SwitchyardError): { readonly message: string; readonly hint?: string } {
  let { message } = error;
  // The fields of a file's problems are the file's own keys, not options.
  const aboutFile = /^Invalid [^\n]*\bfile\b/.test(message);
  const problems = aboutFile ? [] : ((error as Partial<InvalidInputError>).problems ?? []);
  for (const { field } of problems) {
    const flag = FLAG_OF_OPTION[field];
    if (flag !== undefined) message = message.replaceAll(`\n  ${field}: `, `\n  ${flag}: `);
  }
  return { message: wordAsFlags(message), ...(error.hint ? { hint: wordAsFlags(error.hint) } : {}) };
}
