/**
 * Streams one completion from an OpenAI-compatible server: milliseconds to the first non-empty text
 * chunk, the whole stream's time, and its chunks of text. `body` is the request beside `stream: true`.
 */
export async function streamCompletion(baseUrl, body) {
  const asked = performance.now();
  const response = await fetch(`${baseUrl}/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, stream: true }),
  });
  const decoder = new TextDecoder();
  let text = '';
  let first;
  for await (const chunk of response.body) {
    text += decoder.decode(chunk, { stream: true });
    if (first === undefined && /"text":"[^"]/.test(text)) first = performance.now() - asked;
  }
  const total = performance.now() - asked;
  return { first, total, chunks: (text.match(/"text":"[^"]/g) ?? []).length };
}
