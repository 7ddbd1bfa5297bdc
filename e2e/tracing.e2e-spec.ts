import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { IsolatedStack, startIsolatedStack, tokenFor, waitFor } from '@motcua/testing';

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

/** A minimal OTLP/HTTP (JSON) receiver: the services export their spans here. */
function otlpReceiver(spans: ReceivedSpan[]): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: Array<{
          resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
          scopeSpans: Array<{ spans: Array<Omit<ReceivedSpan, 'service'>> }>;
        }>;
      };
      for (const resourceSpans of body.resourceSpans) {
        const service = resourceSpans.resource.attributes.find((a) => a.key === 'service.name')?.value
          .stringValue as string;
        for (const scope of resourceSpans.scopeSpans) {
          for (const span of scope.spans) spans.push({ ...span, service });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
}

/** One dossier's trace: intake's HTTP request → outbox → Kafka → data-sharing → population registry. */
describe('one trace crosses intake, Kafka, data-sharing and the registry', () => {
  const spans: ReceivedSpan[] = [];
  const receiver = otlpReceiver(spans);
  let system: IsolatedStack;

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const otel = {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    system = await startIsolatedStack(
      'trace',
      4800,
      undefined,
      ['intake', 'data-sharing', 'population-registry-stub'],
      {
        intake: otel,
        'data-sharing': otel,
        'population-registry-stub': otel,
      },
    );
  });

  afterAll(async () => {
    await system?.stop();
    receiver.close();
  });

  it('links every span to the client traceparent with the right parents', async () => {
    const clerk = await tokenFor(system.infra, 'clerk', '000.00.12.H49', 'clerk-trace');
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const clientSpanId = '00f067aa0ba902b7';
    const response = await fetch(`${system.stack.url('intake')}/dossiers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${clerk}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${clientSpanId}-01`,
      },
      body: JSON.stringify({
        procedureCode: '1.001193',
        agencyCode: '000.00.12.H49',
        channel: 'DIRECT',
        applicant: {
          idNumber: '001203012345',
          fullName: 'Nguyễn Văn An',
          dateOfBirth: '2003-05-14',
          sex: 'MALE',
        },
      }),
    });
    expect(response.status).toBe(201);
    const ofTrace = () => spans.filter((s) => s.traceId === traceId);
    const registryServer = () =>
      ofTrace().find(
        (s) => s.service === 'population-registry-stub' && s.kind === 2 && !s.name.includes('health'),
      );
    await waitFor(async () => registryServer(), {
      what: 'the registry stub span of the trace',
      timeoutMs: 60_000,
    });
    const trace = ofTrace();
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
      return parent ? [parent, ...ancestors(parent)] : [];
    };
    // intake's server span continues the client's span.
    const intakeServer = trace.find((s) => s.service === 'intake' && s.kind === 2)!;
    expect(intakeServer.parentSpanId).toBe(clientSpanId);
    // The registry's server span descends, through the fetch, the worker, the consumer and the producer,
    // from intake's request.
    const chain = ancestors(registryServer()!);
    const kinds = chain.map((s) => `${s.service}:${s.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['data-sharing:3', 'data-sharing:5', 'intake:4', 'intake:2']),
    );
    expect(chain.at(-1)!.spanId).toBe(intakeServer.spanId);
    const consumer = chain.find((s) => s.kind === 5)!;
    expect(byId.get(consumer.parentSpanId!)!.kind).toBe(4);
    expect(byId.get(consumer.parentSpanId!)!.service).toBe('intake');
  });
});
