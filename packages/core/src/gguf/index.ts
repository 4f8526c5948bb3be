export { fileTypeName } from './file-types.js';
export * from './gguf-errors.js';
export type { GgufHeader, GgufSkippedValue, GgufTensorInfo, GgufValue } from './gguf-header.js';
export { GgufValueType } from './gguf-header.js';
export { describeGguf, type GgufModelInfo, readGgufModel } from './gguf-model.js';
export { readGgufHeader } from './read-gguf-header.js';
