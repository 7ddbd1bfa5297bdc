import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Producer } from 'kafkajs';
import {
  CloudEvent,
  createCloudEvent,
  DocumentDigitizedV1,
  EventTypes,
  SignatureVerifiedV1,
  Topics,
} from '@motcua/contracts';
import {
  createTestIsolation,
  eventProducer,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
  waitFor,
} from '@motcua/testing';
import { IntakeConfig } from '../src/config/intake.config';
import { intakeService } from '../src/intake.service-definition';

const AGENCY = '000.00.12.H49';

interface Signature {
  status: string;
  indication?: string;
  subIndication?: string;
  verificationId: string;
  verifiedAt: string;
  signatureCount?: number;
}
interface Shown {
  code: string;
  provided?: boolean;
  name?: string;
  required?: boolean;
  inCatalogue?: boolean;
  documentId?: string;
  kind?: string;
  version?: number;
  reused?: boolean;
  recordId?: string;
  signature?: Signature;
}
interface DossierView {
  code: string;
  components: Shown[];
  results: Shown[];
}

/**
 * Documents and signature reports reach intake on two topics with no order between them, may be redelivered, and
 * a component may get several versions: the dossier must show each component's latest document with that
 * document's own signature, whatever order the events come in.
 */
describe('intake: documents and signatures on the dossier, on real Postgres and Kafka', () => {
  let isolation: TestIsolation;
  let intake: ServiceUnderTest<IntakeConfig>;
  let db: Client;
  let producer: Producer;
  let clerk: string;

  beforeAll(async () => {
    isolation = await createTestIsolation('intake-docs');
    intake = await startServiceForTest(intakeService, isolation);
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    clerk = await tokenFor(isolation.infra, 'clerk', AGENCY, 'clerk-docs');
    producer = await eventProducer(isolation, 'intake-docs-test');
  });

  afterAll(async () => {
    await producer?.disconnect();
    await db?.end();
    await intake?.close();
    await isolation?.cleanup();
  });

  /** A birth registration dossier: its catalogue lists TK01 (the form) and GCS01 (the certificate of birth). */
  const receive = async () => {
    const response = await fetch(`${intake.url}/dossiers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureCode: '1.001193',
        agencyCode: AGENCY,
        channel: 'DIRECT',
        applicant: {
          idNumber: '001203004567',
          fullName: 'Nguyễn Văn An',
          dateOfBirth: '2003-05-14',
          sex: 'MALE',
        },
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { code: string }).code;
  };

  const dossier = async (code: string) => {
    const response = await fetch(`${intake.url}/dossiers/${code}`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as DossierView;
  };
  const component = async (code: string, componentCode: string) =>
    (await dossier(code)).components.find((c) => c.code === componentCode);

  const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 2, minute)).toISOString();

  const digitized = (
    dossierCode: string,
    documentId: string,
    minute: number,
    more: {
      componentCode?: string;
      kind?: DocumentDigitizedV1['kind'];
      version?: number;
      previousDocumentId?: string;
    } = {},
  ) =>
    createCloudEvent({
      type: EventTypes.DocumentDigitizedV1,
      source: '/test/digitization',
      subject: dossierCode,
      data: {
        documentId,
        dossierCode,
        componentCode: more.componentCode ?? 'TK01',
        kind: more.kind ?? 'APPLICATION',
        origin: 'ELECTRONIC',
        digitizationLevel: 'STRUCTURED',
        mimeType: 'application/pdf',
        sha256: 'a'.repeat(64),
        size: 2048,
        storedAt: at(minute),
        ...(more.version ? { version: more.version } : {}),
        ...(more.previousDocumentId ? { previousDocumentId: more.previousDocumentId } : {}),
      },
    });

  const reused = (
    dossierCode: string,
    documentId: string,
    minute: number,
    componentCode = 'GCS01',
    sourceDocumentId?: string,
  ) =>
    createCloudEvent({
      type: EventTypes.DocumentReusedV1,
      source: '/test/digitization',
      subject: dossierCode,
      data: {
        documentId,
        recordId: `rec-${documentId}`,
        dossierCode,
        componentCode,
        digitizationLevel: 'SCAN_ONLY',
        reusedAt: at(minute),
        ...(sourceDocumentId ? { sourceDocumentId } : {}),
      },
    });

  const verified = (
    dossierCode: string,
    documentId: string,
    verificationId: string,
    minute: number,
    more: {
      indication?: SignatureVerifiedV1['indication'];
      subIndication?: string;
      signatureCount?: number;
      componentCode?: string;
    } = {},
  ) =>
    createCloudEvent({
      type: EventTypes.SignatureVerifiedV1,
      source: '/test/esignature',
      subject: dossierCode,
      data: {
        documentId,
        dossierCode,
        componentCode: more.componentCode ?? 'TK01',
        verificationId,
        indication: more.indication ?? 'TOTAL_PASSED',
        ...(more.subIndication ? { subIndication: more.subIndication } : {}),
        verifiedAt: at(minute),
        ...(more.signatureCount === undefined ? {} : { signatureCount: more.signatureCount }),
      },
    });

  const topicOf = (event: CloudEvent) =>
    `${isolation.topicPrefix}${event.type === EventTypes.SignatureVerifiedV1 ? Topics.Signature : Topics.Document}`;

  /** Sends the events in this order and waits until intake has processed each of them (its inbox has them). */
  const deliver = async (...events: CloudEvent[]) => {
    for (const event of events) {
      await producer.send({
        topic: topicOf(event),
        messages: [{ key: event.subject ?? null, value: JSON.stringify(event) }],
      });
    }
    const ids = [...new Set(events.map((e) => e.id))];
    await waitFor(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM inbox WHERE consumer = 'dossier-updates' AND event_id = ANY($1)`,
          [ids],
        );
        return rows[0].n === ids.length || undefined;
      },
      { what: `intake to process ${ids.length} event(s)` },
    );
  };

  it('a correction replaces the document and its signature; a late report on the old version never shows', async () => {
    const code = await receive();
    await deliver(digitized(code, 'tk-v1', 1, { version: 1 }), verified(code, 'tk-v1', 'ver-v1', 2));
    expect(await component(code, 'TK01')).toMatchObject({
      name: expect.any(String),
      required: true,
      provided: true,
      documentId: 'tk-v1',
      version: 1,
      signature: { status: 'TOTAL_PASSED', indication: 'TOTAL_PASSED', verificationId: 'ver-v1' },
    });

    await deliver(digitized(code, 'tk-v2', 10, { version: 2, previousDocumentId: 'tk-v1' }));
    const corrected = await component(code, 'TK01');
    expect(corrected).toMatchObject({ documentId: 'tk-v2', version: 2, provided: true });
    expect(corrected).not.toHaveProperty('signature');

    // A re-verification of the old version, reported after the correction, stays off the component.
    await deliver(verified(code, 'tk-v1', 'ver-v1-again', 20, { indication: 'TOTAL_FAILED' }));
    expect(await component(code, 'TK01')).not.toHaveProperty('signature');

    await deliver(verified(code, 'tk-v2', 'ver-v2', 15));
    expect((await component(code, 'TK01'))!.signature).toMatchObject({ verificationId: 'ver-v2' });

    // The old version's digitized event redelivered (a new event id, as a producer retry would give) changes nothing.
    await deliver(digitized(code, 'tk-v1', 1, { version: 1 }));
    expect(await component(code, 'TK01')).toMatchObject({
      documentId: 'tk-v2',
      signature: { verificationId: 'ver-v2' },
    });
    const { rows } = await db.query(
      `SELECT document_id FROM dossier_document WHERE dossier_code = $1 ORDER BY 1`,
      [code],
    );
    expect(rows.map((r) => r.document_id)).toEqual(['tk-v1', 'tk-v2']);
  });

  it('versions delivered newest first still end on the newest, with reports delivered before their documents', async () => {
    const code = await receive();
    await deliver(
      verified(code, 'v3', 'ver-3', 32),
      digitized(code, 'v3', 30, { version: 3, previousDocumentId: 'v2' }),
      verified(code, 'v1', 'ver-1', 12),
      digitized(code, 'v1', 10, { version: 1 }),
      digitized(code, 'v2', 20, { version: 2, previousDocumentId: 'v1' }),
    );
    expect(await component(code, 'TK01')).toMatchObject({
      documentId: 'v3',
      version: 3,
      signature: { status: 'TOTAL_PASSED', verificationId: 'ver-3' },
    });
  });

  it('among several reports on one document the latest verifiedAt wins, whatever order they come in, each applied once', async () => {
    const code = await receive();
    const older = verified(code, 'doc', 'ver-old', 5, {
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
    });
    const newer = verified(code, 'doc', 'ver-new', 9, {
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
    });
    await deliver(newer, digitized(code, 'doc', 1));
    // The same older event twice (a redelivery): deduplicated by the inbox, and older anyway.
    await producer.send({
      topic: topicOf(older),
      messages: [{ key: code, value: JSON.stringify(older) }],
    });
    await deliver(older);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM inbox WHERE consumer = 'dossier-updates' AND event_id = $1`,
      [older.id],
    );
    expect(rows[0].n).toBe(1);
    expect((await component(code, 'TK01'))!.signature).toEqual({
      status: 'TOTAL_FAILED',
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
      verificationId: 'ver-new',
      verifiedAt: at(9),
    });
  });

  it('a fresh upload replacing a reuse is not shown as reused; a reuse replacing an upload is', async () => {
    const code = await receive();
    await deliver(reused(code, 'reuse-1', 1));
    expect(await component(code, 'GCS01')).toMatchObject({
      documentId: 'reuse-1',
      reused: true,
      recordId: 'rec-reuse-1',
      digitizationLevel: 'SCAN_ONLY',
    });
    await deliver(digitized(code, 'upload-1', 5, { componentCode: 'GCS01', kind: 'SUPPORTING' }));
    const uploaded = await component(code, 'GCS01');
    expect(uploaded).toMatchObject({
      documentId: 'upload-1',
      kind: 'SUPPORTING',
      digitizationLevel: 'STRUCTURED',
    });
    expect(uploaded).not.toHaveProperty('reused');
    expect(uploaded).not.toHaveProperty('recordId');
    await deliver(reused(code, 'reuse-2', 9));
    expect(await component(code, 'GCS01')).toMatchObject({ documentId: 'reuse-2', reused: true });
  });

  it('shows results apart and documents the catalogue lacks with their kind, and an unsigned file as UNSIGNED', async () => {
    const code = await receive();
    await deliver(
      digitized(code, 'result-1', 1, { componentCode: 'KQ01', kind: 'RESULT' }),
      verified(code, 'result-1', 'ver-result', 2, { componentCode: 'KQ01' }),
      digitized(code, 'extra-1', 3, { componentCode: 'ZZ09', kind: 'SUPPORTING' }),
      verified(code, 'extra-1', 'ver-extra', 4, {
        componentCode: 'ZZ09',
        indication: 'INDETERMINATE',
        subIndication: 'NO_SIGNATURE_FOUND',
        signatureCount: 0,
      }),
    );
    const view = await dossier(code);
    const catalogue = (await dossier(await receive())).components.map((c) => c.code);
    expect(catalogue).toEqual(expect.arrayContaining(['TK01', 'GCS01']));
    expect(view.components.map((c) => c.code)).toEqual([...catalogue, 'ZZ09']);
    expect(view.components.at(-1)).toEqual({
      code: 'ZZ09',
      provided: true,
      inCatalogue: false,
      documentId: 'extra-1',
      kind: 'SUPPORTING',
      digitizationLevel: 'STRUCTURED',
      signature: { status: 'UNSIGNED', verificationId: 'ver-extra', verifiedAt: at(4), signatureCount: 0 },
    });
    expect(view.results).toEqual([
      {
        code: 'KQ01',
        documentId: 'result-1',
        kind: 'RESULT',
        digitizationLevel: 'STRUCTURED',
        signature: {
          status: 'TOTAL_PASSED',
          indication: 'TOTAL_PASSED',
          verificationId: 'ver-result',
          verifiedAt: at(2),
        },
      },
    ]);
    // The list shows them too.
    const listed = await fetch(`${intake.url}/dossiers?pageSize=100`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    const page = (await listed.json()) as { items: DossierView[] };
    expect(page.items.find((d) => d.code === code)?.results).toHaveLength(1);
  });

  it('a reuse shows the report on the bytes it reuses, also when that report arrives after the reuse', async () => {
    const first = await receive();
    const second = await receive();
    await deliver(
      digitized(first, 'issued', 1, { componentCode: 'KQ01', kind: 'RESULT' }),
      reused(second, 'reuse-of-issued', 2, 'GCS01', 'issued'),
    );
    expect(await component(second, 'GCS01')).not.toHaveProperty('signature');
    await deliver(verified(first, 'issued', 'ver-issued', 3, { componentCode: 'KQ01' }));
    expect((await dossier(first)).results[0].signature).toMatchObject({ verificationId: 'ver-issued' });
    expect(await component(second, 'GCS01')).toMatchObject({
      documentId: 'reuse-of-issued',
      reused: true,
      signature: { status: 'TOTAL_PASSED', verificationId: 'ver-issued' },
    });
  });

  it('ignores documents of a dossier it does not hold', async () => {
    const stranger = `999.99.99.H99-261127-${randomUUID().slice(0, 4)}`;
    await deliver(digitized(stranger, 'foreign', 1), verified(stranger, 'foreign', 'ver-f', 2));
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM dossier_document WHERE dossier_code = $1`,
      [stranger],
    );
    expect(rows[0].n).toBe(0);
  });
});
