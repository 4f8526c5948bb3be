import { describe, expect, it } from 'vitest';
import { InvalidInputError, MODEL_FORMATS, parseModelSpec } from '../src/index.js';

const problemsOf = (input: unknown) => {
  try {
    parseModelSpec(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).problems;
  }
  throw new Error('expected the spec to be refused');
};

describe('parseModelSpec', () => {
  it('defaults the family to the model name and the quantization to none', () => {
    expect(parseModelSpec({ modelName: 'qwen2.5-instruct', format: 'pytorch' })).toEqual({
      modelName: 'qwen2.5-instruct',
      modelFamily: 'qwen2.5-instruct',
      format: 'pytorch',
      quantization: 'none',
      abilities: ['generate'],
    });
  });

  it.each(['int4', 'INT4', 'Int4', '4bit', '4bits', '4-bit', '4 bit', 'Int-4', 'int_4', 'INT 4'])(
    'reads %s as Int4 for gptq and awq',
    (q) => {
      expect(parseModelSpec({ modelName: 'm', format: 'gptq', quantization: q }).quantization).toBe('Int4');
      expect(parseModelSpec({ modelName: 'm', format: 'awq', quantization: q }).quantization).toBe('Int4');
    },
  );

  it.each([
    ['int3', 'Int3'],
    ['8bit', 'Int8'],
    ['INT8', 'Int8'],
    // Not bit widths: kept as given, for the engines to refuse by name.
    ['0', '0'],
    ['04', '04'],
    ['int128', 'int128'],
  ])('reads %s as %s for gptq', (q, expected) => {
    expect(parseModelSpec({ modelName: 'm', format: 'gptq', quantization: q }).quantization).toBe(expected);
  });

  it('upper-cases GGUF quantization types and keeps F16 as a type', () => {
    expect(parseModelSpec({ modelName: 'm', format: 'ggufv2', quantization: 'q4_k_m' }).quantization).toBe('Q4_K_M');
    expect(parseModelSpec({ modelName: 'm', format: 'ggufv2', quantization: 'f16' }).quantization).toBe('F16');
  });

  it('normalises MLX bit widths and the spellings of none', () => {
    expect(parseModelSpec({ modelName: 'm', format: 'mlx', quantization: '4-bit' }).quantization).toBe('4bit');
    expect(parseModelSpec({ modelName: 'm', format: 'pytorch', quantization: 'None' }).quantization).toBe('none');
    expect(parseModelSpec({ modelName: 'm', format: 'pytorch', quantization: null }).quantization).toBe('none');
  });

  it('accepts format names in any case, and gguf and ggml for ggufv2 and ggmlv3', () => {
    expect(parseModelSpec({ modelName: 'm', format: 'GGUFv2' }).format).toBe('ggufv2');
    expect(parseModelSpec({ modelName: 'm', format: 'gguf' }).format).toBe('ggufv2');
    expect(parseModelSpec({ modelName: 'm', format: 'GGML' }).format).toBe('ggmlv3');
  });

  it('refuses an empty quantization rather than reading it as none', () => {
    expect(() => parseModelSpec({ modelName: 'm', format: 'ggufv2', quantization: ' ' })).toThrow(
      /quantization: quantization must not be empty/,
    );
  });

  it.each([
    [7, 7],
    ['7', 7],
    ['1_5', 1.5],
    ['0_5', 0.5],
    ['1.5', 1.5],
    ['70b', 70],
  ])('reads size %j as %d billion', (size, expected) => {
    expect(parseModelSpec({ modelName: 'm', format: 'pytorch', sizeInBillions: size }).sizeInBillions).toBe(expected);
  });

  it('is idempotent: a normalised spec parses to itself', () => {
    const spec = parseModelSpec({
      modelName: 'Mine',
      modelFamily: 'qwen2.5-instruct',
      format: 'awq',
      quantization: '4bit',
      sizeInBillions: '1_5',
      abilities: ['chat', 'TOOLS'],
      hubId: 'Qwen/Qwen2.5-1.5B-Instruct-AWQ',
    });
    expect(parseModelSpec(spec)).toEqual(spec);
    expect(spec.abilities).toEqual(['chat', 'tools']);
  });

  it('refuses an unknown format, listing the valid ones', () => {
    const [problem] = problemsOf({ modelName: 'm', format: 'safetensors' });
    expect(problem?.field).toBe('format');
    for (const format of MODEL_FORMATS) expect(problem?.message).toContain(format);
  });

  it('names every bad field at once', () => {
    const problems = problemsOf({ modelName: '', format: 'pytorch', sizeInBillions: 'big', abilities: ['fly'] });
    expect(problems.map((p) => p.field).sort()).toEqual(['abilities.0', 'modelName', 'sizeInBillions']);
  });

  it('refuses a missing format and unknown keys', () => {
    expect(problemsOf({ modelName: 'm' }).map((p) => p.field)).toEqual(['format']);
    expect(problemsOf({ modelName: 'm', format: 'pytorch', quant: 'x' })[0]?.message).toMatch(/quant/);
  });

  it('refuses a negative or zero size', () => {
    expect(problemsOf({ modelName: 'm', format: 'pytorch', sizeInBillions: 0 })[0]?.field).toBe('sizeInBillions');
    expect(problemsOf({ modelName: 'm', format: 'pytorch', sizeInBillions: '-3' })[0]?.field).toBe('sizeInBillions');
  });
});
