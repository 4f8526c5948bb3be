import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';

/** Small helpers for talking to an OpenAI-compatible server in tests, with plain fetch. */

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.json(),
  };
}

/** POSTs a streaming request and returns each `data:` event, `[DONE]` included, in order. */
export async function postStream(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...(body as object), stream: true }),
  });
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', events };
}

/** An OpenAI error body: `{"error":{"message","type","param","code"}}`. */
export const openAiError = (fields: { param?: string | null; code?: string | null; type?: string } = {}) => ({
  error: {
    message: expect.any(String),
    type: fields.type ?? 'invalid_request_error',
    param: fields.param === undefined ? null : fields.param,
    code: fields.code ?? null,
  },
});

/** Processes whose command line mentions `marker` (e.g. a test's temp dir), from the process table. */
export async function processesMentioning(marker: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid=,args=']);
  return stdout
    .split('\n')
    .filter((line) => line.includes(marker) && !line.includes(' ps -eo'))
    .map((line) => line.trim());
}
