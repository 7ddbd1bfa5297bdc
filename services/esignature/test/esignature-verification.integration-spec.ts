import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import { deflateSync } from 'node:zlib';
import { Client } from 'pg';
import { appendIncrementalUpdate, PdfDict, PdfDocument, PdfRef, serializePdfValue } from '@motcua/pdf';
import type { Response as SupertestResponse } from 'supertest';
import {
  CloudEvent,
  createCloudEvent,
  DocumentReusedV1,
  EventTypes,
  SignatureVerifiedV1,
} from '@motcua/contracts';
import {
  createTestIsolation,
  eventProducer,
  type EventRecorder,
  recordEvents,
  minioClientFor,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
  waitFor,
} from '@motcua/testing';
import { EsignatureConfig } from '../src/config/esignature.config';
import { DataSource } from 'typeorm';
import { DocumentVerificationService } from '../src/documents/document-verification.service';
import { KnownDocumentEntity } from '../src/documents/known-document.entity';
import { esignatureService } from '../src/esignature.service-definition';
import { buildCms } from '@motcua/test-pki';
import { createPdf, signPdf } from '@motcua/test-pki';
import { createCrl, createRoot, createTestPki, issue, type TestPki } from './support/test-pki';

/** Response bodies are read loosely, as with supertest. */
type JsonBody = SupertestResponse['body'];

const AGENCY = '000.00.12.H49';
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const pemOf = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;

