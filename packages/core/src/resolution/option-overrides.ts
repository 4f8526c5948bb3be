import type { ModelSpecInput } from '../spec/model-spec.js';
import type { ModelOptions } from './model-reader.js';

/** The spec fields the model options set: they override what a reader found in a file or a folder. */
export function optionOverrides(options: ModelOptions): Partial<ModelSpecInput> {
  return {
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.quantization === undefined ? {} : { quantization: options.quantization }),
    ...(options.size === undefined ? {} : { sizeInBillions: options.size }),
    ...(options.family === undefined ? {} : { modelFamily: options.family }),
  };
}
