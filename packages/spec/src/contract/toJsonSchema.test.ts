import { toJsonSchema, type TranslationContext } from './toJsonSchema.js';

const components = {
  Base: {
    type: 'object',
    required: ['id', 'secret'],
    properties: { id: { type: 'string', readOnly: true }, secret: { type: 'string', writeOnly: true } },
  },
};

const request: TranslationContext = { components, direction: 'request', componentsId: 'urn:c' };
const response: TranslationContext = { ...request, direction: 'response' };

describe('toJsonSchema', () => {
  it('points component $refs at the registered definitions', () => {
    expect(toJsonSchema({ $ref: '#/components/schemas/Base' }, request)).toEqual({ $ref: 'urn:c#/definitions/Base' });
  });

  it('drops readOnly properties from required in requests and writeOnly ones in responses, also through allOf/$ref', () => {
    expect(toJsonSchema(components.Base, request)).toMatchObject({ required: ['secret'] });
    expect(toJsonSchema(components.Base, response)).toMatchObject({ required: ['id'] });
    const wrapped = { required: ['id', 'secret'], allOf: [{ $ref: '#/components/schemas/Base' }] };
    expect(toJsonSchema(wrapped, request)).toEqual({ required: ['secret'], allOf: [{ $ref: 'urn:c#/definitions/Base' }] });
  });

  it('turns nullable into "null, or else the schema"', () => {
    expect(toJsonSchema({ type: 'string', nullable: true, format: 'date-time' }, response)).toEqual({
      if: { type: 'null' },
      else: { type: 'string', format: 'date-time' },
    });
  });

  it('strips annotations and x- extensions but keeps properties that happen to share their names', () => {
    const schema = {
      type: 'object',
      description: 'd',
      example: { example: 'x' },
      'x-internal': true,
      discriminator: { propertyName: 'kind' },
      properties: { example: { type: 'string', example: 'e' }, description: { type: 'string' } },
    };
    expect(toJsonSchema(schema, response)).toEqual({
      type: 'object',
      properties: { example: { type: 'string' }, description: { type: 'string' } },
    });
  });

  it('converts OpenAPI 3.0 boolean exclusive bounds to draft-07 numbers', () => {
    expect(toJsonSchema({ type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false }, response)).toEqual({
      type: 'integer',
      exclusiveMinimum: 0,
      maximum: 9,
    });
  });
});
