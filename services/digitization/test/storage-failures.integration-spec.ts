import { randomUUID } from 'node:crypto';
import type { Client as MinioClient } from 'minio';
import { Client } from 'pg';
import {
  createTestIsolation,
  minioClientFor,
  ServiceUnderTest,
  startServiceForTest,
  TestIsolation,
  tokenFor,
} from '@motcua/testing';
import { DigitizationConfig } from '../src/config/digitization.config';
import { digitizationService } from '../src/digitization.service-definition';
import { OrphanReaper } from '../src/storage/orphan-reaper';
import { CuttableProxy, DossierFeed, documentForm, JPEG, pdfWithPages, sha256 } from './support';

const AGENCY = '000.00.12.H49';
const PART = 5 * 1024 * 1024;

describe('digitization: S3 outage, multipart uploads, failed commits and orphans on the real stores', () => {
  let isolation: TestIsolation;
  let proxy: CuttableProxy;
  let service: ServiceUnderTest<DigitizationConfig>;
  let db: Client;
  let s3: MinioClient;
  let feed: DossierFeed;
  let clerk: string;
  let dossier: string;

  const upload = (body: FormData) =>
    fetch(`${service.url}/dossiers/${dossier}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body,
    });
  const jpegForm = () =>
    documentForm({ componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'SCANNED_PAPER' }, { bytes: JPEG });
  const counts = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*)::int FROM document) AS documents, (SELECT count(*)::int FROM ledger_entry) AS ledger,
                (SELECT count(*)::int FROM citizen_record) AS records, (SELECT count(*)::int FROM outbox) AS outbox`,
      )
    ).rows[0];
  const objectKeys = async () => {
    const keys: string[] = [];
    for await (const item of s3.listObjectsV2(isolation.bucket, 'documents/', true))
      if (item.name) keys.push(item.name);
    return keys.sort();
  };

  const incompleteUploads = () =>
    new Promise<string[]>((resolve, reject) => {
      const keys: string[] = [];
      s3.listIncompleteUploads(isolation.bucket, 'documents/', true)
        .on('data', (u) => keys.push(u.key))
        .on('end', () => resolve(keys))
        .on('error', reject);
    });

  beforeAll(async () => {
    isolation = await createTestIsolation('digitizationstore');
    const target = new URL(isolation.infra.s3Endpoint);
    proxy = new CuttableProxy(target.hostname, Number(target.port));
    await proxy.open();
    service = await startServiceForTest(digitizationService, isolation, {
      S3_ENDPOINT: `http://127.0.0.1:${proxy.port}`,
      UPLOAD_PART_BYTES: String(PART),
      UPLOAD_MAX_BYTES: String(20 * 1024 * 1024),
      ORPHAN_GRACE_SECONDS: '60',
    });
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
    s3 = minioClientFor(isolation.infra);
    clerk = await tokenFor(isolation.infra, 'clerk', AGENCY, 'clerk-1');
    feed = new DossierFeed(isolation);
    await feed.connect();
    dossier = await feed.received({ agencyCode: AGENCY, idNumber: '001090000001' });
    for (let i = 0; i < 150; i += 1) {
      if ((await db.query('SELECT 1 FROM known_dossier WHERE code = $1', [dossier])).rowCount) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    await feed?.disconnect();
    await db?.end();
    await service?.close();
    await proxy?.cut();
    await isolation?.cleanup();
  });

  it('streams a document larger than a part as a multipart upload, byte for byte', async () => {
    const pdf = await pdfWithPages(2);
    const big = Buffer.concat([pdf, Buffer.alloc(12 * 1024 * 1024 - pdf.length, 0x20)]);
    for (let i = pdf.length; i < big.length; i += 4096) big[i] = i % 251;
    const response = await upload(
      documentForm({ componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'SCANNED_PAPER' }, { bytes: big }),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      id: string;
      sha256: string;
      size: number;
      pageCount: number | null;
    };
    // Above PDF_PAGE_COUNT_MAX_BYTES (8 MB by default): stored without a page count rather than buffered whole.
    expect(body).toMatchObject({ sha256: sha256(big), size: big.length, pageCount: null });
    const download = await fetch(`${service.url}/documents/${body.id}/content`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(big));
  });

  it('streams a larger document whose size the client declared as one PUT, and refuses a wrong declaration', async () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(9 * 1024 * 1024, 0x61)]);
    const fields = { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'SCANNED_PAPER' };
    const response = await upload(documentForm({ ...fields, size: String(big.length) }, { bytes: big }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; sha256: string; size: number };
    expect(body).toMatchObject({ sha256: sha256(big), size: big.length });
    const [{ object_key: key }] = (await db.query('SELECT object_key FROM document WHERE id = $1', [body.id]))
      .rows;
    expect((await s3.statObject(isolation.bucket, key)).size).toBe(big.length);

    const before = await counts();
    const keys = await objectKeys();
    for (const declared of [big.length - 1, big.length + 1, 21 * 1024 * 1024]) {
      const wrong = await upload(documentForm({ ...fields, size: String(declared) }, { bytes: big }));
      expect(wrong.status).toBe(declared > 20 * 1024 * 1024 ? 413 : 400);
    }
    expect(await counts()).toEqual(before);
    // A cut-off PUT leaves nothing on S3 or MinIO; S3Proxy's filesystem store keeps its partial temp file under a
    // key derived from ours, which holds no document row, so the orphan reaper removes it after the grace period.
    await service.app.get(OrphanReaper).sweep(new Date(Date.now() + 120_000));
    expect(await objectKeys()).toEqual(keys);
  });

  it('answers 503 while S3 is down, stores nothing, and recovers by itself when S3 is back', async () => {
    expect((await upload(jpegForm())).status).toBe(201);
    const before = await counts();
    const keys = await objectKeys();

    await proxy.cut();
    const during = await upload(jpegForm());
    expect(during.status).toBe(503);
    expect(during.headers.get('content-type')).toContain('application/problem+json');
    expect(await during.json()).toMatchObject({ type: 'urn:motcua:problem:object-storage-unavailable' });
    expect(await counts()).toEqual(before);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(503);

    await proxy.open();
    expect(await objectKeys()).toEqual(keys);
    const after = await upload(jpegForm());
    expect(after.status).toBe(201);
    expect((await counts()).documents).toBe(before.documents + 1);
  });

  it('answers 503 when S3 goes away in the middle of a multipart upload, and leaves no row', async () => {
    const before = await counts();
    const boundary = `----motcua${randomUUID()}`;
    const head = Buffer.from(
      [
        ...[
          ['componentCode', 'GCS01'],
          ['kind', 'SUPPORTING'],
          ['origin', 'SCANNED_PAPER'],
        ].map(
          ([name, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        ),
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ].join(''),
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 0) controller.enqueue(new Uint8Array(Buffer.concat([head, JPEG])));
        else if (sent === 7) {
          // Once the service has started its multipart upload, cut the store off before the rest arrives.
          for (let i = 0; i < 100 && (await incompleteUploads()).length === 0; i += 1)
            await new Promise((resolve) => setTimeout(resolve, 100));
          await proxy.cut();
          controller.enqueue(new Uint8Array(chunk));
        } else if (sent < 12) controller.enqueue(new Uint8Array(chunk));
        else {
          controller.enqueue(new Uint8Array(tail));
          controller.close();
        }
        sent += 1;
      },
    });
    const response = await fetch(`${service.url}/dossiers/${dossier}/documents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${clerk}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(503);
    expect(await counts()).toEqual(before);
    await proxy.open();
    expect((await upload(jpegForm())).status).toBe(201);

    // The abort could not reach S3 either: the open multipart upload is aborted by the reaper after the grace.
    const open = await incompleteUploads();
    expect(open).toHaveLength(1);
    const sweep = await service.app.get(OrphanReaper).sweep(new Date(Date.now() + 120_000));
    expect(sweep.abortedUploads).toEqual(open);
    expect(await incompleteUploads()).toEqual([]);
  });

  it('removes the object when the database refuses the commit', async () => {
    const before = await counts();
    const keys = await objectKeys();
    await db.query(`REVOKE INSERT ON ledger_entry FROM ${isolation.roles.appRole}`);
    try {
      const response = await upload(jpegForm());
      expect(response.status).toBe(500);
    } finally {
      await db.query(`GRANT INSERT ON ledger_entry TO ${isolation.roles.appRole}`);
    }
    expect(await counts()).toEqual(before);
    expect(await objectKeys()).toEqual(keys);
  });

  it('reaps objects a crash left without a row once they are past the grace period, and nothing else', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const orphan = `documents/${today}/${randomUUID()}`;
    await s3.putObject(isolation.bucket, orphan, JPEG, JPEG.length);
    const stored = (await db.query('SELECT object_key FROM document')).rows.map(
      (r) => r.object_key as string,
    );
    const reaper = service.app.get(OrphanReaper);

    // Within the grace period an object may belong to an upload about to commit: left alone.
    expect((await reaper.sweep(new Date())).removed).toEqual([]);
    const later = await reaper.sweep(new Date(Date.now() + 120_000));
    expect(later.removed).toEqual([orphan]);
    const keys = await objectKeys();
    expect(keys).not.toContain(orphan);
    for (const key of stored) expect(keys).toContain(key);
  });
});
