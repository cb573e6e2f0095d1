import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '../shared/errors.js';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && ISO_8601.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw badInput([], `DateTime must be an ISO 8601 date-time with a time zone, e.g. "2026-01-31T09:30:00Z"; got ${JSON.stringify(value)}.`);
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A point in time as an ISO 8601 string in UTC, e.g. "2026-01-31T09:30:00.000Z". Inputs must include a time zone.',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** A file of a GraphQL multipart request, as Yoga hands it over (a fetch API File). */
export interface UploadedFile {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' && value !== null && typeof (value as UploadedFile).arrayBuffer === 'function' && typeof (value as UploadedFile).size === 'number';

function parseUpload(value: unknown): UploadedFile {
  if (isUploadedFile(value)) return value;
  throw badInput([], 'Upload must be a file sent in a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec).');
}

export const UploadScalar = new GraphQLScalarType<UploadedFile, never>({
  name: 'Upload',
  description: 'A file sent in a GraphQL multipart request (multipart/form-data: `operations`, `map`, then the files). Input only.',
  serialize: () => {
    throw new Error('Upload is an input-only scalar.');
  },
  parseValue: parseUpload,
  parseLiteral: () => parseUpload(undefined),
});
