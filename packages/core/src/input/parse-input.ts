import type { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error.js';

/**
 * Validates `input` against `schema`, turning zod's issues into an InvalidInputError whose lines each
 * name a field and say what is accepted there.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string, hint: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new InvalidInputError(what, problems, hint);
}
