/** Weight formats Switchyard understands; the names are Xinference's. */
export const MODEL_FORMATS = ['pytorch', 'gptq', 'awq', 'fp8', 'bnb', 'ggufv2', 'ggmlv3', 'mlx'] as const;

export type ModelFormat = (typeof MODEL_FORMATS)[number];

export function isModelFormat(value: string): value is ModelFormat {
  return (MODEL_FORMATS as readonly string[]).includes(value);
}

/** Other names people use for a format: llama.cpp calls today's files GGUF, and older ones GGML. */
const FORMAT_ALIASES: Readonly<Record<string, ModelFormat>> = { gguf: 'ggufv2', ggml: 'ggmlv3' };

/** `value` as one of {@link MODEL_FORMATS} (case and the aliases gguf, ggml aside); undefined when it is none. */
export function toModelFormat(value: string): ModelFormat | undefined {
  const name = value.trim().toLowerCase();
  const format = FORMAT_ALIASES[name] ?? name;
  return isModelFormat(format) ? format : undefined;
}
