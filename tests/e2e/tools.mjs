// What the tool and structured-output suites share: one tool, one answer schema, and the template that reads tools.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** A Qwen-style chat template: the generated model's ChatML does not read tools, so tools would be a 400. */
export const toolTemplate = fileURLToPath(new URL('./tools-template.jinja', import.meta.url));

// Bounded strings and integers keep a grammar-forced call on the random-weight model within a few dozen tokens.
export const weatherArgs = z.object({
  city: z.string().min(1).max(8),
  unit: z.enum(['c', 'f']),
}).strict();

export const weatherParameters = {
  type: 'object',
  properties: {
    city: { type: 'string', minLength: 1, maxLength: 8 },
    unit: { type: 'string', enum: ['c', 'f'] },
  },
  required: ['city', 'unit'],
  additionalProperties: false,
};

export const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Current weather in a city', parameters: weatherParameters },
};

export const cityAnswer = z.object({
  name: z.string().max(8),
  population: z.number().int().min(0).max(99),
}).strict();

export const cityAnswerSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 8 },
    population: { type: 'integer', minimum: 0, maximum: 99 },
  },
  required: ['name', 'population'],
  additionalProperties: false,
};

export const toolResult = JSON.stringify({ temperature: 18, sky: 'clear' });
