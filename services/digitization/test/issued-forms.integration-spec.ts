import type { Client as MinioClient } from 'minio';
import { Client } from 'pg';
import { CloudEvent, deadLetterTopicOf, EventTypes, Topics } from '@motcua/contracts';
import {
  createTestIsolation,
  type EventRecorder,
  minioClientFor,
  recordEvents,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
  waitFor,
} from '@motcua/testing';
import { DigitizationConfig } from '../src/config/digitization.config';
import { digitizationService } from '../src/digitization.service-definition';
import { DossierFeed, pdfWithPages, sha256 } from './support';

const AGENCY = '000.00.12.H49';
const AN = '001090000001';

interface DocumentBody {
  id: string;
  componentCode: string;
  kind: string;
  origin: string;
  sha256: string;
  size: number;
  pageCount: number | null;
  recordId: string | null;
}

/**
 * The forms intake issues (dossier.form-issued.v1) become documents of their dossier: in S3, in the hash chain,
 * announced by document.digitized for esignature, a refusal in the applicant's e-record store; once each.
 */
describe('digitization: storing the forms intake issues, on real Postgres, Kafka and S3', () => {
  let isolation: TestIsolation;
  let service: ServiceUnderTest<DigitizationConfig>;
  let db: Client;
  let s3: MinioClient;
  let feed: DossierFeed;
  let documents: EventRecorder;
  let clerk: string;
  let auditor: string;

  beforeAll(async () => {
    isolation = await createTestIsolation('digitization-forms');
    service = await startServiceForTest(digitizationService, isolation);
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    s3 = minioClientFor(isolation.infra);
    feed = new DossierFeed(isolation);
    await feed.connect();
    documents = await recordEvents(isolation, 'forms-reader', [Topics.Document]);
    clerk = await tokenFor(isolation.infra, 'clerk', AGENCY, 'clerk-forms');
    auditor = await tokenFor(isolation.infra, 'auditor', '*', 'auditor-forms');
  });

  afterAll(async () => {
    await documents?.stop();
    await feed?.disconnect();
    await db?.end();
    await service?.close();
    await isolation?.cleanup();
  });

  const get = (path: string, token = clerk) =>
    fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const documentsOf = async (code: string) => {
    const response = await get(`/dossiers/${code}/documents`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as DocumentBody[] | { items: DocumentBody[] };
    return Array.isArray(body) ? body : body.items;
  };
  const stored = (code: string, count: number) =>
    waitFor(async () => ((await documentsOf(code)).length === count ? documentsOf(code) : undefined), {
      what: `${count} stored forms of ${code}`,
      timeoutMs: 30_000,
    });

  it('stores forms 01 and 03 as documents of the dossier; the refusal also in the e-record store', async () => {
    const code = await feed.received({ agencyCode: AGENCY, idNumber: AN });
    const receipt = await pdfWithPages(1);
    const refusal = await pdfWithPages(2);
    const receiptEvent = await feed.formIssued(code, AGENCY, '01', receipt, { seq: 1 });
    const refusalEvent = await feed.formIssued(code, AGENCY, '03', refusal, { seq: 2 });

    const forms = await stored(code, 2);
    const byComponent = Object.fromEntries(forms.map((d) => [d.componentCode, d]));
    expect(byComponent['MAU-01']).toMatchObject({
      id: receiptEvent,
      kind: 'FORM',
      origin: 'ELECTRONIC',
      sha256: sha256(receipt),
      size: receipt.length,
      pageCount: 1,
    });
    expect(byComponent['MAU-03']).toMatchObject({
      id: refusalEvent,
      kind: 'FORM',
      sha256: sha256(refusal),
      pageCount: 2,
    });

    // The bytes are the ones intake signed, served back as they are.
    const content = await get(`/documents/${refusalEvent}/content`);
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).equals(refusal)).toBe(true);
    const row = await db.query<{ bucket: string; object_key: string }>(
      'SELECT bucket, object_key FROM document WHERE id = $1',
      [refusalEvent],
    );
    const object = await s3.statObject(row.rows[0].bucket, row.rows[0].object_key);
    expect(object.size).toBe(refusal.length);

    // The refusal ends the procedure: it is the applicant's; the receipt is not.
    const records = (await (await get(`/records?idNumber=${AN}&purpose=${code}`)).json()) as {
      documentId: string;
      kind: string;
    }[];
    expect(records.filter((r) => r.documentId === refusalEvent || r.documentId === receiptEvent)).toEqual([
      expect.objectContaining({ documentId: refusalEvent, kind: 'FORM' }),
    ]);

    // Both are in the hash chain, and announced for esignature with where the bytes are.
    expect(((await (await get('/ledger/verify', auditor)).json()) as { valid: boolean }).valid).toBe(true);
    const entries = await db.query('SELECT 1 FROM ledger_entry WHERE document_id = ANY($1)', [
      [receiptEvent, refusalEvent],
    ]);
    expect(entries.rowCount).toBe(2);
    const announced = await waitFor(
      async () => {
        const found = documents.events.filter(
          (e) =>
            e.type === EventTypes.DocumentDigitizedV1 &&
            (e as CloudEvent<{ dossierCode: string }>).data.dossierCode === code,
        );
        return found.length === 2 ? found : undefined;
      },
      { what: 'two document.digitized events' },
    );
    expect(announced.map((e) => (e.data as { kind: string; object?: unknown }).kind)).toEqual([
      'FORM',
      'FORM',
    ]);
    expect(announced.every((e) => (e.data as { object?: unknown }).object)).toBe(true);
  });

  it('a form announced before digitization knows its dossier is stored once the dossier is learned', async () => {
    const code = `${AGENCY}-261203-${Date.now().toString(36)}`;
    const pdf = await pdfWithPages(1);
    const id = await feed.formIssued(code, AGENCY, '01', pdf);
    // Not known yet: retried, not dropped and not dead-lettered.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await db.query('SELECT 1 FROM document WHERE id = $1', [id])).rowCount).toBe(0);
    await feed.receivedAs(code, { agencyCode: AGENCY, idNumber: AN });
    await waitFor(
      async () =>
        (await db.query('SELECT 1 FROM document WHERE id = $1', [id])).rowCount === 1 ? true : undefined,
      { what: 'the form stored after its dossier became known', timeoutMs: 30_000 },
    );
  });

  it('stores a redelivered form once, and dead-letters one whose bytes do not match its hash', async () => {
    const code = await feed.received({ agencyCode: AGENCY, idNumber: AN });
    const pdf = await pdfWithPages(1);
    const dlt = await recordEvents(isolation, 'forms-dlt-reader', [deadLetterTopicOf(Topics.Dossier)]);
    try {
      const forged = await feed.formIssued(code, AGENCY, '03', pdf, {
        seq: 2,
        sha256: sha256(Buffer.from('other')),
      });
      const id = await feed.formIssued(code, AGENCY, '01', pdf);
      await feed.resend(id);
      await waitFor(async () => dlt.events.find((e) => e.id === forged), {
        what: 'the forged form dead-lettered',
      });
      await stored(code, 1);
      // An event after the redelivery on the same partition, handled: the redelivery was handled before it.
      const marker = await feed.statusChanged(code, AGENCY, 'PROCESSING');
      await waitFor(
        async () =>
          (
            await db.query('SELECT 1 FROM inbox WHERE consumer LIKE $1 AND event_id = $2', [
              '%issued-forms%',
              marker,
            ])
          ).rowCount === 1 || undefined,
        { what: 'the event after the redelivery handled' },
      );
      expect((await documentsOf(code)).map((d) => d.id)).toEqual([id]);
      expect((await db.query('SELECT 1 FROM document WHERE id = $1', [forged])).rowCount).toBe(0);
    } finally {
      await dlt.stop();
    }
  });
});
