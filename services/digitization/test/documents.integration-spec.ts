import type { Client as MinioClient } from 'minio';
import { Client } from 'pg';
import { CloudEvent, deadLetterTopicOf, EventTypes, Topics, validateCloudEvent } from '@motcua/contracts';
import {
  createTestIsolation,
  type EventRecorder,
  recordEvents,
  metricValue,
  minioClientFor,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
  waitFor,
} from '@motcua/testing';
import { DigitizationConfig } from '../src/config/digitization.config';
import { digitizationService } from '../src/digitization.service-definition';
import { DossierFeed, documentForm, form, JPEG, pdfWithPages, sha256, XML } from './support';

const AGENCY = '000.00.12.H49';
const OTHER_AGENCY = '000.00.13.H49';
const AN = '001090000001';
const BINH = '001085000002';
const LIMIT = 1024 * 1024;

const birthForm = {
  child: {
    fullName: 'Nguyễn Minh Khang',
    sex: 'MALE',
    dateOfBirth: '2026-11-20',
    placeOfBirth: 'Bệnh viện Sản Nhi Quảng Ninh',
    ethnicity: 'Kinh',
    nationality: 'Việt Nam',
  },
  mother: { fullName: 'Trần Thị Mai', dateOfBirth: '1996-03-02' },
  declarant: { fullName: 'Nguyễn Văn An', idNumber: AN, relationship: 'Cha' },
};

interface DocumentBody {
  id: string;
  sha256: string;
  size: number;
  mimeType: string;
  pageCount: number | null;
  digitizationLevel: string;
  version: number;
  previousVersionId: string | null;
  supersededBy: string | null;
  recordId: string | null;
  reusedFromRecordId: string | null;
  deleted: unknown;
  dossierCode: string;
  data: unknown;
}

