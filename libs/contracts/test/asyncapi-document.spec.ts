import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildAsyncApiDocument, EventCatalogue, EventType, validateCloudEvent } from '../src';

const committedPath = join(__dirname, '../../../asyncapi/motcua.json');
const committed = readFileSync(committedPath, 'utf8');

type Message = {
  name: string;
  payload: { properties: { data: unknown } };
  examples: { payload: unknown }[];
};
type Document = {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, Message> };
};

/** Errors and warnings (the parser also gives hints, e.g. that AsyncAPI 3.1 exists). */
async function problems(text: string) {
  const { document, diagnostics } = await new Parser().parse(text);
  const serious = diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
    .map((d) => `${d.code} ${d.path.join('/')}: ${d.message}`);
  return { parsed: document !== undefined, serious };
}

describe('AsyncAPI document (asyncapi/motcua.json)', () => {
  it('is the one the event catalogue generates (else run `npm run asyncapi` and commit it)', () => {
    expect(committed).toBe(`${JSON.stringify(buildAsyncApiDocument(), null, 2)}\n`);
  });

  it('is valid AsyncAPI 3.0 for @asyncapi/parser, which refuses a broken one', async () => {
    expect(JSON.parse(committed).asyncapi).toBe('3.0.0');
    expect(await problems(committed)).toEqual({ parsed: true, serious: [] });
    const broken = JSON.parse(committed);
    Object.values(broken.operations as Record<string, { action: string }>)[0].action = 'publish';
    const result = await problems(JSON.stringify(broken));
    expect(result.serious.join('\n')).toContain('action');
  });

  it('has every event type as a message of its topic, with the catalogue schema and a valid example', () => {
    const document = JSON.parse(committed) as Document;
    const byAddress = new Map(Object.values(document.channels).map((c) => [c.address, c]));
    for (const [type, entry] of Object.entries(EventCatalogue)) {
      const message = Object.values(document.components.messages).find((m) => m.name === type);
      expect(message).toBeDefined();
      expect(message!.payload.properties.data).toEqual(JSON.parse(JSON.stringify(entry.schema)));
      const refs = Object.values(byAddress.get(entry.topic)!.messages).map((m) => m.$ref);
      expect(refs.map((ref) => document.components.messages[ref.split('/').pop()!].name)).toContain(type);
      expect(validateCloudEvent(message!.examples[0].payload)).toMatchObject({ valid: true });
      expect((message!.examples[0].payload as { type: EventType }).type).toBe(type);
    }
  });

  it('has examples that its own payload schemas accept, and payloads that refuse a broken example', () => {
    // The parser does not check examples against payloads; ajv does, with the document's schemas as they are.
    const document = JSON.parse(committed) as Document;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const message of Object.values(document.components.messages)) {
      const validate = ajv.compile(message.payload);
      expect({ [message.name]: validate(message.examples[0].payload) }).toEqual({ [message.name]: true });
      const broken = structuredClone(message.examples[0].payload) as { data: Record<string, unknown> };
      broken.data.dossierCode = 42;
      expect(validate(broken)).toBe(false);
    }
  });
});
