/** Weight formats Switchyard understands; the names are Xinference's. */
export const MODEL_FORMATS = ['pytorch', 'gptq', 'awq', 'fp8', 'bnb', 'ggufv2', 'ggmlv3', 'mlx'] as const;

export type ModelFormat = (typeof MODEL_FORMATS)[number];

export function isModelFormat(value: string): value is ModelFormat {
  return (MODEL_FORMATS as readonly string[]).includes(value);
}