describe('digitization: documents, versions, e-records and the hash chain on real Postgres, Kafka and S3', () => {
  let isolation: TestIsolation;
  let service: ServiceUnderTest<DigitizationConfig>;
  let db: Client;
  let s3: MinioClient;
  let feed: DossierFeed;
  let reader: EventRecorder;
  const documentEvents = (): CloudEvent[] => reader.events;
  let clerk: string;
  let officer: string;
  let portal: string;
  let nationalAuditor: string;
  let otherClerk: string;
  let auditor: string;
  let admin: string;
  let dossierA: string;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (path: string, body: FormData, token = clerk) =>
    fetch(`${service.url}${path}`, { method: 'POST', headers: auth(token), body });
  const postJson = (path: string, body: unknown, token = clerk) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { ...auth(token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = (path: string, token = clerk, headers: Record<string, string> = {}) =>
    fetch(`${service.url}${path}`, { headers: { ...auth(token), ...headers } });
  const count = async (table: string) =>
    Number((await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
  const objectKeys = async () => {
    const keys: string[] = [];
    for await (const item of s3.listObjectsV2(isolation.bucket, 'documents/', true))
      if (item.name) keys.push(item.name);
    return keys.sort();
  };
  const known = (code: string) =>
    waitFor(
      async () =>
        (await db.query('SELECT 1 FROM known_dossier WHERE code = $1', [code])).rowCount ? true : undefined,
      {
        what: `dossier ${code} learned`,
      },
    );
  const statusOf = async (code: string): Promise<string | null | undefined> =>
    (await db.query('SELECT status FROM known_dossier WHERE code = $1', [code])).rows[0]?.status;
  /** Intake's status-changed on the real broker, then waits until digitization applied it. */
  const moveTo = async (code: string, status: string) => {
    await feed.statusChanged(code, AGENCY, status);
    await waitFor(async () => ((await statusOf(code)) === status ? true : undefined), {
      what: `dossier ${code} learned as ${status}`,
    });
  };
  const inboxHas = (eventId: string) =>
    waitFor(
      async () =>
        (await db.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).rowCount ? true : undefined,
      { what: `event ${eventId} applied` },
    );
  const newDossier = async (idNumber = AN, agencyCode = AGENCY) => {
    const code = await feed.received({ agencyCode, idNumber });
    await known(code);
    return code;
  };
  const eventFor = (type: string, documentId: string) =>
    waitFor(
      async () =>
        documentEvents().find(
          (e) => e.type === type && (e.data as { documentId: string }).documentId === documentId,
        ),
      {
        what: `${type} for ${documentId}`,
      },
    );
  /** Nothing of a refused upload stays: no row, no chain entry, no event, no object. */
  const expectNothingStored = async (before: {
    documents: number;
    ledger: number;
    outbox: number;
    keys: string[];
  }) => {
    expect(await count('document')).toBe(before.documents);
    expect(await count('ledger_entry')).toBe(before.ledger);
    expect(await count('outbox')).toBe(before.outbox);
    expect(await objectKeys()).toEqual(before.keys);
  };
  const snapshot = async () => ({
    documents: await count('document'),
    ledger: await count('ledger_entry'),
    outbox: await count('outbox'),
    keys: await objectKeys(),
  });

  beforeAll(async () => {
    isolation = await createTestIsolation('digitizationdocs');
    service = await startServiceForTest(digitizationService, isolation, { UPLOAD_MAX_BYTES: String(LIMIT) });
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    s3 = minioClientFor(isolation.infra);
    feed = new DossierFeed(isolation);
    await feed.connect();
    reader = await recordEvents(isolation, 'test-reader', [Topics.Document]);
    [clerk, officer, portal, otherClerk, auditor, admin] = await Promise.all([
      tokenFor(isolation.infra, 'clerk', AGENCY, 'clerk-1'),
      tokenFor(isolation.infra, 'officer', AGENCY, 'officer-1'),
      tokenFor(isolation.infra, 'citizen_portal', AGENCY, 'portal', AN),
      tokenFor(isolation.infra, 'clerk', OTHER_AGENCY, 'clerk-other'),
      tokenFor(isolation.infra, 'auditor', '000.00.00.H49', 'auditor-1'),
      tokenFor(isolation.infra, 'admin', '*', 'admin-1'),
    ]);
    nationalAuditor = await tokenFor(isolation.infra, 'auditor', '*', 'auditor-national');
    dossierA = await newDossier();
    // Processing: the dossier takes its applicant's documents and results alike.
    await moveTo(dossierA, 'PROCESSING');
  });

  afterAll(async () => {
    await reader?.stop();
    await feed?.disconnect();
    await db?.end();
    await service?.close();
    await isolation?.cleanup();
  });

  describe('upload', () => {
    it('streams a PDF to S3 under a service key, records its hash, size and pages, and publishes digitized with the object', async () => {
      const pdf = await pdfWithPages(3);
      const response = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm(
          { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'SCANNED_PAPER' },
          { bytes: pdf, type: 'application/pdf', fileName: '../../etc/giay chung sinh.pdf' },
        ),
      );
      expect(response.status).toBe(201);
      const body = (await response.json()) as DocumentBody & { fileName: string };
      expect(body).toMatchObject({
        dossierCode: dossierA,
        sha256: sha256(pdf),
        size: pdf.length,
        mimeType: 'application/pdf',
        pageCount: 3,
        digitizationLevel: 'SCAN_ONLY',
        version: 1,
        recordId: null,
        fileName: 'giay chung sinh.pdf',
      });
      expect(response.headers.get('location')).toBe(`/documents/${body.id}`);
      const [row] = (await db.query('SELECT * FROM document WHERE id = $1', [body.id])).rows;
      expect(row.object_key).toMatch(/^documents\/\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}$/);
      expect(row).toMatchObject({ uploaded_by: 'clerk-1', agency_code: AGENCY, origin: 'SCANNED_PAPER' });
      const stored: Buffer[] = [];
      for await (const chunk of await s3.getObject(isolation.bucket, row.object_key))
        stored.push(chunk as Buffer);
      expect(sha256(Buffer.concat(stored))).toBe(sha256(pdf));

      const event = await eventFor(EventTypes.DocumentDigitizedV1, body.id);
      expect(validateCloudEvent(event).valid).toBe(true);
      expect(event.subject).toBe(dossierA);
      expect(event.data).toMatchObject({
        documentId: body.id,
        componentCode: 'GCS01',
        sha256: sha256(pdf),
        object: { bucket: isolation.bucket, key: row.object_key },
        version: 1,
      });
      expect(event.data).not.toHaveProperty('previousDocumentId');
    });

    it('counts the bytes of stored uploads and times uploads by outcome, at GET /metrics', async () => {
      const scrape = async () => (await fetch(`${service.url}/metrics`)).text();
      const value = (text: string, name: string, labels: Record<string, string>) =>
        metricValue(text, name, labels) ?? 0;
      const before = await scrape();
      const pdf = await pdfWithPages(1);
      const stored = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm(
          { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'SCANNED_PAPER' },
          { bytes: pdf, type: 'application/pdf' },
        ),
      );
      expect(stored.status).toBe(201);
      const refused = await post(`/dossiers/${dossierA}/documents`, documentForm({}, { bytes: JPEG }));
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      const after = await scrape();

      const bytes = { kind: 'document' };
      expect(
        value(after, 'motcua_upload_bytes_total', bytes) - value(before, 'motcua_upload_bytes_total', bytes),
      ).toBe(pdf.length);
      for (const outcome of ['stored', 'refused']) {
        const labels = { kind: 'document', outcome };
        const count = (text: string) => value(text, 'motcua_upload_duration_seconds_count', labels);
        expect(count(after) - count(before)).toBe(1);
      }
    });

    it('streams a small document of declared size straight through, keeping a PDF page count and refusing a wrong size', async () => {
      const pdf = await pdfWithPages(2);
      const fields = { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'SCANNED_PAPER' };
      const response = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm({ ...fields, size: String(pdf.length) }, { bytes: pdf, type: 'application/pdf' }),
      );
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ sha256: sha256(pdf), size: pdf.length, pageCount: 2 });

      // S3Proxy may keep a cut-off PUT's temp file until the orphan reaper's sweep (see storage-failures).
      const rows = async () => ({
        documents: await count('document'),
        ledger: await count('ledger_entry'),
        outbox: await count('outbox'),
      });
      const before = await rows();
      for (const declared of [pdf.length - 1, pdf.length + 1]) {
        const wrong = await post(
          `/dossiers/${dossierA}/documents`,
          documentForm({ ...fields, size: String(declared) }, { bytes: pdf, type: 'application/pdf' }),
        );
        expect(wrong.status).toBe(400);
      }
      expect(await rows()).toEqual(before);
    });

    it('appends concurrent uploads to one gap-free chain, one entry and one event per document, hashed in Postgres as the verifier does', async () => {
      const entriesBefore = await count('ledger_entry');
      // Non-ASCII names: Postgres hashes the entry's UTF-8 bytes exactly as the TypeScript verifier re-hashes them.
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          post(
            `/dossiers/${dossierA}/documents`,
            documentForm(
              { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'SCANNED_PAPER' },
              { bytes: JPEG, type: 'image/jpeg', fileName: `Giấy khai sinh bản sao ${i} — Đà Nẵng.jpg` },
            ),
          ),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
      const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as DocumentBody).id));
      const entries = (
        await db.query(
          'SELECT seq, document_id, previous_hash, hash FROM ledger_entry WHERE seq > $1 ORDER BY seq',
          [entriesBefore],
        )
      ).rows;
      expect(entries.map((e) => Number(e.seq))).toEqual(
        Array.from({ length: 8 }, (_, i) => entriesBefore + i + 1),
      );
      expect(entries.map((e) => e.document_id).sort()).toEqual([...ids].sort());
      for (let i = 1; i < entries.length; i += 1) expect(entries[i].previous_hash).toBe(entries[i - 1].hash);
      const [head] = (await db.query('SELECT seq, hash FROM ledger_head')).rows;
      expect({ seq: Number(head.seq), hash: head.hash }).toEqual({
        seq: entriesBefore + 8,
        hash: entries[7].hash,
      });
      const outbox = (
        await db.query(
          `SELECT payload->'data'->>'documentId' AS id FROM outbox WHERE payload->'data'->>'documentId' = ANY($1)`,
          [ids],
        )
      ).rows;
      expect(outbox.map((r) => r.id).sort()).toEqual([...ids].sort());
      for (const id of ids) await eventFor(EventTypes.DocumentDigitizedV1, id);
      const verified = (await (await get('/ledger/verify', nationalAuditor)).json()) as { valid: boolean };
      expect(verified.valid).toBe(true);
    });

    it('makes a form with valid extracted fields STRUCTURED and a record of the applicant', async () => {
      const response = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm(
          { componentCode: 'TK01', kind: 'APPLICATION', origin: 'SCANNED_PAPER', data: birthForm },
          { bytes: JPEG, type: 'image/jpeg' },
        ),
      );
      expect(response.status).toBe(201);
      const body = (await response.json()) as DocumentBody;
      expect(body).toMatchObject({
        digitizationLevel: 'STRUCTURED',
        mimeType: 'image/jpeg',
        pageCount: null,
        data: birthForm,
      });
      expect(body.recordId).toEqual(expect.any(String));
      const records = (await (await get(`/records?idNumber=${AN}&purpose=${dossierA}`)).json()) as Array<{
        id: string;
        documentId: string;
      }>;
      expect(records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: body.recordId,
            documentId: body.id,
            digitizationLevel: 'STRUCTURED',
            data: birthForm,
          }),
        ]),
      );
    });

    it('accepts the file part before the fields without buffering it, and checks the fields afterwards', async () => {
      const response = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm(
          { componentCode: 'BS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' },
          { bytes: XML, type: 'text/xml' },
          true,
        ),
      );
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ mimeType: 'application/xml', componentCode: 'BS01' });

      const before = await snapshot();
      const late = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm(
          { componentCode: 'TK01', kind: 'APPLICATION', origin: 'ELECTRONIC', data: { child: {} } },
          { bytes: XML },
          true,
        ),
      );
      expect(late.status).toBe(400);
      await expectNothingStored(before);
    });
  });

  describe('component field schemas', () => {
    it('lets an admin define a component schema, which then makes its data STRUCTURED', async () => {
      const put = (body: unknown, token = admin) =>
        fetch(`${service.url}/component-schemas/1.001193/GCS01`, {
          method: 'PUT',
          headers: { ...auth(token), 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const schema = {
        type: 'object',
        required: ['certificateNumber', 'hospital'],
        additionalProperties: false,
        properties: { certificateNumber: { type: 'string', minLength: 1 }, hospital: { type: 'string' } },
      };
      expect((await put({ schema }, clerk)).status).toBe(403);
      // A schema serves every agency: an administrator of a province may not set it.
      const provinceAdmin = await tokenFor(isolation.infra, 'admin', '000.00.00.H49', 'admin-h49');
      expect((await put({ schema }, provinceAdmin)).status).toBe(403);
      const controlCharacters = await fetch(`${service.url}/component-schemas/1.001193/GCS%0A01`, {
        method: 'PUT',
        headers: { ...auth(admin), 'content-type': 'application/json' },
        body: JSON.stringify({ schema }),
      });
      expect(controlCharacters.status).toBe(400);
      expect((await put({ schema: { type: 'object', properties: { a: { type: 'strnig' } } } })).status).toBe(
        400,
      );
      expect((await put({ schema })).status).toBe(200);
      expect(await (await get('/component-schemas/1.001193/GCS01')).json()).toMatchObject({
        schema,
        updatedBy: 'admin-1',
      });
      const changes = (await (
        await get('/change-log?resource=component-schema&resourceId=1.001193/GCS01', auditor)
      ).json()) as { items: Record<string, unknown>[] };
      expect(changes.items).toEqual([
        expect.objectContaining({
          actor: 'admin-1',
          actorAgency: '*',
          action: 'CREATE',
          before: null,
          after: schema,
        }),
      ]);

      const data = { certificateNumber: 'GCS-2026-00123', hospital: 'Bệnh viện Bãi Cháy' };
      const response = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm(
          { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'SCANNED_PAPER', data },
          { bytes: JPEG },
        ),
      );
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ digitizationLevel: 'STRUCTURED', data });
      const wrong = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm(
          { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'SCANNED_PAPER', data: { hospital: 1 } },
          { bytes: JPEG },
        ),
      );
      expect(wrong.status).toBe(400);
    });
  });

  describe('rejections change nothing', () => {
    it('refuses extracted data that does not match the component schema, naming each field', async () => {
      const before = await snapshot();
      const response = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm(
          {
            componentCode: 'TK01',
            kind: 'APPLICATION',
            origin: 'SCANNED_PAPER',
            data: {
              ...birthForm,
              child: { ...birthForm.child, dateOfBirth: '20/11/2026' },
              declarant: { fullName: 'A' },
            },
          },
          { bytes: JPEG },
        ),
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((e) => e.field).sort()).toEqual([
        'data.child.dateOfBirth',
        'data.declarant.idNumber',
        'data.declarant.relationship',
      ]);
      await expectNothingStored(before);
    });

    it('refuses a file over the size limit with 413', async () => {
      const before = await snapshot();
      const big = Buffer.concat([await pdfWithPages(1), Buffer.alloc(LIMIT)]);
      const response = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm({ componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' }, { bytes: big }),
      );
      expect(response.status).toBe(413);
      await expectNothingStored(before);
    });

    it('accepts a file of exactly the limit', async () => {
      const exact = Buffer.concat([JPEG, Buffer.alloc(LIMIT - JPEG.length, 7)]);
      const response = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm({ componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' }, { bytes: exact }),
      );
      expect(response.status).toBe(201);
      expect(((await response.json()) as DocumentBody).size).toBe(LIMIT);
    });

    it.each([
      [
        'content that is no accepted format',
        { bytes: Buffer.from('MZ\x90\x00 not a document'), type: 'application/pdf' },
      ],
      ['a declared type the content contradicts', { bytes: JPEG, type: 'image/png' }],
      ['a ZIP renamed to .pdf', { bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), fileName: 'x.pdf' }],
    ])('refuses %s with 415', async (_label, file) => {
      const before = await snapshot();
      const response = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm({ componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' }, file),
      );
      expect(response.status).toBe(415);
      await expectNothingStored(before);
    });

    it('refuses a body that is not multipart with 415', async () => {
      const response = await postJson(`/dossiers/${dossierA}/documents`, { componentCode: 'GCS01' });
      expect(response.status).toBe(415);
    });

    it('refuses missing or wrong fields, a missing file and data for a component without schema with 400', async () => {
      const before = await snapshot();
      const noFields = await post(`/dossiers/${dossierA}/documents`, documentForm({}, { bytes: JPEG }));
      expect(noFields.status).toBe(400);
      expect(
        ((await noFields.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field),
      ).toEqual(['componentCode', 'kind', 'origin']);
      const noFile = await post(
        `/dossiers/${dossierA}/documents`,
        form([
          { name: 'componentCode', value: 'GCS01' },
          { name: 'kind', value: 'SUPPORTING' },
          { name: 'origin', value: 'ELECTRONIC' },
        ]),
      );
      expect(noFile.status).toBe(400);
      const noSchema = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm(
          { componentCode: 'UQ01', kind: 'SUPPORTING', origin: 'ELECTRONIC', data: { a: 1 } },
          { bytes: JPEG },
        ),
      );
      expect(noSchema.status).toBe(400);
      const badData = await post(
        `/dossiers/${dossierA}/documents`,
        form([
          { name: 'componentCode', value: 'TK01' },
          { name: 'kind', value: 'APPLICATION' },
          { name: 'origin', value: 'ELECTRONIC' },
          { name: 'data', value: '{not json' },
          { name: 'file', value: { bytes: JPEG } },
        ]),
      );
      expect(badData.status).toBe(400);
      await expectNothingStored(before);
    });

    it('answers 404 for an unknown dossier or one outside the caller agency, 403 for a portal storing a result', async () => {
      const before = await snapshot();
      const file = () =>
        documentForm({ componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' }, { bytes: JPEG });
      expect((await post(`/dossiers/${AGENCY}-261127-nosuch/documents`, file())).status).toBe(404);
      expect((await post(`/dossiers/${dossierA}/documents`, file(), otherClerk)).status).toBe(404);
      const result = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm({ componentCode: 'KQ01', kind: 'RESULT', origin: 'ELECTRONIC' }, { bytes: JPEG }),
        portal,
      );
      expect(result.status).toBe(403);
      expect(
        (await fetch(`${service.url}/dossiers/${dossierA}/documents`, { method: 'POST', body: file() }))
          .status,
      ).toBe(401);
      await expectNothingStored(before);
    });
  });

  describe('download', () => {
    let id: string;
    let pdf: Buffer;

    beforeAll(async () => {
      pdf = await pdfWithPages(2);
      const response = await post(
        `/dossiers/${dossierA}/documents`,
        documentForm(
          { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' },
          { bytes: pdf, fileName: 'giấy chứng sinh.pdf' },
        ),
      );
      id = ((await response.json()) as DocumentBody).id;
    });

    it('streams the document with its type, ETag and length', async () => {
      const response = await get(`/documents/${id}/content`, officer);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('etag')).toBe(`"${sha256(pdf)}"`);
      expect(response.headers.get('accept-ranges')).toBe('bytes');
      expect(response.headers.get('content-length')).toBe(String(pdf.length));
      expect(response.headers.get('content-disposition')).toBe(
        `inline; filename*=UTF-8''${encodeURIComponent('giấy chứng sinh.pdf')}`,
      );
      expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
      expect(
        (await get(`/documents/${id}/content`, officer, { 'if-none-match': `"${sha256(pdf)}"` })).status,
      ).toBe(304);
    });

    it('serves one byte range as 206 and refuses a range past the end with 416', async () => {
      const middle = await get(`/documents/${id}/content`, clerk, { range: 'bytes=10-19' });
      expect(middle.status).toBe(206);
      expect(middle.headers.get('content-range')).toBe(`bytes 10-19/${pdf.length}`);
      expect(Buffer.from(await middle.arrayBuffer()).equals(pdf.subarray(10, 20))).toBe(true);
      const tail = await get(`/documents/${id}/content`, clerk, { range: 'bytes=-7' });
      expect(tail.status).toBe(206);
      expect(Buffer.from(await tail.arrayBuffer()).equals(pdf.subarray(pdf.length - 7))).toBe(true);
      const beyond = await get(`/documents/${id}/content`, clerk, { range: `bytes=${pdf.length}-` });
      expect(beyond.status).toBe(416);
      expect(beyond.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
    });

    it('is scoped to the agency subtree: the province auditor reads it, another department does not', async () => {
      expect((await get(`/documents/${id}/content`, auditor)).status).toBe(200);
      expect((await get(`/documents/${id}/content`, otherClerk)).status).toBe(404);
      expect((await get(`/documents/${id}`, otherClerk)).status).toBe(404);
      expect((await get(`/dossiers/${dossierA}/documents`, otherClerk)).status).toBe(404);
    });
  });

  describe('versions', () => {
    it('stores a correction as a new version and keeps the corrected one', async () => {
      const first = (await (
        await post(
          `/dossiers/${dossierA}/documents`,
          documentForm(
            { componentCode: 'TK01', kind: 'APPLICATION', origin: 'SCANNED_PAPER', data: birthForm },
            { bytes: JPEG },
          ),
        )
      ).json()) as DocumentBody;
      const corrected = { ...birthForm, child: { ...birthForm.child, fullName: 'Nguyễn Minh Khôi' } };
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from('corrected'),
      ]);
      const response = await post(
        `/documents/${first.id}/versions`,
        documentForm({ data: corrected }, { bytes: png }),
      );
      expect(response.status).toBe(201);
      const second = (await response.json()) as DocumentBody;
      expect(second).toMatchObject({
        version: 2,
        previousVersionId: first.id,
        componentCode: 'TK01',
        mimeType: 'image/png',
        digitizationLevel: 'STRUCTURED',
        data: corrected,
      });

      const old = (await (await get(`/documents/${first.id}`)).json()) as DocumentBody;
      expect(old).toMatchObject({ version: 1, supersededBy: second.id, sha256: first.sha256 });
      expect((await get(`/documents/${first.id}/content`)).status).toBe(200);

      const again = await post(`/documents/${first.id}/versions`, documentForm({}, { bytes: png }));
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ latestVersionId: second.id });

      const records = (await (await get(`/records?idNumber=${AN}&purpose=${dossierA}`)).json()) as Array<{
        documentId: string;
      }>;
      expect(records.map((r) => r.documentId)).toContain(second.id);
      expect(records.map((r) => r.documentId)).not.toContain(first.id);

      const listed = (await (await get(`/dossiers/${dossierA}/documents`)).json()) as DocumentBody[];
      expect(listed.filter((d) => [first.id, second.id].includes(d.id))).toHaveLength(2);

      // Consumers keep the current document of a component from the events alone.
      const firstEvent = await eventFor(EventTypes.DocumentDigitizedV1, first.id);
      expect(firstEvent.data).toMatchObject({ version: 1, componentCode: 'TK01' });
      expect(firstEvent.data).not.toHaveProperty('previousDocumentId');
      const secondEvent = await eventFor(EventTypes.DocumentDigitizedV1, second.id);
      expect(validateCloudEvent(secondEvent).valid).toBe(true);
      expect(secondEvent.data).toMatchObject({
        version: 2,
        previousDocumentId: first.id,
        componentCode: 'TK01',
        sha256: sha256(png),
      });
      const third = (await (
        await post(`/documents/${second.id}/versions`, documentForm({}, { bytes: JPEG }))
      ).json()) as DocumentBody;
      expect((await eventFor(EventTypes.DocumentDigitizedV1, third.id)).data).toMatchObject({
        version: 3,
        previousDocumentId: second.id,
      });
    });
  });

  describe('the e-record store', () => {
    it('reuses a result in a new dossier of the same person without a new upload, and publishes reused', async () => {
      const result = (await (
        await post(
          `/dossiers/${dossierA}/documents`,
          documentForm(
            { componentCode: 'KQ01', kind: 'RESULT', origin: 'ELECTRONIC' },
            { bytes: XML, type: 'application/xml' },
          ),
          officer,
        )
      ).json()) as DocumentBody;
      expect(result.recordId).toEqual(expect.any(String));
      const records = (await (
        await get(`/records?idNumber=${AN}&purpose=${dossierA}`, clerk)
      ).json()) as Array<{
        id: string;
        kind: string;
      }>;
      expect(records).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: result.recordId, kind: 'RESULT' })]),
      );

      const dossierB = await newDossier(AN);
      const keysBefore = await objectKeys();
      const response = await postJson(`/dossiers/${dossierB}/documents/reuse`, {
        recordId: result.recordId,
        componentCode: 'GKS01',
      });
      expect(response.status).toBe(201);
      const reused = (await response.json()) as DocumentBody;
      expect(reused).toMatchObject({
        dossierCode: dossierB,
        reusedFromRecordId: result.recordId,
        sha256: result.sha256,
        mimeType: 'application/xml',
      });
      expect(await objectKeys()).toEqual(keysBefore);
      const content = await get(`/documents/${reused.id}/content`);
      expect(Buffer.from(await content.arrayBuffer()).equals(XML)).toBe(true);

      const event = await eventFor(EventTypes.DocumentReusedV1, reused.id);
      expect(validateCloudEvent(event).valid).toBe(true);
      // The reuse names the stored document whose bytes it shares, with that object's hash and place.
      const source = await eventFor(EventTypes.DocumentDigitizedV1, result.id);
      expect(event.data).toEqual({
        documentId: reused.id,
        recordId: result.recordId,
        dossierCode: dossierB,
        componentCode: 'GKS01',
        digitizationLevel: 'SCAN_ONLY',
        reusedAt: expect.any(String),
        sourceDocumentId: result.id,
        kind: 'SUPPORTING',
        mimeType: 'application/xml',
        sha256: sha256(XML),
        object: (source.data as { object: unknown }).object,
      });

      const replay = await postJson(`/dossiers/${dossierB}/documents/reuse`, {
        recordId: result.recordId,
        componentCode: 'GKS01',
      });
      expect(replay.status).toBe(200);
      expect(((await replay.json()) as DocumentBody).id).toBe(reused.id);

      const someoneElse = await newDossier(BINH);
      const refused = await postJson(`/dossiers/${someoneElse}/documents/reuse`, {
        recordId: result.recordId,
        componentCode: 'GKS01',
      });
      expect(refused.status).toBe(409);
      const unknown = await postJson(`/dossiers/${dossierB}/documents/reuse`, {
        recordId: '00000000-0000-4000-8000-000000000000',
        componentCode: 'GKS01',
      });
      expect(unknown.status).toBe(404);
    });

    it('validates the ID number of a records query', async () => {
      const response = await get(`/records?idNumber=12345&purpose=${dossierA}`);
      expect(response.status).toBe(400);
      expect((await get(`/records?idNumber=${AN}&purpose=${dossierA}`)).status).toBe(200);
    });
  });

  describe('the access log of the e-record store', () => {
    const accessRows = async (idNumber: string) =>
      (
        await db.query(
          `SELECT actor, actor_roles, actor_agency, purpose, dossier_agency, id_number, result_count, outcome
             FROM record_access_log WHERE id_number = $1 ORDER BY id`,
          [idNumber],
        )
      ).rows;
    const CHI = '001092000003';
    const EM = '001094000005';

    it('refuses a lookup without a well-formed purpose (400) and logs nothing', async () => {
      const before = await count('record_access_log');
      for (const query of [`idNumber=${AN}`, `idNumber=${AN}&purpose=`, `idNumber=${AN}&purpose=a%20b`]) {
        const response = await get(`/records?${query}`);
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(await response.json())).toMatch(/purpose/);
      }
      expect(await count('record_access_log')).toBe(before);
    });

    it('binds a lookup to a purpose dossier of the caller subtree whose parties include the person (403, logged as refused, otherwise)', async () => {
      const dossierE = await newDossier(EM);
      const otherAgencyE = await newDossier(EM, OTHER_AGENCY);
      const unknownDossier = `${AGENCY}-261127-unknown1`;
      const refused: [string, string][] = [
        [otherAgencyE, clerk], // a dossier of a sibling agency
        [otherAgencyE, officer],
        [unknownDossier, clerk],
        [unknownDossier, admin],
        [dossierE, otherClerk],
        [dossierA, clerk], // a dossier of the own agency whose parties do not include EM
      ];
      for (const [purpose, token] of refused) {
        const response = await get(`/records?idNumber=${EM}&purpose=${purpose}`, token);
        expect(response.status).toBe(403);
        expect(((await response.json()) as { type: string }).type).toBe(
          'urn:motcua:problem:purpose-not-bound',
        );
      }
      const refusedRows = await accessRows(EM);
      expect(refusedRows).toHaveLength(refused.length);
      expect(refusedRows.every((row) => row.outcome === 'REFUSED' && row.result_count === 0)).toBe(true);

      const dossierC = await newDossier(CHI);
      const otherAgencyDossier = await newDossier(CHI, OTHER_AGENCY);

      expect((await get(`/records?idNumber=${CHI}&purpose=${dossierC}`, clerk)).status).toBe(200);
      expect((await get(`/records?idNumber=${CHI}&purpose=${otherAgencyDossier}`, otherClerk)).status).toBe(
        200,
      );
      expect((await get(`/records?idNumber=${CHI}&purpose=${otherAgencyDossier}`, admin)).status).toBe(200);
      expect(await accessRows(CHI)).toEqual([
        {
          actor: 'clerk-1',
          actor_roles: ['clerk'],
          actor_agency: AGENCY,
          purpose: dossierC,
          dossier_agency: AGENCY,
          id_number: CHI,
          result_count: 0,
          outcome: 'GRANTED',
        },
        expect.objectContaining({
          actor: 'clerk-other',
          purpose: otherAgencyDossier,
          dossier_agency: OTHER_AGENCY,
          outcome: 'GRANTED',
        }),
        expect.objectContaining({ actor: 'admin-1', actor_roles: ['admin'], actor_agency: '*' }),
      ]);
    });

    it('counts a person named in the validated form data of the purpose dossier as a party', async () => {
      const DUNG = '001093000004';
      const dossierD = await newDossier(CHI);
      expect((await get(`/records?idNumber=${AN}&purpose=${dossierD}`, clerk)).status).toBe(403);
      // The birth declaration names AN as the declarant (the child's father).
      const form = await post(
        `/dossiers/${dossierD}/documents`,
        documentForm(
          { componentCode: 'TK01', kind: 'APPLICATION', origin: 'SCANNED_PAPER', data: birthForm },
          { bytes: JPEG, type: 'image/jpeg' },
        ),
      );
      expect(form.status).toBe(201);
      expect((await get(`/records?idNumber=${AN}&purpose=${dossierD}`, clerk)).status).toBe(200);
      expect((await get(`/records?idNumber=${DUNG}&purpose=${dossierD}`, clerk)).status).toBe(403);
    });

    it('lets a citizen portal token read only its own records, and shows the citizen who looked at them', async () => {
      const someoneElse = await tokenFor(isolation.infra, 'citizen_portal', AGENCY, 'portal-2', EM);
      expect((await get(`/records?idNumber=${AN}&purpose=${dossierA}`, someoneElse)).status).toBe(403);
      // EM's own lookup, but naming AN's dossier as its purpose: refused too.
      expect((await get(`/records?idNumber=${EM}&purpose=${dossierA}`, someoneElse)).status).toBe(403);
      expect((await get(`/records?idNumber=${AN}&purpose=${dossierA}`, portal)).status).toBe(200);

      const mine = await get('/me/access-log', portal);
      expect(mine.status).toBe(200);
      const page = (await mine.json()) as { total: number; items: Record<string, unknown>[] };
      expect(page.total).toBe((await accessRows(AN)).length);
      expect(page.items[0]).toEqual({
        at: expect.any(String),
        actor: 'portal',
        actorAgency: AGENCY,
        dossierCode: dossierA,
        fields: ['records'],
        resultCount: expect.any(Number),
        outcome: 'GRANTED',
      });
      expect(page.items).toContainEqual(
        expect.objectContaining({ actor: 'portal-2', dossierCode: dossierA, outcome: 'REFUSED', fields: [] }),
      );
      expect((await get('/me/access-log', clerk)).status).toBe(403);
    });

    it('writes a row with the number of records returned, for the portal too, and the service role cannot change it', async () => {
      const returned = (await (
        await get(`/records?idNumber=${AN}&purpose=${dossierA}`, officer)
      ).json()) as unknown[];
      expect(returned.length).toBeGreaterThan(0);
      const rows = await accessRows(AN);
      expect(rows.at(-1)).toMatchObject({
        actor: 'officer-1',
        actor_roles: ['officer'],
        purpose: dossierA,
        result_count: returned.length,
      });
      // A portal application is looked up for before intake received it: its purpose need not be known yet.
      const draft = `${AGENCY}-261127-portal01`;
      expect((await get(`/records?idNumber=${AN}&purpose=${draft}`, portal)).status).toBe(200);
      expect((await accessRows(AN)).at(-1)).toMatchObject({
        actor: 'portal',
        actor_roles: ['citizen_portal'],
        purpose: draft,
        dossier_agency: null,
        result_count: returned.length,
      });

      const app = new Client({ connectionString: isolation.appDatabaseUrl });
      await app.connect();
      try {
        await app.query(`SET search_path = ${isolation.schema}`);
        await expect(app.query(`UPDATE record_access_log SET actor = 'x'`)).rejects.toThrow(
          /permission denied/,
        );
        await expect(app.query('DELETE FROM record_access_log')).rejects.toThrow(/permission denied/);
        await expect(app.query('TRUNCATE record_access_log')).rejects.toThrow(/permission denied/);
      } finally {
        await app.end();
      }
    });

    it('lists the access log to auditors and admins, scoped to their agency subtree', async () => {
      const otherAuditor = await tokenFor(isolation.infra, 'auditor', OTHER_AGENCY, 'auditor-other');
      expect((await get(`/records/access-log?idNumber=${CHI}`, clerk)).status).toBe(403);
      expect((await get('/records/access-log', auditor)).status).toBe(400);
      type Page = { total: number; items: Array<{ actor: string; purpose: string; idNumber: string }> };
      const national = (await (await get(`/records/access-log?idNumber=${CHI}`, admin)).json()) as Page;
      expect(national.items.map((i) => i.actor).sort()).toEqual(['admin-1', 'clerk-1', 'clerk-other']);
      expect(national.items.every((i) => i.idNumber === CHI)).toBe(true);
      const own = (await (await get(`/records/access-log?idNumber=${CHI}`, auditor)).json()) as Page;
      // Auditor of the province (000.00.00.H49) sees both agencies; the other agency's auditor only its own.
      expect(own.total).toBe(3);
      const other = (await (await get(`/records/access-log?idNumber=${CHI}`, otherAuditor)).json()) as Page;
      expect(other.items.map((i) => i.actor).sort()).toEqual(['admin-1', 'clerk-other']);
      const byPurpose = (await (
        await get(`/records/access-log?purpose=${dossierA}&idNumber=${AN}`, auditor)
      ).json()) as Page;
      expect(byPurpose.items.length).toBeGreaterThan(0);
      expect(byPurpose.items.every((i) => i.purpose === dossierA)).toBe(true);
    });
  });

  describe("the dossier's status, learned from intake's status-changed events", () => {
    const slug = (status: string) => status.toLowerCase().replace(/_/g, '-');
    const expectRefused = async (response: Response, status: string) => {
      expect(response.status).toBe(409);
      const problem = (await response.json()) as { type: string; dossierStatus: string };
      expect(problem.type).toMatch(new RegExp(`:dossier-${slug(status)}$`));
      expect(problem.dossierStatus).toBe(status);
    };
    const supporting = (fileFirst = false) =>
      documentForm(
        { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' },
        { bytes: JPEG },
        fileFirst,
      );
    const result = () =>
      documentForm({ componentCode: 'KQ01', kind: 'RESULT', origin: 'ELECTRONIC' }, { bytes: XML });
    /** A new dossier of An with a structured application form (so also a record of An to reuse). */
    const dossierWithForm = async () => {
      const code = await newDossier(AN);
      const response = await post(
        `/dossiers/${code}/documents`,
        documentForm(
          { componentCode: 'TK01', kind: 'APPLICATION', origin: 'ELECTRONIC', data: birthForm },
          { bytes: JPEG },
        ),
      );
      expect(response.status).toBe(201);
      return { code, form: (await response.json()) as DocumentBody };
    };

    it.each(['REJECTED', 'WITHDRAWN', 'STOPPED', 'RESOLVED', 'RETURNED'])(
      "refuses the applicant's uploads, corrections and reuses once the dossier is %s, storing nothing",
      async (status) => {
        const { code, form: application } = await dossierWithForm();
        const { form: elsewhere } = await dossierWithForm();
        await moveTo(code, status);
        const before = await snapshot();

        await expectRefused(await post(`/dossiers/${code}/documents`, supporting()), status);
        // Fields after the file: refused once they arrive, and the streamed object is removed.
        await expectRefused(await post(`/dossiers/${code}/documents`, supporting(true)), status);
        await expectRefused(
          await post(`/documents/${application.id}/versions`, documentForm({}, { bytes: JPEG })),
          status,
        );
        await expectRefused(
          await postJson(`/dossiers/${code}/documents/reuse`, {
            recordId: elsewhere.recordId,
            componentCode: 'TK02',
          }),
          status,
        );
        await expectNothingStored(before);

        // The agency's result: still issued once RESOLVED, never after the others.
        const issued = await post(`/dossiers/${code}/documents`, result(), officer);
        if (status === 'RESOLVED') expect(issued.status).toBe(201);
        else {
          await expectRefused(issued, status);
          await expectNothingStored(before);
        }
      },
    );

    it('stores a result only while processing or resolved, and sees each change at once though the dossier is held in memory', async () => {
      const { code } = await dossierWithForm();
      await expectRefused(await post(`/dossiers/${code}/documents`, result(), officer), 'RECEIVED');

      await moveTo(code, 'PROCESSING');
      const issued = await post(`/dossiers/${code}/documents`, result(), officer);
      expect(issued.status).toBe(201);
      const first = (await issued.json()) as DocumentBody;

      // Waiting for the applicant's supplement: the supplement is taken, a result is not.
      await moveTo(code, 'SUPPLEMENT_REQUESTED');
      await expectRefused(
        await post(`/dossiers/${code}/documents`, result(), officer),
        'SUPPLEMENT_REQUESTED',
      );
      expect((await post(`/dossiers/${code}/documents`, supporting())).status).toBe(201);

      await moveTo(code, 'PROCESSING');
      await moveTo(code, 'RESOLVED');
      const corrected = await post(
        `/documents/${first.id}/versions`,
        documentForm({}, { bytes: XML, type: 'application/xml' }),
        officer,
      );
      expect(corrected.status).toBe(201);
      const second = (await corrected.json()) as DocumentBody;
      expect(second).toMatchObject({ version: 2, previousVersionId: first.id });
      await expectRefused(await post(`/dossiers/${code}/documents`, supporting()), 'RESOLVED');

      // Handed over: the result is what the applicant holds.
      await moveTo(code, 'RETURNED');
      await expectRefused(
        await post(`/documents/${second.id}/versions`, documentForm({}, { bytes: XML }), officer),
        'RETURNED',
      );
    });

    it('keeps the newest status against a late older event, and sets aside a status value it does not know without stopping', async () => {
      const code = await newDossier(AN);
      await moveTo(code, 'RESOLVED');
      const late = await feed.statusChanged(code, AGENCY, 'PROCESSING', {
        at: new Date(Date.now() - 60_000),
      });
      await inboxHas(late);
      expect(await statusOf(code)).toBe('RESOLVED');
      await expectRefused(await post(`/dossiers/${code}/documents`, supporting()), 'RESOLVED');

      const dltReader = await recordEvents(isolation, 'test-dlt-reader', [deadLetterTopicOf(Topics.Dossier)]);
      const deadLettered = dltReader.events;
      try {
        const unknown = await feed.statusChanged(code, AGENCY, 'ARCHIVED');
        // The dossier's next event is applied: the consumer went on past the one it could not read.
        await moveTo(code, 'RETURNED');
        await waitFor(async () => deadLettered.find((e) => e.id === unknown), {
          what: 'the unknown status on the dead-letter topic',
        });
        expect((await db.query('SELECT 1 FROM inbox WHERE event_id = $1', [unknown])).rowCount).toBe(0);
        expect(await statusOf(code)).toBe('RETURNED');
      } finally {
        await dltReader.stop();
      }
    });
  });

  describe('integrity, retention and the hash chain', () => {
    it('detects an object altered behind the service, and records each check', async () => {
      const pdf = await pdfWithPages(1);
      const doc = (await (
        await post(
          `/dossiers/${dossierA}/documents`,
          documentForm({ componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' }, { bytes: pdf }),
        )
      ).json()) as DocumentBody;
      const intact = await post(`/documents/${doc.id}/integrity-check`, new FormData(), auditor);
      expect(intact.status).toBe(200);
      expect(await intact.json()).toMatchObject({
        outcome: 'INTACT',
        intact: true,
        actualSha256: sha256(pdf),
      });

      const [{ object_key: key }] = (
        await db.query('SELECT object_key FROM document WHERE id = $1', [doc.id])
      ).rows;
      const forged = Buffer.from(pdf);
      forged[forged.length - 20] ^= 0xff;
      await s3.putObject(isolation.bucket, key, forged, forged.length);

      const altered = (await (
        await post(`/documents/${doc.id}/integrity-check`, new FormData(), auditor)
      ).json()) as Record<string, unknown>;
      expect(altered).toMatchObject({
        outcome: 'ALTERED',
        intact: false,
        expectedSha256: sha256(pdf),
        actualSha256: sha256(forged),
      });
      const checks = (
        await db.query('SELECT outcome FROM integrity_check WHERE document_id = $1 ORDER BY checked_at', [
          doc.id,
        ])
      ).rows;
      expect(checks.map((c) => c.outcome)).toEqual(['INTACT', 'ALTERED']);
      expect(
        ((await (await get(`/documents/${doc.id}`)).json()) as { lastIntegrityCheck: unknown })
          .lastIntegrityCheck,
      ).toMatchObject({
        outcome: 'ALTERED',
      });
    });

    it('deletes only through retention, with who and why, and keeps an object a reuse still needs', async () => {
      const doc = (await (
        await post(
          `/dossiers/${dossierA}/documents`,
          documentForm({ componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' }, { bytes: JPEG }),
        )
      ).json()) as DocumentBody;
      const [{ object_key: key }] = (
        await db.query('SELECT object_key FROM document WHERE id = $1', [doc.id])
      ).rows;
      expect(
        (await postJson(`/documents/${doc.id}/retention-deletion`, { reason: 'Hết thời hạn lưu trữ' }, clerk))
          .status,
      ).toBe(403);
      expect((await postJson(`/documents/${doc.id}/retention-deletion`, {}, admin)).status).toBe(400);

      const response = await postJson(
        `/documents/${doc.id}/retention-deletion`,
        { reason: 'Hết thời hạn lưu trữ 5 năm' },
        admin,
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        deletedBy: 'admin-1',
        reason: 'Hết thời hạn lưu trữ 5 năm',
        objectDeleted: true,
      });
      expect(await objectKeys()).not.toContain(key);
      expect((await get(`/documents/${doc.id}/content`)).status).toBe(410);
      expect(((await (await get(`/documents/${doc.id}`)).json()) as DocumentBody).deleted).toMatchObject({
        by: 'admin-1',
      });
      expect(
        (await postJson(`/documents/${doc.id}/retention-deletion`, { reason: 'again, twice' }, admin)).status,
      ).toBe(410);

      // The service's own database role cannot overwrite or remove a stored record.
      const app = new Client({ connectionString: isolation.appDatabaseUrl });
      await app.connect();
      try {
        await app.query(`SET search_path = ${isolation.schema}`);
        await expect(app.query('UPDATE document SET size = 1 WHERE id = $1', [doc.id])).rejects.toThrow(
          /permission denied/,
        );
        await expect(app.query('DELETE FROM ledger_entry')).rejects.toThrow(/permission denied/);
      } finally {
        await app.end();
      }
    });

    it('keeps the shared object when the source of a reuse is deleted', async () => {
      const source = (await (
        await post(
          `/dossiers/${dossierA}/documents`,
          documentForm({ componentCode: 'KQ02', kind: 'RESULT', origin: 'ELECTRONIC' }, { bytes: XML }),
          officer,
        )
      ).json()) as DocumentBody;
      const dossierC = await newDossier(AN);
      const reused = (await (
        await postJson(`/dossiers/${dossierC}/documents/reuse`, {
          recordId: source.recordId,
          componentCode: 'X01',
        })
      ).json()) as DocumentBody;
      const deletion = await postJson(
        `/documents/${source.id}/retention-deletion`,
        { reason: 'Hết thời hạn lưu trữ' },
        admin,
      );
      expect(await deletion.json()).toMatchObject({ objectDeleted: false });
      expect((await get(`/documents/${reused.id}/content`)).status).toBe(200);
    });

    it('lets an auditor verify the whole chain, and names the first record altered behind the service', async () => {
      const verified = await get('/ledger/verify', nationalAuditor);
      expect(verified.status).toBe(200);
      const result = (await verified.json()) as { valid: boolean; entries: number; head: { seq: number } };
      expect(result.valid).toBe(true);
      expect(result.entries).toBe(await count('ledger_entry'));
      expect(result.entries).toBe((await count('document')) + (await count('document_tombstone')));
      expect((await get('/ledger/verify', clerk)).status).toBe(403);
      // The whole chain spans every agency: a provincial auditor may not run it.
      expect((await get('/ledger/verify', auditor)).status).toBe(403);

      // A document row written behind the service (a copy under a new id, no chain entry) is reported.
      const [{ id: intruder }] = (
        await db.query(
          `INSERT INTO document
           SELECT (jsonb_populate_record(d, jsonb_build_object('id', gen_random_uuid(), 'previous_version_id', null))).*
             FROM document d LIMIT 1
           RETURNING id`,
        )
      ).rows;
      const unrecorded = (await (await get('/ledger/verify', nationalAuditor)).json()) as {
        valid: boolean;
        unrecorded: string[];
      };
      expect(unrecorded).toMatchObject({ valid: false, unrecorded: [intruder] });
      await db.query('DELETE FROM document WHERE id = $1', [intruder]);

      // The schema owner (not the service) rewrites a stored document's hash: the chain no longer vouches for it.
      const [victim] = (
        await db.query('SELECT l.seq, l.document_id FROM ledger_entry l ORDER BY seq LIMIT 1 OFFSET 2')
      ).rows;
      await db.query(`UPDATE document SET sha256 = repeat('0', 64) WHERE id = $1`, [victim.document_id]);
      const broken = (await (await get('/ledger/verify', nationalAuditor)).json()) as {
        valid: boolean;
        firstBroken: Record<string, unknown>;
      };
      expect(broken.valid).toBe(false);
      expect(broken.firstBroken).toMatchObject({ seq: Number(victim.seq), documentId: victim.document_id });

      // ... and rewriting the chain entry too breaks the link to the next one.
      await db.query(
        `UPDATE ledger_entry SET payload = jsonb_set(payload, '{sha256}', to_jsonb(repeat('0', 64))) WHERE seq = $1`,
        [victim.seq],
      );
      const relinked = (await (await get('/ledger/verify', nationalAuditor)).json()) as {
        valid: boolean;
        firstBroken: Record<string, unknown>;
      };
      expect(relinked.firstBroken).toMatchObject({
        seq: Number(victim.seq),
        reason: 'hash does not match the entry contents',
      });
    });
  });
});
