import { describe, expect, it } from 'vitest';
import { formatParameterCount } from '../packages/core/src/spec/parameter-count.js';

describe('formatParameterCount', () => {
  it.each([
    [72e9, '72B'],
    [7.24e9, '7.24B'],
    [1.5e9, '1.5B'],
    [0.5e9, '0.5B'],
    [135e6, '135M'],
    [121_088, '121K'],
    [640, '640'],
  ])('%d parameters read %s', (count, text) => {
    expect(formatParameterCount(count)).toBe(text);
  });
});
