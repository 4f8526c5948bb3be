// node-llama-cpp used directly, in a fresh process as a program of the user's own would: loads the
// model, then times the first token of one cold and several warm completions. Prints JSON.
//   node bench/lib/llamacpp-in-process.mjs MODEL THREADS WARM_RUNS PROMPT MAX_TOKENS
import { getLlama, LlamaCompletion } from 'node-llama-cpp';

const [modelPath, threads, warmRuns, prompt, maxTokens] = process.argv.slice(2);
const started = performance.now();
const llama = await getLlama({ gpu: false, build: 'never' });
llama.maxThreads = Number(threads);
const model = await llama.loadModel({ modelPath });
const context = await model.createContext();
const sequence = context.getSequence();
const completion = new LlamaCompletion({ contextSequence: sequence });
const ready = performance.now() - started;

// Timed from before the history is cleared: the server clears it for each request too.
async function firstToken() {
  const asked = performance.now();
  await sequence.clearHistory();
  let first;
  await completion.generateCompletion(prompt, {
    maxTokens: Number(maxTokens),
    temperature: 0,
    onTextChunk: () => {
      first ??= performance.now() - asked;
    },
  });
  return first;
}

const cold = await firstToken();
const warm = [];
for (let i = 0; i < Number(warmRuns); i++) warm.push(await firstToken());
console.log(JSON.stringify({ ready, cold, warm }));
await llama.dispose();