describe('esignature: verification API, trust store and document.digitized on real Postgres, Kafka and S3', () => {
  let isolation: TestIsolation;
  let service: ServiceUnderTest<EsignatureConfig>;
  let pki: TestPki;
  let trustDir: string;
  let clerk: string;
  let admin: string;
  let otherClerk: string;
  let auditor: string;
  let db: Client;
  let producer: Producer;
  let reader: EventRecorder;
  let signedPdf: Uint8Array;
  const signatureEvents = (): CloudEvent<SignatureVerifiedV1>[] =>
    reader.events as CloudEvent<SignatureVerifiedV1>[];

  const upload = async (parts: Record<string, Uint8Array>, token = clerk) => {
    const form = new FormData();
    for (const [name, bytes] of Object.entries(parts))
      form.append(name, new Blob([Buffer.from(bytes)]), `${name}.bin`);
    const response = await fetch(`${service.url}/verifications`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as JsonBody };
  };
  const call = async (
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    contentType = 'application/json',
  ) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['content-type'] = contentType;
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers,
      body:
        body === undefined
          ? undefined
          : typeof body === 'string' || body instanceof Uint8Array
            ? (body as RequestInit['body'])
            : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as JsonBody };
  };
  const digitized = (
    documentId: string,
    dossierCode: string,
    object: { bucket: string; key: string } | undefined,
    sha256: string,
    mimeType = 'application/pdf',
    id = randomUUID(),
  ) =>
    createCloudEvent({
      id,
      type: EventTypes.DocumentDigitizedV1,
      source: '/motcua/digitization',
      subject: dossierCode,
      data: {
        documentId,
        dossierCode,
        componentCode: 'TP01',
        kind: 'RESULT',
        origin: 'ELECTRONIC',
        digitizationLevel: 'SCAN_ONLY',
        mimeType,
        sha256,
        size: 1,
        storedAt: new Date().toISOString(),
        ...(object ? { object } : {}),
      },
    });
  const publish = (...events: CloudEvent[]) =>
    producer.send({
      topic: `${isolation.topicPrefix}motcua.document.v1`,
      acks: -1,
      messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });
  const sha256 = async (bytes: Uint8Array) =>
    (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
  const store = async (key: string, bytes: Uint8Array) => {
    await minioClientFor(isolation.infra).putObject(isolation.bucket, key, Buffer.from(bytes));
    return { bucket: isolation.bucket, key };
  };
  const eventsFor = (documentId: string) =>
    signatureEvents().filter((event) => event.data.documentId === documentId);

  beforeAll(async () => {
    pki = await createTestPki();
    signedPdf = signPdf(await createPdf(1), { signer: pki.rsa, chain: [pki.ca] });
    trustDir = mkdtempSync(join(tmpdir(), 'esignature-trust-'));
    writeFileSync(join(trustDir, 'root.pem'), pemOf('CERTIFICATE', pki.root.certificate.der));
    writeFileSync(join(trustDir, 'issuing-ca.crl'), pemOf('X509 CRL', pki.caCrl.der));
    writeFileSync(join(trustDir, 'root.crl'), pki.rootCrl.der);
    writeFileSync(join(trustDir, 'notes.txt'), 'ignored');
    isolation = await createTestIsolation('esignature');
    service = await startServiceForTest(esignatureService, isolation, {
      TRUST_DIR: trustDir,
      MAX_FILE_BYTES: String(MAX_FILE_BYTES),
      VERIFY_WORKERS: '1',
      SIGNATURE_JOB_POLL_INTERVAL_MS: '100',
      SIGNATURE_JOB_RETRY_BASE_MS: '100',
      SIGNATURE_JOB_MAX_ATTEMPTS: '2',
    });
    clerk = await tokenFor(isolation.infra, 'clerk', AGENCY);
    // Trust is national: only a national administrator (agency *) changes it.
    admin = await tokenFor(isolation.infra, 'admin', '*');
    otherClerk = await tokenFor(isolation.infra, 'clerk', '000.00.13.H50');
    auditor = await tokenFor(isolation.infra, 'auditor', '*');
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    producer = await eventProducer(isolation, 'esignature-test');
    reader = await recordEvents(isolation, 'test-reader', ['motcua.signature.v1']);
  });

  afterAll(async () => {
    await reader?.stop();
    await producer?.disconnect();
    await db?.end();
    await service?.close();
    await isolation?.cleanup();
    rmSync(trustDir, { recursive: true, force: true });
  });

  describe('trust store', () => {
    it('loads the anchors and CRLs of TRUST_DIR at start and lists them', async () => {
      const anchors = await call('GET', '/trust-anchors', clerk);
      expect(anchors.status).toBe(200);
      expect(anchors.body).toEqual([
        expect.objectContaining({
          subject: expect.stringContaining('Test Root CA'),
          source: 'DIRECTORY',
          fingerprint: pki.root.certificate.fingerprint,
        }),
      ]);
      const crls = await call('GET', '/crls', clerk);
      expect(crls.body).toHaveLength(2);
    });

    it('an anchor and a CRL added by an admin take effect at once, without a restart', async () => {
      const stranger = signPdf(await createPdf(1), { signer: pki.untrusted });
      expect((await upload({ file: stranger })).body).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      });
      const added = await call(
        'POST',
        '/trust-anchors',
        admin,
        pemOf('CERTIFICATE', pki.untrustedRoot.certificate.der),
        'application/x-pem-file',
      );
      expect(added.status).toBe(201);
      expect(added.body).toEqual([
        expect.objectContaining({ source: 'ADMIN', fingerprint: pki.untrustedRoot.certificate.fingerprint }),
      ]);
      expect((await upload({ file: stranger })).body).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'TRY_LATER',
      });
      const crl = await createCrl(pki.untrustedRoot, []);
      expect((await call('POST', '/crls', admin, { pem: pemOf('X509 CRL', crl.der) })).status).toBe(201);
      expect((await upload({ file: stranger })).body).toMatchObject({
        indication: 'TOTAL_PASSED',
        labelVi: 'Hợp lệ',
      });
      // Adding the same anchor again changes nothing.
      const again = await call(
        'POST',
        '/trust-anchors',
        admin,
        pki.untrustedRoot.certificate.der,
        'application/pkix-cert',
      );
      expect(again.body[0].addedAt).toBe(added.body[0].addedAt);
    });

    it('refuses an unreadable certificate (400) and non-admins (403)', async () => {
      const bad = await call('POST', '/trust-anchors', admin, 'not a certificate', 'application/x-pem-file');
      expect(bad.status).toBe(400);
      expect(bad.body.type).toBe('urn:motcua:problem:invalid-certificate');
      expect((await call('POST', '/crls', admin, { pem: 42 })).status).toBe(400);
      expect(
        (
          await call(
            'POST',
            '/trust-anchors',
            clerk,
            pemOf('CERTIFICATE', pki.ca.certificate.der),
            'application/x-pem-file',
          )
        ).status,
      ).toBe(403);
      expect((await call('GET', '/trust-anchors', undefined)).status).toBe(401);
    });
  });

  describe('POST /verifications', () => {
    it('verifies an uploaded signed PDF, stores the report and returns it again by id', async () => {
      const { status, body } = await upload({ file: signedPdf });
      expect(status).toBe(201);
      expect(body).toMatchObject({
        kind: 'PDF',
        indication: 'TOTAL_PASSED',
        labelVi: 'Hợp lệ',
        documentId: null,
        sha256: await sha256(signedPdf),
      });
      expect(body.signatures[0]).toMatchObject({
        signer: 'Nguyen Van An',
        issuer: 'Test Issuing CA',
        indication: 'TOTAL_PASSED',
      });
      expect(body.signatures[0].checks.map((check: { name: string }) => check.name)).toContain(
        'MODIFICATIONS',
      );
      const stored = await call('GET', `/verifications/${body.id}`, clerk);
      expect(stored.status).toBe(200);
      expect(stored.body).toEqual(body);
      // Reports are read within agency scope: another agency's clerk does not see it, a national auditor does.
      expect((await call('GET', `/verifications/${body.id}`, otherClerk)).status).toBe(404);
      expect((await call('GET', `/verifications/${body.id}`, auditor)).status).toBe(200);
    });

    it('verifies a file with its detached CMS signature', async () => {
      const file = Buffer.from('Biên bản nghiệm thu');
      const good = await upload({
        file,
        signature: buildCms([file], { signer: pki.ecdsa, chain: [pki.ca] }),
      });
      expect(good.body).toMatchObject({ kind: 'DETACHED_CMS', indication: 'TOTAL_PASSED' });
      const wrong = await upload({
        file: Buffer.from('Biên bản khác'),
        signature: buildCms([file], { signer: pki.ecdsa, chain: [pki.ca] }),
      });
      expect(wrong.body).toMatchObject({
        indication: 'TOTAL_FAILED',
        subIndication: 'HASH_FAILURE',
        labelVi: 'Không hợp lệ',
      });
    });

    it('reports a tampered PDF as TOTAL_FAILED', async () => {
      const tampered = Buffer.from(signedPdf);
      tampered[10] ^= 1;
      expect((await upload({ file: tampered })).body).toMatchObject({
        indication: 'TOTAL_FAILED',
        subIndication: 'HASH_FAILURE',
      });
    });

    it('answers hostile or wrong input with a clear status and stays up', async () => {
      const garbage = await upload({
        file: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('['.repeat(100_000))]),
      });
      expect(garbage.status).toBe(201);
      expect(garbage.body).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'FORMAT_FAILURE',
        labelVi: 'Chưa xác định',
      });
      expect(garbage.body.problem).toMatch(/^MALFORMED: no startxref/);
      const parsed = PdfDocument.parse(signedPdf);
      const rootNum = (parsed.trailer.get('Root') as PdfRef).num;
      const deepCatalog = serializePdfValue(parsed.catalog()).replace(
        />>$/,
        ` /X ${'['.repeat(5000)}${']'.repeat(5000)} >>`,
      );
      const nested = appendIncrementalUpdate(signedPdf, [{ num: rootNum, body: deepCatalog }]);
      const deep = await upload({ file: nested });
      expect(deep.body).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'FORMAT_FAILURE' });
      expect(deep.body.problem).toMatch(/^LIMIT_EXCEEDED: nesting too deep/);
      // A deflate bomb: a 256 MiB stream (256 KiB compressed) in the DSS of a signed file.
      const bomb = deflateSync(Buffer.alloc(256 << 20));
      const document = PdfDocument.parse(signedPdf);
      const catalog = new Map(document.catalog().entries);
      catalog.set('DSS', new PdfRef(900, 0));
      const bombed = appendIncrementalUpdate(signedPdf, [
        { num: 900, body: '<< /Certs [901 0 R] >>' },
        {
          num: 901,
          body: Buffer.concat([
            Buffer.from(`<< /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`),
            bomb,
            Buffer.from('\nendstream'),
          ]),
        },
        {
          num: (document.trailer.get('Root') as PdfRef).num,
          body: serializePdfValue(new PdfDict(catalog, 0, 0)),
        },
      ]);
      const exploded = await upload({ file: bombed });
      expect(exploded.status).toBe(201);
      expect(exploded.body).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'FORMAT_FAILURE' });
      expect(exploded.body.problem).toMatch(/LIMIT_EXCEEDED: inflated stream larger than/);
      const huge = await upload({
        file: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_FILE_BYTES + 10)]),
      });
      expect(huge.status).toBe(413);
      expect(huge.body.type).toBe('urn:motcua:problem:payload-too-large');
      expect((await upload({ file: Buffer.from('GIF89a') })).status).toBe(415);
      expect((await upload({ other: signedPdf })).status).toBe(400);
      expect((await call('POST', '/verifications', clerk, 'x', 'text/plain')).status).toBe(415);
      expect((await call('POST', '/verifications', clerk, { documentId: '' })).status).toBe(400);
      expect((await call('GET', '/verifications/not-an-id', clerk)).status).toBe(404);
      expect((await call('GET', `/verifications/${randomUUID()}`, clerk)).status).toBe(404);
      expect((await upload({ file: signedPdf })).body.indication).toBe('TOTAL_PASSED');
    });
  });

  describe('document.digitized', () => {
    it('verifies a digitized PDF from S3 and publishes signature.verified once, whatever the deliveries', async () => {
      const documentId = randomUUID();
      const dossier = `${AGENCY}-DOC-${documentId.slice(0, 8)}`;
      const object = await store(`documents/${documentId}.pdf`, signedPdf);
      const event = digitized(documentId, dossier, object, await sha256(signedPdf));
      // The same event twice (redelivery) and a second event for the same file.
      await publish(event, event, digitized(documentId, dossier, object, await sha256(signedPdf)));
      const published = await waitFor(async () => eventsFor(documentId)[0], {
        what: `signature.verified for ${documentId}`,
      });
      expect(published).toMatchObject({
        subject: dossier,
        data: { dossierCode: dossier, componentCode: 'TP01', indication: 'TOTAL_PASSED' },
      });
      expect(published.data).not.toHaveProperty('subIndication');
      const stored = await call('GET', `/verifications/${published.data.verificationId}`, clerk);
      expect(stored.body).toMatchObject({ documentId, indication: 'TOTAL_PASSED' });
      // The API for the same document returns the stored report, and publishes nothing more.
      const again = await call('POST', '/verifications', clerk, { documentId });
      expect(again.status).toBe(200);
      expect((await call('POST', '/verifications', otherClerk, { documentId })).status).toBe(404);
      expect((await call('GET', `/verifications/${published.data.verificationId}`, otherClerk)).status).toBe(
        404,
      );
      expect(again.body.id).toBe(published.data.verificationId);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(eventsFor(documentId)).toHaveLength(1);
      const { rows } = await db.query('SELECT count(*)::int AS n FROM verification WHERE document_id = $1', [
        documentId,
      ]);
      expect(rows[0].n).toBe(1);
    });

    it('reports an unsigned PDF as INDETERMINATE / SIGNED_DATA_NOT_FOUND', async () => {
      const unsigned = await createPdf(2);
      const documentId = randomUUID();
      await publish(
        digitized(
          documentId,
          `${AGENCY}-U`,
          await store(`documents/${documentId}.pdf`, unsigned),
          await sha256(unsigned),
        ),
      );
      const published = await waitFor(async () => eventsFor(documentId)[0], {
        what: 'signature.verified (unsigned)',
      });
      // An unsigned file is told apart from a failed signature by its signature count.
      expect(published.data).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'SIGNED_DATA_NOT_FOUND',
        signatureCount: 0,
        sha256: await sha256(unsigned),
      });
      const stored = await call('GET', `/verifications/${published.data.verificationId}`, clerk);
      expect(stored.body).toMatchObject({ signatureCount: 0, failure: 'NO_SIGNATURE', signatures: [] });
    });

    it('an object that cannot be read is retried, then reported INDETERMINATE / SIGNED_DATA_NOT_FOUND', async () => {
      const documentId = randomUUID();
      await publish(
        digitized(
          documentId,
          `${AGENCY}-M`,
          { bucket: isolation.bucket, key: `missing/${documentId}.pdf` },
          'a'.repeat(64),
        ),
      );
      const published = await waitFor(async () => eventsFor(documentId)[0], {
        what: 'signature.verified (missing object)',
      });
      expect(published.data).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'SIGNED_DATA_NOT_FOUND',
        sha256: 'a'.repeat(64),
      });
      // Nothing was read: how many signatures the file has is unknown, not 0.
      expect(published.data).not.toHaveProperty('signatureCount');
      const { rows } = await db.query('SELECT attempts, status FROM signature_job WHERE document_id = $1', [
        documentId,
      ]);
      expect(rows[0]).toEqual({ attempts: 2, status: 'DONE' });
    });

    it('skips (and remembers) events without an object location or of other file types', async () => {
      const noLocation = randomUUID();
      const image = randomUUID();
      await publish(
        digitized(noLocation, `${AGENCY}-N`, undefined, 'b'.repeat(64)),
        digitized(
          image,
          `${AGENCY}-I`,
          await store(`documents/${image}.png`, Buffer.from('png')),
          'c'.repeat(64),
          'image/png',
        ),
      );
      await waitFor(
        async () => {
          const { rows } = await db.query(
            'SELECT count(*)::int AS n FROM known_document WHERE document_id = ANY($1)',
            [[noLocation, image]],
          );
          return rows[0].n === 2 ? true : undefined;
        },
        { what: 'known documents' },
      );
      const { rows } = await db.query(
        'SELECT count(*)::int AS n FROM signature_job WHERE document_id = ANY($1)',
        [[noLocation, image]],
      );
      expect(rows[0].n).toBe(0);
      expect((await call('POST', '/verifications', clerk, { documentId: noLocation })).status).toBe(409);
      expect((await call('POST', '/verifications', clerk, { documentId: image })).status).toBe(415);
      expect((await call('POST', '/verifications', clerk, { documentId: randomUUID() })).status).toBe(404);
    });
  });

  describe('re-verification after a trust-store change', () => {
    it('re-queues INDETERMINATE documents when an anchor or CRL is added; each new report publishes again', async () => {
      const secondRoot = await createRoot('Second Root CA');
      const secondSigner = await issue(secondRoot, 'Tran Thi Binh');
      const pdf = signPdf(await createPdf(1, 'Đơn đề nghị'), { signer: secondSigner });
      const documentId = randomUUID();
      const dossier = `${AGENCY}-RV-${documentId.slice(0, 6)}`;
      const passedPdf = signPdf(await createPdf(1, 'Đã hợp lệ'), { signer: pki.rsa, chain: [pki.ca] });
      const passedId = randomUUID();
      await publish(
        digitized(documentId, dossier, await store(`documents/${documentId}.pdf`, pdf), await sha256(pdf)),
        digitized(
          passedId,
          dossier,
          await store(`documents/${passedId}.pdf`, passedPdf),
          await sha256(passedPdf),
        ),
      );
      const first = await waitFor(async () => eventsFor(documentId)[0], { what: 'first report' });
      expect(first.data).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
        signatureCount: 1,
        sha256: await sha256(pdf),
      });
      await waitFor(async () => eventsFor(passedId)[0], { what: 'report of the passed document' });
      // Nothing changed: the same report, no new event.
      const same = await call('POST', '/verifications', clerk, { documentId });
      expect(same).toMatchObject({ status: 200, body: { id: first.data.verificationId } });

      // Pinning the root: the document is verified again on its own; without a CRL it is TRY_LATER now.
      expect(
        (
          await call(
            'POST',
            '/trust-anchors',
            admin,
            pemOf('CERTIFICATE', secondRoot.certificate.der),
            'application/x-pem-file',
          )
        ).status,
      ).toBe(201);
      const second = await waitFor(async () => eventsFor(documentId)[1], { what: 'report after the anchor' });
      expect(second.data).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
      expect(second.data.verificationId).not.toBe(first.data.verificationId);

      // The root's CRL settles it (TRY_LATER is retried too).
      const crl = await createCrl(secondRoot, []);
      expect((await call('POST', '/crls', admin, { pem: pemOf('X509 CRL', crl.der) })).status).toBe(201);
      const third = await waitFor(async () => eventsFor(documentId)[2], { what: 'report after the CRL' });
      expect(third.data).toMatchObject({ indication: 'TOTAL_PASSED', signatureCount: 1 });
      expect(Date.parse(third.data.verifiedAt)).toBeGreaterThan(Date.parse(second.data.verifiedAt));
      const latest = await call('POST', '/verifications', clerk, { documentId });
      expect(latest).toMatchObject({ status: 200, body: { id: third.data.verificationId } });

      // The same CRL again is no change: nothing is verified again. A TOTAL_PASSED document is not re-queued.
      expect((await call('POST', '/crls', admin, crl.der, 'application/pkix-crl')).status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(eventsFor(documentId)).toHaveLength(3);
      expect(eventsFor(passedId)).toHaveLength(1);

      // Asked for, a report made before the change is redone under the current trust store.
      const redone = await call('POST', '/verifications', clerk, { documentId: passedId });
      expect(redone.status).toBe(201);
      expect(redone.body).toMatchObject({ indication: 'TOTAL_PASSED' });
      expect(redone.body.id).not.toBe(eventsFor(passedId)[0].data.verificationId);
      await waitFor(async () => eventsFor(passedId)[1], { what: 'event of the redone report' });

      // Every report stays, readable by document, latest first, within agency scope.
      const listed = await call('GET', `/verifications?documentId=${documentId}`, auditor);
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({ page: 1, pageSize: 20, total: 3 });
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([
        third.data.verificationId,
        second.data.verificationId,
        first.data.verificationId,
      ]);
      expect(listed.body.items.map((item: { subIndication?: string }) => item.subIndication)).toEqual([
        undefined,
        'TRY_LATER',
        'NO_CERTIFICATE_CHAIN_FOUND',
      ]);
      const page2 = await call('GET', `/verifications?documentId=${documentId}&page=2&pageSize=2`, clerk);
      expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
      expect(page2.body.items.map((item: { id: string }) => item.id)).toEqual([first.data.verificationId]);
      const elsewhere = await call('GET', `/verifications?documentId=${documentId}`, otherClerk);
      expect(elsewhere).toMatchObject({ status: 200, body: { total: 0, items: [] } });
      const { rows } = await db.query(
        'SELECT count(DISTINCT trust_generation)::int AS n FROM verification WHERE document_id = $1',
        [documentId],
      );
      expect(rows[0].n).toBe(3);
    });

    it('a verification that ran on the store before a change is queued again when it ends after the change', async () => {
      const root = await createRoot('Third Root CA');
      const pdf = signPdf(await createPdf(1, 'Tờ khai'), { signer: await issue(root, 'Le Van Cuong') });
      const documentId = randomUUID();
      const object = await store(`documents/${documentId}.pdf`, pdf);
      // A document whose verification is in flight: known, no report yet (the change's re-queue cannot see it).
      await db.query(
        `INSERT INTO known_document (document_id, dossier_code, component_code, mime_type, sha256, size, bucket, object_key)
         VALUES ($1, $2, 'TP01', 'application/pdf', $3, $4, $5, $6)`,
        [documentId, `${AGENCY}-RACE`, await sha256(pdf), pdf.length, object.bucket, object.key],
      );
      const documents = service.app.get(DocumentVerificationService);
      const known = await service.app.get(DataSource).getRepository(KnownDocumentEntity).findOneByOrFail({
        documentId,
      });
      const stale = await documents.reportFor(pdf, await sha256(pdf));
      expect(stale.report.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
      expect(
        (
          await call(
            'POST',
            '/trust-anchors',
            admin,
            pemOf('CERTIFICATE', root.certificate.der),
            'application/x-pem-file',
          )
        ).status,
      ).toBe(201);
      await documents.record(known, known.sha256, stale, 'test:in-flight');
      const first = await waitFor(async () => eventsFor(documentId)[0], { what: 'the stale report' });
      expect(first.data.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
      const second = await waitFor(async () => eventsFor(documentId)[1], {
        what: 'the report under the new store',
      });
      expect(second.data).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
      const { rows } = await db.query(
        'SELECT status, verification_id, min_trust_generation::int AS min FROM signature_job WHERE document_id = $1',
        [documentId],
      );
      expect(rows[0]).toEqual({
        status: 'DONE',
        verification_id: second.data.verificationId,
        min: stale.trustGeneration + 1,
      });
    });

    it('a CRL revoking the signer of a TOTAL_PASSED document re-queues it; the new report is published', async () => {
      const root = await createRoot('Fourth Root CA');
      const signer = await issue(root, 'Pham Thi Dung');
      const pinned = await call(
        'POST',
        '/trust-anchors',
        admin,
        pemOf('CERTIFICATE', root.certificate.der),
        'application/x-pem-file',
      );
      expect(pinned.status).toBe(201);
      const emptyCrl = await createCrl(root, []);
      expect((await call('POST', '/crls', admin, { pem: pemOf('X509 CRL', emptyCrl.der) })).status).toBe(201);

      const pdf = signPdf(await createPdf(1, 'Giấy khai sinh'), { signer });
      const documentId = randomUUID();
      const dossier = `${AGENCY}-CRL-${documentId.slice(0, 6)}`;
      // Another passed document whose path has other issuers: the new CRL does not concern it.
      const otherPdf = signPdf(await createPdf(1, 'Khác'), { signer: pki.rsa, chain: [pki.ca] });
      const otherId = randomUUID();
      await publish(
        digitized(documentId, dossier, await store(`documents/${documentId}.pdf`, pdf), await sha256(pdf)),
        digitized(
          otherId,
          dossier,
          await store(`documents/${otherId}.pdf`, otherPdf),
          await sha256(otherPdf),
        ),
      );
      const passed = await waitFor(async () => eventsFor(documentId)[0], { what: 'first report' });
      expect(passed.data).toMatchObject({ indication: 'TOTAL_PASSED', signatureCount: 1 });
      await waitFor(async () => eventsFor(otherId)[0], { what: 'report of the other document' });
      // The stored report keeps whose CRLs decide it (the root, issuer of the signer), outside the API's report.
      const stored = await db.query('SELECT certificate_issuers, report FROM verification WHERE id = $1', [
        passed.data.verificationId,
      ]);
      expect(stored.rows[0].certificate_issuers).toEqual([emptyCrl.issuerName]);
      expect(JSON.stringify(stored.rows[0].report)).not.toContain('pathIssuers');

      const revoking = await createCrl(root, [
        { certificate: signer.certificate, at: new Date(Date.now() - 60_000) },
      ]);
      expect((await call('POST', '/crls', admin, { pem: pemOf('X509 CRL', revoking.der) })).status).toBe(201);
      const revoked = await waitFor(async () => eventsFor(documentId)[1], { what: 'report after the CRL' });
      expect(revoked.data).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'REVOKED_NO_POE',
        signatureCount: 1,
        sha256: await sha256(pdf),
      });
      expect(revoked.data.verificationId).not.toBe(passed.data.verificationId);
      const shown = await call('GET', `/verifications/${revoked.data.verificationId}`, auditor);
      expect(shown.body).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE' });
      expect(shown.body.signatures[0]).not.toHaveProperty('pathIssuers');

      // The same CRL again changes nothing; the other document was never re-queued.
      expect((await call('POST', '/crls', admin, { pem: pemOf('X509 CRL', revoking.der) })).status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(eventsFor(documentId)).toHaveLength(2);
      expect(eventsFor(otherId)).toHaveLength(1);
    });

    it('withdrawing an anchor (national admin only) re-verifies what it anchored, and every change is logged', async () => {
      const root = await createRoot('Fifth Root CA');
      const signer = await issue(root, 'Vo Van Em');
      const rootPem = pemOf('CERTIFICATE', root.certificate.der);
      const fingerprint = root.certificate.fingerprint;
      // A department's administrator cannot change national trust, neither adding nor withdrawing.
      const departmentAdmin = await tokenFor(isolation.infra, 'admin', AGENCY, 'dept-admin');
      expect(
        (await call('POST', '/trust-anchors', departmentAdmin, rootPem, 'application/x-pem-file')).status,
      ).toBe(403);
      expect((await call('POST', '/trust-anchors', admin, rootPem, 'application/x-pem-file')).status).toBe(
        201,
      );
      const crl = await createCrl(root, []);
      expect((await call('POST', '/crls', admin, { pem: pemOf('X509 CRL', crl.der) })).status).toBe(201);

      const pdf = signPdf(await createPdf(1, 'Giấy khai sinh'), { signer });
      const documentId = randomUUID();
      const dossier = `${AGENCY}-WDR-${documentId.slice(0, 6)}`;
      await publish(
        digitized(documentId, dossier, await store(`documents/${documentId}.pdf`, pdf), await sha256(pdf)),
      );
      const passed = await waitFor(async () => eventsFor(documentId)[0], { what: 'first report' });
      expect(passed.data).toMatchObject({ indication: 'TOTAL_PASSED' });

      expect((await call('DELETE', `/trust-anchors/${fingerprint}`, departmentAdmin)).status).toBe(403);
      expect((await call('DELETE', '/trust-anchors/not-a-fingerprint', admin)).status).toBe(400);
      const withdrawn = await call('DELETE', `/trust-anchors/${fingerprint}`, admin);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ fingerprint });
      const after = await waitFor(async () => eventsFor(documentId)[1], {
        what: 'report after the withdrawal',
      });
      expect(after.data).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      });
      expect(after.data.verificationId).not.toBe(passed.data.verificationId);
      const anchors = await call('GET', '/trust-anchors', clerk);
      expect(anchors.body.map((a: { fingerprint: string }) => a.fingerprint)).not.toContain(fingerprint);
      expect((await call('DELETE', `/trust-anchors/${fingerprint}`, admin)).status).toBe(404);

      // Who, when, what, before/after: newest first, readable by auditors, not changeable by the service.
      const log = await call('GET', `/change-log?resource=trust-anchor&resourceId=${fingerprint}`, auditor);
      expect(log.status).toBe(200);
      expect(log.body.items).toEqual([
        expect.objectContaining({
          action: 'WITHDRAW',
          actorAgency: '*',
          before: expect.objectContaining({ subject: expect.stringContaining('Fifth Root CA') }),
          after: null,
        }),
        expect.objectContaining({
          action: 'CREATE',
          before: null,
          after: expect.objectContaining({ source: 'ADMIN' }),
        }),
      ]);
      expect((await call('GET', '/change-log?resource=crl', auditor)).body.total).toBeGreaterThan(0);
      expect((await call('GET', '/change-log', clerk)).status).toBe(403);

      // Pinned again by an administrator, it is in force again (the re-queue makes the document pass again).
      expect((await call('POST', '/trust-anchors', admin, rootPem, 'application/x-pem-file')).status).toBe(
        201,
      );
      const again = await waitFor(async () => eventsFor(documentId)[2], { what: 'report after re-pinning' });
      expect(again.data).toMatchObject({ indication: 'TOTAL_PASSED' });
    });

    it('GET /verifications?documentId= refuses a missing or bad document id (400) and anonymous callers (401)', async () => {
      const missing = await call('GET', '/verifications', clerk);
      expect(missing.status).toBe(400);
      expect(missing.body.type).toBe('urn:motcua:problem:validation');
      expect((await call('GET', '/verifications?documentId=a%20b', clerk)).status).toBe(400);
      expect((await call('GET', `/verifications?documentId=x&pageSize=500`, clerk)).status).toBe(400);
      expect((await call('GET', `/verifications?documentId=${randomUUID()}`, undefined)).status).toBe(401);
      expect((await call('GET', `/verifications?documentId=${randomUUID()}`, clerk)).body).toMatchObject({
        total: 0,
        items: [],
      });
    });
  });

  describe('document.reused', () => {
    const reusedEvent = (
      data: Partial<DocumentReusedV1> & { documentId: string; dossierCode: string },
      id = randomUUID(),
    ) =>
      createCloudEvent({
        id,
        type: EventTypes.DocumentReusedV1,
        source: '/motcua/digitization',
        subject: data.dossierCode,
        data: {
          recordId: randomUUID(),
          componentCode: 'BC01',
          digitizationLevel: 'SCAN_ONLY',
          reusedAt: new Date().toISOString(),
          ...data,
        },
      });

    it("repeats the source's report for the reusing dossier, once, without verifying again", async () => {
      const pdf = signPdf(await createPdf(1, 'Giấy khai sinh'), { signer: pki.ecdsa, chain: [pki.ca] });
      const digest = await sha256(pdf);
      const sourceId = randomUUID();
      const object = await store(`documents/${sourceId}.pdf`, pdf);
      await publish(digitized(sourceId, `${AGENCY}-SRC-${sourceId.slice(0, 6)}`, object, digest));
      const source = await waitFor(async () => eventsFor(sourceId)[0], { what: 'source report' });
      expect(source.data.indication).toBe('TOTAL_PASSED');

      const reusedId = randomUUID();
      const copyDossier = `${AGENCY}-CPY-${reusedId.slice(0, 6)}`;
      const event = reusedEvent({
        documentId: reusedId,
        dossierCode: copyDossier,
        sourceDocumentId: sourceId,
        kind: 'RESULT',
        mimeType: 'application/pdf',
        sha256: digest,
        object,
      });
      // Redelivered, and announced again under another event id: still one report and one event.
      await publish(event, event, reusedEvent({ ...event.data }));
      const published = await waitFor(async () => eventsFor(reusedId)[0], { what: 'reuse report' });
      expect(published).toMatchObject({
        subject: copyDossier,
        data: {
          dossierCode: copyDossier,
          componentCode: 'BC01',
          indication: 'TOTAL_PASSED',
          signatureCount: 1,
          sha256: digest,
        },
      });
      expect(published.data.verificationId).not.toBe(source.data.verificationId);
      const report = await call('GET', `/verifications/${published.data.verificationId}`, clerk);
      expect(report.body).toMatchObject({
        documentId: reusedId,
        reusedFrom: source.data.verificationId,
        indication: 'TOTAL_PASSED',
      });
      const original = await call('GET', `/verifications/${source.data.verificationId}`, clerk);
      expect(report.body.signatures).toEqual(original.body.signatures);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(eventsFor(reusedId)).toHaveLength(1);
      const { rows } = await db.query(
        `SELECT (SELECT count(*)::int FROM verification WHERE document_id = $1) AS reports,
                (SELECT count(*)::int FROM signature_job WHERE document_id = $1) AS jobs,
                (SELECT source_document_id FROM known_document WHERE document_id = $1) AS source`,
        [reusedId],
      );
      expect(rows[0]).toEqual({ reports: 1, jobs: 0, source: sourceId });
      // The reused document answers POST { documentId } with that report.
      const again = await call('POST', '/verifications', clerk, { documentId: reusedId });
      expect(again).toMatchObject({ status: 200, body: { id: published.data.verificationId } });

      // After a trust-store change the source's report is of an older generation: a new reuse is verified afresh.
      const otherRoot = await createRoot('Unrelated Root');
      const crl = await createCrl(otherRoot, []);
      expect((await call('POST', '/crls', admin, { pem: pemOf('X509 CRL', crl.der) })).status).toBe(201);
      const laterId = randomUUID();
      await publish(
        reusedEvent({
          ...event.data,
          documentId: laterId,
          dossierCode: `${AGENCY}-LTR-${laterId.slice(0, 6)}`,
        }),
      );
      const later = await waitFor(async () => eventsFor(laterId)[0], { what: 'reuse after a trust change' });
      expect(later.data).toMatchObject({ indication: 'TOTAL_PASSED', signatureCount: 1, sha256: digest });
      const fresh = await call('GET', `/verifications/${later.data.verificationId}`, clerk);
      expect(fresh.body).not.toHaveProperty('reusedFrom');
      expect(fresh.body.trustGeneration).toBe(report.body.trustGeneration + 1);
    });

    it('queues a reused PDF without a report of its bytes, from the location in the event or of the source', async () => {
      const pdf = signPdf(await createPdf(1, 'Bản sao'), { signer: pki.rsa, chain: [pki.ca] });
      const reusedId = randomUUID();
      await publish(
        reusedEvent({
          documentId: reusedId,
          dossierCode: `${AGENCY}-Q-${reusedId.slice(0, 6)}`,
          sourceDocumentId: randomUUID(),
          kind: 'SUPPORTING',
          mimeType: 'application/pdf',
          sha256: await sha256(pdf),
          object: await store(`documents/${reusedId}.pdf`, pdf),
        }),
      );
      const published = await waitFor(async () => eventsFor(reusedId)[0], { what: 'queued reuse report' });
      expect(published.data).toMatchObject({ indication: 'TOTAL_PASSED', signatureCount: 1 });
      const stored = await call('GET', `/verifications/${published.data.verificationId}`, clerk);
      expect(stored.body).not.toHaveProperty('reusedFrom');

      // Only the source is named: its location and digest are used (an unsigned source here).
      const unsigned = await createPdf(1);
      const sourceId = randomUUID();
      await publish(
        digitized(
          sourceId,
          `${AGENCY}-NS`,
          { bucket: isolation.bucket, key: `missing/${sourceId}.pdf` },
          await sha256(unsigned),
          'application/pdf',
        ),
      );
      // The source's object is missing at first: its report never read the bytes, so the reuse does not repeat it.
      await waitFor(async () => eventsFor(sourceId)[0], { what: 'source unavailable' });
      await store(`missing/${sourceId}.pdf`, unsigned);
      const bare = randomUUID();
      await publish(
        reusedEvent({ documentId: bare, dossierCode: `${AGENCY}-B`, sourceDocumentId: sourceId }),
      );
      const verified = await waitFor(async () => eventsFor(bare)[0], { what: 'reuse by source only' });
      expect(verified.data).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'SIGNED_DATA_NOT_FOUND',
        signatureCount: 0,
        sha256: await sha256(unsigned),
      });
    });

    it('remembers and ignores a reused non-PDF, and a reuse it knows nothing about', async () => {
      const image = randomUUID();
      const unknown = randomUUID();
      const events = [
        reusedEvent({
          documentId: image,
          dossierCode: `${AGENCY}-IMG`,
          mimeType: 'image/png',
          sha256: 'd'.repeat(64),
          object: await store(`documents/${image}.png`, Buffer.from('png')),
        }),
        reusedEvent({ documentId: unknown, dossierCode: `${AGENCY}-UNK`, sourceDocumentId: randomUUID() }),
      ];
      await publish(...events);
      await waitFor(
        async () => {
          const { rows } = await db.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [
            events.map((event) => event.id),
          ]);
          return rows[0].n === 2 ? true : undefined;
        },
        { what: 'both reuse events handled' },
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const { rows } = await db.query(
        `SELECT (SELECT count(*)::int FROM signature_job WHERE document_id = ANY($1)) AS jobs,
                (SELECT count(*)::int FROM known_document WHERE document_id = $2) AS unknown`,
        [[image, unknown], unknown],
      );
      expect(rows[0]).toEqual({ jobs: 0, unknown: 0 });
      expect(eventsFor(image)).toHaveLength(0);
      expect(eventsFor(unknown)).toHaveLength(0);
      expect((await call('POST', '/verifications', clerk, { documentId: image })).status).toBe(415);
    });
  });
});
