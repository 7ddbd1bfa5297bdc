import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const openapiDir = join(__dirname, '..', '..', '..', 'openapi');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface MediaType {
  schema?: unknown;
}
interface Response {
  $ref?: string;
  content?: Record<string, MediaType>;
}
interface Document {
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, Response> }>>;
}

/** Every operation of a committed document, with what its 2xx responses lack ([] when complete). */
function successGaps(document: Document): Array<{ operation: string; gaps: string[] }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const successes = Object.entries(item[method].responses).filter(([status]) => /^2\d\d$/.test(status));
      const gaps = successes.length ? [] : ['no 2xx response'];
      for (const [status, response] of successes) {
        if (response.$ref) continue;
        // 204 has no body by definition.
        if (status === '204') continue;
        if (!response.content || Object.keys(response.content).length === 0)
          gaps.push(`${status}: no content`);
        for (const [mediaType, media] of Object.entries(response.content ?? {}))
          if (!media.schema) gaps.push(`${status} ${mediaType}: no schema`);
      }
      return { operation: `${method.toUpperCase()} ${path}`, gaps };
    }),
  );
}

const documents = readdirSync(openapiDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [file, JSON.parse(readFileSync(join(openapiDir, file), 'utf8')) as Document] as const);

describe('committed OpenAPI documents: success responses', () => {
  it('covers the six services', () => {
    expect(documents.map(([file]) => file).sort()).toEqual([
      'data-sharing.json',
      'digitization.json',
      'esignature.json',
      'intake.json',
      'metrics.json',
      'population-registry-stub.json',
    ]);
  });

  it.each(documents)('%s: every operation declares a schema for each 2xx response', (_file, document) => {
    const operations = successGaps(document);
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((operation) => operation.gaps.length)).toEqual([]);
  });

  it('finds a 2xx response without a schema', () => {
    const gaps = successGaps({
      paths: {
        '/x': { get: { responses: { '200': { content: { 'application/json': {} } } } } },
        '/y': { post: { responses: { '400': {} } } },
      },
    });
    expect(gaps).toEqual([
      { operation: 'GET /x', gaps: ['200 application/json: no schema'] },
      { operation: 'POST /y', gaps: ['no 2xx response'] },
    ]);
  });
});
