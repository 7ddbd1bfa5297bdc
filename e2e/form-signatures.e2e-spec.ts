import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentCaPaths, ensureDevelopmentCa, type DevelopmentCa } from '@motcua/dev-stack';
import { pemToDer, toPem } from '@motcua/pdf';
import { startTestTsa, type TestTsa } from '@motcua/test-pki';
import { IsolatedStack, startIsolatedStack, tokenFor, waitFor } from '@motcua/testing';

/**
 * The forms intake prints are signed by their agency, PAdES B-T (FORM_SIGNING_TSA_URL names a test RFC 3161 TSA
 * of libs/test-pki, with its own root), and three verifiers that share no code agree on them: esignature
 * (TOTAL_PASSED, the signature timestamp valid, with only the development CA, the TSA's root and their CRLs pinned
 * at start), pyHanko (the timestamp validated too) and poppler's pdfsig (both installed by `npm test`); a byte
 * changed after signing fails in all three. A TSA answering garbage makes the print a 503, not a B-B form.
 * Intake and esignature run as processes with the development CA of this test.
 */
describe('form signatures: intake signs the forms for its agency (B-T), esignature, pyHanko and pdfsig agree', () => {
  const AGENCY = '000.00.12.H49';
  const root = join(__dirname, '..');
  const pyhankoPython = join(root, '.local/tools/pyhanko/bin/python');
  const judgeScript = join(root, 'services/esignature/test/support/pyhanko-judge.py');
  let system: IsolatedStack;
  let ca: DevelopmentCa;
  let tsa: TestTsa;
  let work: string;
  let clerk: string;
  let officer: string;
  let signed: Buffer;
  /** Every form of the walked dossiers, as served (for the independent judges below). */
  const served: { name: string; pdf: Buffer }[] = [];
  let tampered: Buffer;

  async function verifyInEsignature(pdf: Buffer) {
    const form = new FormData();
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'mau-01.pdf');
    const response = await fetch(`${system.stack.url('esignature')}/verifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body: form,
    });
    const body: unknown = await response.json();
    if (response.status !== 201)
      throw new Error(`POST /verifications: ${response.status} ${JSON.stringify(body)}`);
    return body as {
      indication: string;
      subIndication?: string;
      signatures: Array<{
        indication: string;
        signer: string;
        signingTimeSource: string;
        checks: Array<{ name: string; status: string; detail?: string }>;
      }>;
    };
  }

  function judgeWithPyhanko(files: string[]) {
    const paths = developmentCaPaths(ca.dir);
    writeFileSync(join(work, 'ca.der'), pemToDer(readFileSync(paths.certificate, 'utf8'), 'CERTIFICATE')[0]);
    writeFileSync(join(work, 'ca.crl.der'), pemToDer(readFileSync(paths.crl, 'utf8'), 'X509 CRL')[0]);
    writeFileSync(join(work, 'tsa-root.der'), tsa.root.certificate.der);
    writeFileSync(join(work, 'tsa-root.crl.der'), tsa.rootCrl.der);
    const result = spawnSync(
      pyhankoPython,
      [
        judgeScript,
        'judge',
        `${join(work, 'ca.der')},${join(work, 'tsa-root.der')}`,
        `${join(work, 'ca.crl.der')},${join(work, 'tsa-root.crl.der')}`,
        ...files,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (result.status !== 0) throw new Error(`pyHanko judge failed: ${result.stderr || result.error}`);
    return result.stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            signatures?: Array<{
              intact: boolean;
              valid: boolean;
              trusted: boolean;
              bottom_line: boolean;
              timestamp?: { intact: boolean; valid: boolean; trusted: boolean; time: string };
            }>;
          },
      );
  }

  // Without -no-ocsp: poppler 22.12 reports "Unknown issue with Certificate" for every certificate once OCSP is
  // turned off (NSS then demands revocation info it was told not to fetch); the forms' certificates name no OCSP
  // responder, so nothing is fetched either way.
  function judgeWithPdfsig(file: string, nssDir: string) {
    const result = spawnSync('pdfsig', ['-nssdir', `sql:${nssDir}`, file], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    return `${result.stdout}${result.stderr}`;
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'motcua-form-signatures-'));
    ca = await ensureDevelopmentCa(join(work, 'forms-dev-ca'));
    tsa = await startTestTsa();
    // esignature pins the development CA and the TSA's root (and their CRLs), nothing else.
    const trustDir = join(work, 'esignature-trust');
    mkdirSync(trustDir);
    const paths = developmentCaPaths(ca.dir);
    copyFileSync(paths.certificate, join(trustDir, 'forms-dev-ca.crt'));
    copyFileSync(paths.crl, join(trustDir, 'forms-dev-ca.crl'));
    writeFileSync(join(trustDir, 'test-tsa-root.crt'), toPem(tsa.root.certificate.der, 'CERTIFICATE'));
    writeFileSync(join(trustDir, 'test-tsa-root.crl'), toPem(tsa.rootCrl.der, 'X509 CRL'));
    system = await startIsolatedStack('forms', 4800, undefined, ['intake', 'digitization', 'esignature'], {
      intake: {
        FORM_SIGNING_DEV_CA_DIR: ca.dir,
        FORM_SIGNING_TSA_URL: tsa.url,
        // A hung TSA is given up on after this long (the default 10 s would only slow the test down).
        FORM_SIGNING_TSA_TIMEOUT_MS: '2000',
        // A form the TSA's outage held back is retried soon (the default first retry is a minute away).
        FORM_ISSUANCE_RETRY_MS: '500',
      },
      esignature: { TRUST_DIR: trustDir },
    });
    clerk = await tokenFor(system.infra, 'clerk', AGENCY, 'clerk-forms-e2e');
    officer = await tokenFor(system.infra, 'officer', AGENCY, 'officer-forms-e2e');
  });

  const intake = (path: string) => `${system.stack.url('intake')}${path}`;

  async function receiveDesk(fullName: string): Promise<string> {
    const created = await fetch(intake('/dossiers'), {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureCode: '1.001193',
        agencyCode: AGENCY,
        channel: 'DIRECT',
        applicant: { idNumber: '001190012345', fullName, dateOfBirth: '1990-04-12', sex: 'FEMALE' },
      }),
    });
    const body = (await created.json()) as { code: string };
    if (created.status !== 201) throw new Error(`POST /dossiers: ${created.status} ${JSON.stringify(body)}`);
    return body.code;
  }

  async function act(code: string, token: string, action: Record<string, unknown>) {
    const response = await fetch(intake(`/dossiers/${code}/actions`), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(action),
    });
    const body = (await response.json()) as { dueAt: string | null };
    if (response.status !== 200)
      throw new Error(`${String(action.action)}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  const get = (path: string, token = clerk) =>
    fetch(intake(path), { headers: { authorization: `Bearer ${token}` } });

  /** The forms digitization stored for a dossier (documents of kind FORM), once there are `count` of them. */
  async function storedForms(code: string, count: number) {
    return waitFor(
      async () => {
        const response = await fetch(`${system.stack.url('digitization')}/dossiers/${code}/documents`, {
          headers: { authorization: `Bearer ${clerk}` },
        });
        if (response.status !== 200) return undefined;
        const documents = (await response.json()) as {
          id: string;
          kind: string;
          componentCode: string;
          sha256: string;
        }[];
        const forms = documents.filter((d) => d.kind === 'FORM');
        return forms.length >= count ? forms : undefined;
      },
      { what: `${count} forms of ${code} stored in digitization`, timeoutMs: 60_000 },
    );
  }

  /** esignature's report on a stored document (the one it made from document.digitized, or made now). */
  async function verifyStoredInEsignature(documentId: string) {
    // 404 until esignature has received the document's document.digitized (another topic, another consumer).
    return waitFor(
      async () => {
        const response = await fetch(`${system.stack.url('esignature')}/verifications`, {
          method: 'POST',
          headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
          body: JSON.stringify({ documentId }),
        });
        const body = (await response.json()) as { indication: string };
        if (response.status === 404) return undefined;
        if (response.status !== 200 && response.status !== 201)
          throw new Error(`POST /verifications: ${response.status} ${JSON.stringify(body)}`);
        return body;
      },
      { what: `esignature to know document ${documentId}`, timeoutMs: 60_000 },
    );
  }

  afterAll(async () => {
    await system?.stop();
    await tsa?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('prints form 01 of a desk dossier signed by the receiving agency (an incremental update of the print)', async () => {
    const code = await receiveDesk('Nguyễn Thị Hoa');
    const response = await fetch(`${system.stack.url('intake')}/dossiers/${code}/receipt`, {
      headers: { authorization: `Bearer ${clerk}`, accept: 'application/pdf' },
    });
    expect(response.status).toBe(200);
    signed = Buffer.from(await response.arrayBuffer());
    const text = signed.toString('latin1');
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    // B-T: the TSA was asked once, for this signature.
    expect(tsa.requests.length).toBeGreaterThanOrEqual(1);
    expect(text).toContain(Buffer.from(tsa.tsa.certificate.der).toString('hex'));
    // The print comes first, untouched; the signature is a second revision.
    expect(text.match(/%%EOF/g)?.length).toBe(2);
    tampered = Buffer.from(signed);
    // A byte of the printed form's first revision (inside the signed range) changed after signing.
    const at = text.indexOf('/Producer');
    tampered[at + 1] = 'p'.charCodeAt(0);
  });

  it('a dossier walked through every action has its forms, each signed by the agency and TOTAL_PASSED in esignature', async () => {
    const walked = await receiveDesk('Lê Thị Thu Hà');
    await act(walked, clerk, { action: 'REQUEST_SUPPLEMENT', reason: 'Thiếu giấy chứng sinh bản chính' });
    await act(walked, clerk, { action: 'RECEIVE_SUPPLEMENT' });
    const processing = await act(walked, officer, { action: 'START_PROCESSING' });
    const newDueAt = new Date(new Date(processing.dueAt!).getTime() + 7 * 86_400_000).toISOString();
    await act(walked, officer, { action: 'APOLOGIZE', reason: 'Cần xác minh với cơ quan khác', newDueAt });
    await act(walked, officer, { action: 'STOP', reason: 'Người nộp đề nghị dừng giải quyết' });
    const refused = await receiveDesk('Phạm Văn Đức');
    await act(refused, clerk, { action: 'REJECT', reason: 'Không thuộc thẩm quyền giải quyết' });

    for (const [code, expected] of [
      [walked, ['01', '02', '04', '05', '06']],
      [refused, ['01', '03', '06']],
    ] as const) {
      // Issued at the moment of each action: signed, stored by intake and as a document of the dossier in
      // digitization, whose document.digitized esignature verifies like any upload.
      const issued = expected.filter((formCode) => formCode !== '06');
      const documents = await storedForms(code, issued.length);
      expect(documents.map((d) => d.componentCode).sort()).toEqual(
        issued.map((formCode) => `MAU-${formCode}`),
      );
      for (const document of documents)
        expect({
          form: document.componentCode,
          ...(await verifyStoredInEsignature(document.id)),
        }).toMatchObject({
          form: document.componentCode,
          indication: 'TOTAL_PASSED',
        });
      const list = await get(`/dossiers/${code}/forms`);
      expect(list.status).toBe(200);
      const entries = (await list.json()) as {
        formCode: string;
        href: string;
        templateVersion: string;
        sha256: string | null;
      }[];
      expect(entries.map((e) => e.formCode)).toEqual(expected);
      // The list says which forms are issued, by the hash digitization holds; 06 is printed on request.
      expect(entries.map((e) => e.sha256)).toEqual(
        entries.map((e) =>
          e.formCode === '06' ? null : documents.find((d) => d.componentCode === `MAU-${e.formCode}`)?.sha256,
        ),
      );
      for (const entry of entries) {
        const response = await get(entry.href);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        const pdf = Buffer.from(await response.arrayBuffer());
        served.push({ name: `${code}-${entry.formCode}`, pdf });
        // Intake serves the very bytes it issued and digitization stored.
        if (entry.formCode !== '06')
          expect(documents.find((d) => d.componentCode === `MAU-${entry.formCode}`)?.sha256).toBe(
            createHash('sha256').update(pdf).digest('hex'),
          );
        const report = await verifyInEsignature(pdf);
        expect({
          form: entry.formCode,
          indication: report.indication,
          signingTimeSource: report.signatures[0]?.signingTimeSource,
        }).toEqual({ form: entry.formCode, indication: 'TOTAL_PASSED', signingTimeSource: 'TIMESTAMP' });
      }
    }
    // Form 07: the agency's tracking log of today holds both dossiers, as JSON, XLSX and a signed PDF.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const logPath = `/agencies/${AGENCY}/tracking-log?from=${today}&to=${today}`;
    const log = (await (await get(logPath)).json()) as {
      rows: { dossierCode: string; resultAt: string | null }[];
    };
    expect(log.rows.map((row) => row.dossierCode)).toEqual(expect.arrayContaining([walked, refused]));
    expect(log.rows.find((row) => row.dossierCode === refused)?.resultAt).not.toBeNull();
    const xlsx = await fetch(intake(logPath), {
      headers: {
        authorization: `Bearer ${clerk}`,
        accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    });
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const logPdf = await fetch(intake(logPath), {
      headers: { authorization: `Bearer ${clerk}`, accept: 'application/pdf' },
    });
    expect(logPdf.status).toBe(200);
    const logBytes = Buffer.from(await logPdf.arrayBuffer());
    served.push({ name: 'tracking-log-07', pdf: logBytes });
    expect((await verifyInEsignature(logBytes)).indication).toBe('TOTAL_PASSED');
    expect((await get(`/agencies/${AGENCY}/tracking-log?from=${today}&to=2020-01-01`)).status).toBe(400);
    expect((await get(`/agencies/${AGENCY}/tracking-log?from=2020-01-01&to=2026-12-31`)).status).toBe(400);
    expect((await get(`/agencies/${AGENCY}/tracking-log?from=yesterday&to=${today}`)).status).toBe(400);
    expect((await get(`/agencies/${AGENCY}/tracking-log?from=2026-02-31&to=2026-03-05`)).status).toBe(400);
    expect((await get(`/agencies/000.00.99.H49/tracking-log?from=${today}&to=${today}`)).status).toBe(404);

    // A form the dossier never had, a code that is not a dossier form, a line that is not a number.
    expect((await get(`/dossiers/${walked}/forms/03`)).status).toBe(404);
    expect((await get(`/dossiers/${walked}/forms/07`)).status).toBe(400);
    expect((await get(`/dossiers/${walked}/forms/02?seq=abc`)).status).toBe(400);
    expect((await get(`/dossiers/${walked}/forms/02?seq=1`)).status).toBe(404);
    expect((await get(`/dossiers/000.00.12.H49-260101-9999/forms/06`)).status).toBe(404);
  });

  it('esignature verifies it TOTAL_PASSED, its signature timestamp valid, with only the two roots and their CRLs pinned, and fails the tampered copy', async () => {
    const report = await verifyInEsignature(signed);
    expect(report).toMatchObject({ indication: 'TOTAL_PASSED' });
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0].signer).toContain('Tư pháp');
    expect(report.signatures[0].checks.filter((c) => c.status === 'NOT_OK')).toEqual([]);
    expect(report.signatures[0].checks.find((c) => c.name === 'TIMESTAMP')).toEqual(
      expect.objectContaining({ status: 'OK', detail: expect.stringContaining('Test Timestamp Authority') }),
    );
    // The signing time esignature reports is the TSA's, not the signer's claim.
    expect(report.signatures[0].signingTimeSource).toBe('TIMESTAMP');
    const forged = await verifyInEsignature(tampered);
    expect(forged.indication).toBe('TOTAL_FAILED');
  });

  it('pyHanko agrees: intact, valid and trusted, its signature timestamp too, with the same roots and CRLs (hard-fail revocation), and not for the tampered copy', () => {
    expect(existsSync(pyhankoPython)).toBe(true); // installed by `npm test` (ensure-pyhanko.mjs)
    writeFileSync(join(work, 'signed.pdf'), signed);
    writeFileSync(join(work, 'tampered.pdf'), tampered);
    const forms = served.map((form) => {
      const path = join(work, `${form.name}.pdf`);
      writeFileSync(path, form.pdf);
      return path;
    });
    expect(forms).toHaveLength(9);
    const [good, bad, ...each] = judgeWithPyhanko([
      join(work, 'signed.pdf'),
      join(work, 'tampered.pdf'),
      ...forms,
    ]);
    const validBT = expect.objectContaining({
      intact: true,
      valid: true,
      trusted: true,
      bottom_line: true,
      timestamp: expect.objectContaining({ intact: true, valid: true, trusted: true }),
    });
    expect(good.signatures).toEqual([validBT]);
    expect(bad.signatures?.[0]).toEqual(expect.objectContaining({ intact: false }));
    for (const judged of each) expect(judged.signatures).toEqual([validBT]);
  });

  it('pdfsig agrees: the signature is valid and the certificate trusted with the CA in its NSS database, not for the tampered copy', () => {
    const nssDir = join(work, 'nss');
    spawnSync('mkdir', ['-p', nssDir]);
    const init = spawnSync('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password'], {
      encoding: 'utf8',
    });
    expect(init.status).toBe(0);
    const paths = developmentCaPaths(ca.dir);
    const add = spawnSync(
      'certutil',
      ['-A', '-d', `sql:${nssDir}`, '-n', 'motcua-dev-ca', '-t', 'CT,C,C', '-i', paths.certificate],
      {
        encoding: 'utf8',
      },
    );
    expect(add.status).toBe(0);
    const good = judgeWithPdfsig(join(work, 'signed.pdf'), nssDir);
    expect(good).toContain('Signature Validation: Signature is Valid.');
    expect(good).toContain('Certificate Validation: Certificate is Trusted.');
    for (const form of served) {
      const verdict = judgeWithPdfsig(join(work, `${form.name}.pdf`), nssDir);
      expect(verdict).toContain('Signature Validation: Signature is Valid.');
      expect(verdict).toContain('Certificate Validation: Certificate is Trusted.');
    }
    const bad = judgeWithPdfsig(join(work, 'tampered.pdf'), nssDir);
    expect(bad).not.toContain('Signature Validation: Signature is Valid.');
  });

  it('a TSA that answers garbage, refuses or hangs makes the signed print a retryable 503, never a B-B form, and the form is issued once it is back', async () => {
    // Away from the intake on: the receipt cannot be issued at the moment of the action either.
    tsa.behaviour = 'garbage';
    let code: string;
    try {
      code = await receiveDesk('Trần Văn Bình');
      for (const behaviour of ['garbage', 'rejection', 'silent'] as const) {
        tsa.behaviour = behaviour;
        const response = await fetch(intake(`/dossiers/${code}/receipt`), {
          headers: { authorization: `Bearer ${clerk}`, accept: 'application/pdf' },
        });
        expect({ behaviour, status: response.status }).toEqual({ behaviour, status: 503 });
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(((await response.json()) as { type: string }).type).toContain('form-timestamp-unavailable');
      }
    } finally {
      tsa.behaviour = 'granted';
    }
    // Retried from form_issuance_pending: issued, stored in digitization, served as issued, B-T.
    const [stored] = await storedForms(code, 1);
    expect(stored.componentCode).toBe('MAU-01');
    const again = await fetch(intake(`/dossiers/${code}/receipt`), {
      headers: { authorization: `Bearer ${clerk}`, accept: 'application/pdf' },
    });
    expect(again.status).toBe(200);
    const receipt = Buffer.from(await again.arrayBuffer());
    expect(createHash('sha256').update(receipt).digest('hex')).toBe(stored.sha256);
    expect((await verifyStoredInEsignature(stored.id)).indication).toBe('TOTAL_PASSED');
  });
});
