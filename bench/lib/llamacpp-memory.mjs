// node-llama-cpp used directly, in a fresh process: loads a GGUF into RAM (no mmap, so every weight
// is resident), creates a context of the given size with flash attention (as llama-server's
// `-fa auto` does) and evaluates a short prompt so the compute buffers are touched. Prints, as
// JSON, the resident memory this added to the process.
//   node bench/lib/llamacpp-memory.mjs MODEL CONTEXT_SIZE
import { getLlama } from 'node-llama-cpp';

const [modelPath, contextSize] = process.argv.slice(2);
const llama = await getLlama({ gpu: false, build: 'never' });
llama.maxThreads = 1;
const before = process.memoryUsage.rss();
const model = await llama.loadModel({ modelPath, useMmap: false });
const context = await model.createContext({ contextSize: Number(contextSize), flashAttention: true, sequences: 1 });
await context.getSequence().evaluateWithoutGeneratingNewTokens(model.tokenize('hello world, the switch yard'));
console.log(JSON.stringify({ contextSize: context.contextSize, bytes: process.memoryUsage.rss() - before }));
await llama.dispose();
