import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { createMotcuaClient, type MotcuaService } from '@motcua/client';
import { IsolatedStack, startIsolatedStack, tokenFor, waitFor } from '@motcua/testing';
// The esignature service's own test PKI and PAdES signer: a real root → issuing CA → signers, real CRLs.
import { createPdf, signPdf } from '@motcua/test-pki';
import { createTestPki, type TestPki } from '../services/esignature/test/support/test-pki';
import { bodyOf } from './support/response-body';

/**
 * The document side of a dossier, as its users see it, over HTTP only: a clerk receives a birth registration and
 * uploads the signed application form with its extracted data (digitization), esignature verifies the signature
 * from document.digitized, intake shows both on the dossier, the officer's electronic result becomes a record a
 * second dossier reuses without a new upload, a tampered PDF fails verification, and the auditor's digitization
 * report counts exactly what happened in this isolated stack.
 */
describe('documents and signatures: digitization, esignature, intake and metrics as processes', () => {
  const AGENCY = '000.00.12.H49';
  let system: IsolatedStack;
  let pki: TestPki;
  let clerk: string;
  let officer: string;
  let admin: string;
  let auditor: string;
  /** The Vietnam date the test began: a period from it (unless it is the 1st) makes metrics scan its facts. */
  let firstDay: string;
  const vietnamDate = (at: Date) => at.toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  let person: { idNumber: string; fullName: string; dateOfBirth: string; sex: 'MALE' | 'FEMALE' };
  let stranger: typeof person;

  // Facts carried from one step to the next (the steps run in order, as a dossier's life does).
  let birthCode: string;
  let formPdf: Uint8Array;
  let formDocumentId: string;
  let formVerificationId: string;
  let resultPdf: Uint8Array;
  let resultDocumentId: string;
  let resultRecordId: string;
  let copyCode: string;
  let reusedDocumentId: string;
  let tamperedDocumentId: string;

  const url = (service: string, path: string) => `${system.stack.url(service)}${path}`;
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const pem = (der: Uint8Array) =>
    `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
      .toString('base64')
      .replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;

  /** The typed client (@motcua/client) of a service, as the holder of `token`. */
  const clientOf = <S extends MotcuaService>(service: S, token: string) =>
    createMotcuaClient(service, { baseUrl: system.stack.url(service), token });

  async function call<T = Record<string, unknown>>(
    service: string,
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(url(service, path), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Multipart as the documented order wants it: the fields first, then the file. */
  function upload(
    code: string,
    token: string,
    fields: { componentCode: string; kind: string; origin: string; data?: unknown },
    file: Uint8Array,
    fileName: string,
  ) {
    const form = new FormData();
    form.append('componentCode', fields.componentCode);
    form.append('kind', fields.kind);
    form.append('origin', fields.origin);
    if (fields.data !== undefined) form.append('data', JSON.stringify(fields.data));
    form.append('file', new Blob([Buffer.from(file)], { type: 'application/pdf' }), fileName);
    return fetch(url('digitization', `/dossiers/${code}/documents`), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  }

  /**
   * Digitization learns dossiers from intake's events: until it has, the dossier is 404 there. Retries only that
   * answer, within a bound; any other answer is returned to be asserted.
   */
  async function onceDigitizationKnows<T>(
    send: () => Promise<Response>,
  ): Promise<{ status: number; body: T }> {
    return waitFor(
      async () => {
        const response = await send();
        const body = (await response.json()) as T & { type?: string };
        if (response.status === 404 && String(body.type ?? '').endsWith('dossier-not-found'))
          return undefined;
        return { status: response.status, body };
      },
      { what: 'digitization to learn the dossier from dossier.received', timeoutMs: 60_000, intervalMs: 250 },
    );
  }

  /** Polls until `read` gives a value matching `expected`; on timeout asserts the last one (a readable diff). */
  async function eventually<T>(read: () => Promise<T>, expected: unknown, what: string): Promise<T> {
    let last: T | undefined;
    try {
      return await waitFor(
        async () => {
          last = await read();
          return isDeepStrictEqual(pick(last, expected), expected) ? last : undefined;
        },
        { what, timeoutMs: 90_000, intervalMs: 300 },
      );
    } catch (error) {
      expect(last).toMatchObject(expected as object);
      throw error;
    }
  }

  /** The part of `value` that `shape` names (objects by key, arrays item by item), for partial matching. */
  function pick(value: unknown, shape: unknown): unknown {
    if (Array.isArray(shape))
      return Array.isArray(value) ? value.slice(0, shape.length).map((v, i) => pick(v, shape[i])) : value;
    if (shape && typeof shape === 'object') {
      if (!value || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.keys(shape).map((k) => [
          k,
          pick((value as Record<string, unknown>)[k], (shape as Record<string, unknown>)[k]),
        ]),
      );
    }
    return value;
  }

  type Component = {
    code: string;
    provided: boolean;
    documentId?: string;
    digitizationLevel?: string;
    reused?: boolean;
    signature?: { indication: string; subIndication?: string; verificationId: string };
  };
  /** GET /dossiers/{code} declares no response schema yet: the shape this test reads (see bodyOf). */
  const dossierView = bodyOf<{ components: Component[]; results: Component[] }>();
  const dossier = async (code: string) => {
    const result = await clientOf('intake', clerk).GET('/dossiers/{code}', { params: { path: { code } } });
    expect(result.response.status).toBe(200);
    return dossierView(result);
  };
  const componentsOf = async (code: string) => (await dossier(code)).components;
  const componentOf = async (code: string, componentCode: string) =>
    (await componentsOf(code)).find((c) => c.code === componentCode);
  /** Results (kind RESULT) are shown apart from the application's components. */
  const resultOf = async (code: string, componentCode: string) =>
    (await dossier(code)).results.find((c) => c.code === componentCode);

  /** POST /dossiers declares no 201 schema yet: the shape this test reads. */
  const createdDossier = bodyOf<{ code: string; status: string }>();
  const receive = async (procedureCode: string, applicant = person, agencyCode = AGENCY, token = clerk) => {
    const result = await clientOf('intake', token).POST('/dossiers', {
      body: {
        procedureCode,
        agencyCode,
        channel: 'DIRECT',
        applicant: {
          idNumber: applicant.idNumber,
          fullName: applicant.fullName,
          dateOfBirth: applicant.dateOfBirth,
          sex: applicant.sex,
          phone: '0912345678',
        },
      },
    });
    expect(result.response.status).toBe(201);
    const body = createdDossier(result);
    expect(body.status).toBe('RECEIVED');
    return body.code;
  };

  const act = async (code: string, action: 'START_PROCESSING' | 'RESOLVE' | 'RETURN_RESULT') => {
    const { response } = await clientOf('intake', officer).POST('/dossiers/{code}/actions', {
      params: { path: { code } },
      body: { action },
    });
    expect(response.status).toBe(200);
  };

  /** The steps build on each other: after a failed one, fail at once instead of waiting out every bound. */
  const needs = (...facts: unknown[]) => {
    if (facts.some((fact) => fact === undefined)) throw new Error('an earlier step failed; see its error');
  };

  beforeAll(async () => {
    firstDay = vietnamDate(new Date());
    [system, pki] = await Promise.all([startIsolatedStack('docs', 4200), createTestPki()]);
    clerk = await tokenFor(system.infra, 'clerk', AGENCY, 'clerk-docs-e2e');
    officer = await tokenFor(system.infra, 'officer', AGENCY, 'officer-docs-e2e');
    // Trust anchors are national: the national administrator pins them.
    admin = await tokenFor(system.infra, 'admin', '*', 'admin-docs-e2e');
    auditor = await tokenFor(system.infra, 'auditor', AGENCY, 'auditor-docs-e2e');
    // A person the population registry knows, so the applicant check is a match (and countable).
    // The registry stub's admin endpoints take no token; GET /admin/sample declares no response schema yet.
    const registry = createMotcuaClient('population-registry-stub', {
      baseUrl: system.stack.url('population-registry-stub'),
    });
    [person, stranger] = bodyOf<(typeof person)[]>()(
      await registry.GET('/admin/sample', { params: { query: { count: 2 } } }),
    );
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('the admin pins the test root as a trust anchor of esignature, effective for the next verification', async () => {
    // Signed by the declarant's certificate under the test root; the CRLs travel in the signature (PAdES-LT style).
    formPdf = signPdf(await createPdf(1, 'Tờ khai đăng ký khai sinh'), {
      signer: pki.rsa,
      chain: [pki.ca],
      crls: [pki.caCrl, pki.rootCrl],
    });
    const verifyUpload = async () => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from(formPdf)], { type: 'application/pdf' }), 'to-khai.pdf');
      const response = await fetch(url('esignature', '/verifications'), {
        method: 'POST',
        headers: { authorization: `Bearer ${clerk}` },
        body: form,
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { indication: string; subIndication?: string };
    };
    // Before the root is pinned, nothing vouches for the signer.
    expect(await verifyUpload()).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    });

    // The document types POST /trust-anchors' JSON body as a string (the service takes `{ pem }`), so the PEM goes
    // as the other documented body, a PEM file.
    const pinAs = (token: string) =>
      clientOf('esignature', token).POST('/trust-anchors', {
        body: pem(pki.root.certificate.der),
        headers: { 'content-type': 'application/x-pem-file' },
        bodySerializer: (body) => body,
      });
    expect((await pinAs(admin)).response.status).toBe(201);
    const anchors = await clientOf('esignature', clerk).GET('/trust-anchors');
    expect(anchors.response.status).toBe(200);
    // GET /trust-anchors declares no response schema yet: the shape this test reads.
    const listed = bodyOf<Array<{ subject: string; source: string }>>()(anchors);
    expect(listed).toEqual([expect.objectContaining({ source: 'ADMIN' })]);
    expect(listed[0].subject).toContain('Test Root CA');
    // A clerk cannot pin anything, nor can the province's administrator; the refusal is a typed problem.
    const byClerk = await pinAs(clerk);
    expect(byClerk.response.status).toBe(403);
    expect(byClerk.error?.status).toBe(403);
    const provinceAdmin = await tokenFor(system.infra, 'admin', '000.00.00.H49', 'admin-h49-e2e');
    expect((await pinAs(provinceAdmin)).response.status).toBe(403);
    expect(await verifyUpload()).toMatchObject({ indication: 'TOTAL_PASSED', labelVi: 'Hợp lệ' });
  });

  it('a clerk receives a birth registration at the desk and uploads the signed form with its data → STRUCTURED', async () => {
    birthCode = await receive('1.001193');
    const schema = await call<{ schema: { required: string[] } }>(
      'digitization',
      'GET',
      '/component-schemas/1.001193/TK01',
      clerk,
    );
    expect(schema.status).toBe(200);
    const data = {
      child: {
        fullName: 'Nguyễn Minh Khang',
        sex: 'MALE',
        dateOfBirth: '2026-11-20',
        placeOfBirth: 'Bệnh viện Sản Nhi Quảng Ninh',
        ethnicity: 'Kinh',
        nationality: 'Việt Nam',
      },
      mother: { fullName: 'Trần Thị Hoa', dateOfBirth: '1998-03-02' },
      declarant: { fullName: person.fullName, idNumber: person.idNumber, relationship: 'Cha' },
    };
    expect(Object.keys(data).sort()).toEqual([...schema.body.schema.required].sort());

    // Data that breaks the schema is refused with one error per field and stores nothing.
    const refused = await onceDigitizationKnows<{ errors: Array<{ field: string }> }>(() =>
      upload(
        birthCode,
        clerk,
        {
          componentCode: 'TK01',
          kind: 'APPLICATION',
          origin: 'ELECTRONIC',
          data: { ...data, declarant: { ...data.declarant, idNumber: '12' } },
        },
        formPdf,
        'to-khai.pdf',
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors.length).toBeGreaterThan(0);

    const stored = await onceDigitizationKnows<Record<string, unknown>>(() =>
      upload(
        birthCode,
        clerk,
        { componentCode: 'TK01', kind: 'APPLICATION', origin: 'ELECTRONIC', data },
        formPdf,
        'to-khai.pdf',
      ),
    );
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({
      dossierCode: birthCode,
      componentCode: 'TK01',
      kind: 'APPLICATION',
      origin: 'ELECTRONIC',
      digitizationLevel: 'STRUCTURED',
      mimeType: 'application/pdf',
      sha256: sha256(formPdf),
      size: formPdf.length,
      pageCount: 1,
      data,
      version: 1,
    });
    // A structured form is a record of the applicant: later procedures reuse its data.
    expect(stored.body.recordId).toEqual(expect.any(String));
    formDocumentId = stored.body.id as string;

    const listed = await call<Array<{ id: string }>>(
      'digitization',
      'GET',
      `/dossiers/${birthCode}/documents`,
      clerk,
    );
    expect(listed.body.map((d) => d.id)).toEqual([formDocumentId]); // the refused upload left no document
  });

  it('esignature verifies the form from document.digitized (TOTAL_PASSED, "Hợp lệ") and intake shows it on the dossier', async () => {
    needs(formDocumentId);
    const component = await eventually(
      () => componentOf(birthCode, 'TK01'),
      {
        code: 'TK01',
        provided: true,
        documentId: formDocumentId,
        digitizationLevel: 'STRUCTURED',
        signature: { indication: 'TOTAL_PASSED' },
      },
      'the form and its signature to reach intake',
    );
    expect(component!.signature!.subIndication).toBeUndefined();
    formVerificationId = component!.signature!.verificationId;

    const report = await call<{
      id: string;
      documentId: string;
      sha256: string;
      kind: string;
      indication: string;
      labelVi: string;
      signatures: Array<{
        type: string;
        signer: string;
        indication: string;
        labelVi: string;
        checks: Array<{ name: string; status: string }>;
      }>;
    }>('esignature', 'GET', `/verifications/${formVerificationId}`, clerk);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      id: formVerificationId,
      documentId: formDocumentId,
      sha256: sha256(formPdf),
      kind: 'PDF',
      indication: 'TOTAL_PASSED',
      labelVi: 'Hợp lệ',
    });
    expect(report.body.signatures).toHaveLength(1);
    const [signature] = report.body.signatures;
    expect(signature).toMatchObject({ type: 'SIGNATURE', indication: 'TOTAL_PASSED', labelVi: 'Hợp lệ' });
    expect(signature.signer).toContain('Nguyen Van An');
    expect(signature.checks.filter((c) => c.status === 'NOT_OK')).toEqual([]);
    expect(signature.checks.find((c) => c.name === 'REVOCATION')?.status).toBe('OK');

    // Asking again by document id gives the same report: one report per file.
    const again = await call<{ id: string }>('esignature', 'POST', '/verifications', clerk, {
      documentId: formDocumentId,
    });
    expect(again).toMatchObject({ status: 200, body: { id: formVerificationId } });
  });

  it("the officer's electronic result becomes a record that a second dossier reuses without a new upload", async () => {
    needs(formVerificationId);
    await act(birthCode, 'START_PROCESSING');
    // The birth certificate, signed by the agency's certificate under the same root (the dossier is resolved at
    // the end, once its documents are complete).
    resultPdf = signPdf(await createPdf(1, 'Giấy khai sinh (bản chính)'), {
      signer: pki.ecdsa,
      chain: [pki.ca],
      crls: [pki.caCrl, pki.rootCrl],
    });
    // Digitization takes a result only once it has learned from intake's status-changed that processing started:
    // until then the answer is 409 dossier-received; only that answer is retried.
    const result = await waitFor(
      async () => {
        const response = await upload(
          birthCode,
          officer,
          { componentCode: 'KQ01', kind: 'RESULT', origin: 'ELECTRONIC' },
          resultPdf,
          'giay-khai-sinh.pdf',
        );
        if (response.status !== 409) return response;
        const problem = (await response.clone().json()) as { type?: string };
        return String(problem.type).endsWith(':dossier-received') ? undefined : response;
      },
      { what: 'digitization to learn that processing started', timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(result.status).toBe(201);
    const resultBody = (await result.json()) as { id: string; recordId: string; digitizationLevel: string };
    expect(resultBody.digitizationLevel).toBe('SCAN_ONLY');
    expect(resultBody.recordId).toEqual(expect.any(String));
    resultDocumentId = resultBody.id;
    resultRecordId = resultBody.recordId;

    // The applicant's e-record store: the result and the structured form, nothing else.
    const records = await call<Array<Record<string, unknown>>>(
      'digitization',
      'GET',
      `/records?idNumber=${person.idNumber}&purpose=${birthCode}`,
      clerk,
    );
    expect(records.status).toBe(200);
    expect(records.body).toHaveLength(2);
    expect(records.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: resultRecordId,
          kind: 'RESULT',
          documentId: resultDocumentId,
          procedureCode: '1.001193',
          componentCode: 'KQ01',
          issuingAgency: AGENCY,
          mimeType: 'application/pdf',
          sha256: sha256(resultPdf),
        }),
        expect.objectContaining({
          kind: 'APPLICATION',
          documentId: formDocumentId,
          componentCode: 'TK01',
          digitizationLevel: 'STRUCTURED',
          data: expect.objectContaining({
            declarant: expect.objectContaining({ idNumber: person.idNumber }),
          }),
        }),
      ]),
    );

    // The lookup is in the e-record store's access log, with who, for which dossier and how many records.
    const accessLog = await call<{ items: Array<Record<string, unknown>> }>(
      'digitization',
      'GET',
      `/records/access-log?idNumber=${person.idNumber}&purpose=${birthCode}`,
      auditor,
    );
    expect(accessLog.status).toBe(200);
    expect(accessLog.body.items).toEqual([
      expect.objectContaining({ actor: 'clerk-docs-e2e', purpose: birthCode, resultCount: 2 }),
    ]);

    // A certified copy of the birth certificate for the same person: the original comes from the record store.
    copyCode = await receive('2.000815');
    const reuse = () =>
      fetch(url('digitization', `/dossiers/${copyCode}/documents/reuse`), {
        method: 'POST',
        headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
        body: JSON.stringify({ recordId: resultRecordId, componentCode: 'BC01' }),
      });
    const reused = await onceDigitizationKnows<Record<string, unknown>>(reuse);
    expect(reused.status).toBe(201);
    expect(reused.body).toMatchObject({
      dossierCode: copyCode,
      componentCode: 'BC01',
      reusedFromRecordId: resultRecordId,
      sha256: sha256(resultPdf),
      size: resultPdf.length,
    });
    reusedDocumentId = reused.body.id as string;
    expect(reusedDocumentId).not.toBe(resultDocumentId);
    // Reusing the same record for the same component again is the same reuse.
    const repeated = await reuse();
    expect(repeated.status).toBe(200);
    expect(((await repeated.json()) as { id: string }).id).toBe(reusedDocumentId);
    // Another person's dossier (at another agency: the e-record store is national) cannot take this record.
    const otherAgency = '000.00.13.H49';
    const otherClerk = await tokenFor(system.infra, 'clerk', otherAgency, 'clerk-other-docs-e2e');
    const strangerCode = await receive('2.000815', stranger, otherAgency, otherClerk);
    const refused = await onceDigitizationKnows<{ type: string }>(() =>
      fetch(url('digitization', `/dossiers/${strangerCode}/documents/reuse`), {
        method: 'POST',
        headers: { authorization: `Bearer ${otherClerk}`, 'content-type': 'application/json' },
        body: JSON.stringify({ recordId: resultRecordId, componentCode: 'BC01' }),
      }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/record-of-another-person$/);
    // The file is read through the new dossier, and it is the officer's file byte for byte.
    const content = await fetch(url('digitization', `/documents/${reusedDocumentId}/content`), {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(content.status).toBe(200);
    expect(sha256(new Uint8Array(await content.arrayBuffer()))).toBe(sha256(resultPdf));

    await eventually(
      () => componentOf(copyCode, 'BC01'),
      { code: 'BC01', provided: true, documentId: reusedDocumentId, reused: true },
      'the reuse to reach intake',
    );
    // The result shows on the first dossier with its verified signature.
    await eventually(
      () => resultOf(birthCode, 'KQ01'),
      {
        code: 'KQ01',
        documentId: resultDocumentId,
        signature: { indication: 'TOTAL_PASSED' },
      },
      'the result and its signature to reach intake',
    );
  });

  it('a tampered certificate of birth (one byte flipped inside the signed range) ends TOTAL_FAILED / HASH_FAILURE, shown by intake', async () => {
    needs(resultDocumentId, reusedDocumentId);
    const tampered = Buffer.from(
      signPdf(await createPdf(1, 'Giấy chứng sinh'), {
        signer: pki.ecdsa,
        chain: [pki.ca],
        crls: [pki.caCrl, pki.rootCrl],
      }),
    );
    // The binary comment on the header's second line: the bytes change, the structure does not.
    tampered[10] ^= 0x01;
    const response = await upload(
      birthCode,
      clerk,
      { componentCode: 'GCS01', kind: 'SUPPORTING', origin: 'ELECTRONIC' },
      tampered,
      'giay-chung-sinh.pdf',
    );
    expect(response.status).toBe(201);
    const { id: tamperedId } = (await response.json()) as { id: string };
    tamperedDocumentId = tamperedId;

    const component = await eventually(
      () => componentOf(birthCode, 'GCS01'),
      {
        code: 'GCS01',
        provided: true,
        documentId: tamperedId,
        signature: { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' },
      },
      'the failed verification to reach intake',
    );
    const report = await call<{
      indication: string;
      subIndication: string;
      labelVi: string;
      documentId: string;
      signatures: Array<{ checks: Array<{ name: string; status: string; failure?: string }> }>;
    }>('esignature', 'GET', `/verifications/${component!.signature!.verificationId}`, clerk);
    expect(report.body).toMatchObject({
      documentId: tamperedId,
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
      labelVi: 'Không hợp lệ',
    });
    expect(report.body.signatures[0].checks.find((c) => c.name === 'MESSAGE_DIGEST')).toMatchObject({
      status: 'NOT_OK',
      failure: 'HASH_MISMATCH',
    });
    // The form's verified signature is untouched by the other component's failure.
    expect((await componentOf(birthCode, 'TK01'))!.signature).toMatchObject({
      indication: 'TOTAL_PASSED',
      verificationId: formVerificationId,
    });
  });

  it("the officer resolves the dossier; the auditor's digitization report counts exactly what happened here", async () => {
    needs(tamperedDocumentId);
    await act(birthCode, 'RESOLVE');
    const expected = {
      received: 2,
      withDigitizedComponents: 2,
      resolved: 1,
      withElectronicResult: 1,
      electronicResultRate: 1,
      digitizedWithElectronicResult: 1,
      digitizationRate: 0.5,
      withReusedComponents: 1,
      reuseRate: 0.5,
      scannedDocuments: 0,
      scanOnlyDocuments: 0,
      scanOnlyShare: null,
      // The form and the result passed and the tampered certificate of birth failed (first dossier); the second
      // dossier's reused result carries the result's signature report (esignature repeats it for the reuse).
      verifiedDocuments: 4,
      validSignatureDocuments: 3,
      validSignatureRate: 0.75,
      applicantsMatched: 2,
      applicantsMismatched: 0,
      applicantChecksFailed: 0,
    };
    const report = await eventually(
      async () =>
        (
          await call<{ rows: Array<{ key: string }>; total: unknown }>(
            'metrics',
            'GET',
            '/reports/digitization',
            auditor,
          )
        ).body,
      { rows: [{ key: AGENCY, ...expected }], total: { key: 'total', ...expected } },
      'the digitization report to count every event',
    );
    expect(report.rows).toHaveLength(1);
    expect(report.total).toEqual({ key: 'total', ...expected });
    // The default period (1 January to today) is month-aligned and read from the monthly counts; a period that
    // starts today is counted from the facts themselves: both ways give the same numbers.
    const scanned = await call<{ total: unknown }>(
      'metrics',
      'GET',
      `/reports/digitization?from=${firstDay}&to=${vietnamDate(new Date())}`,
      auditor,
    );
    expect(scanned.status).toBe(200);
    expect(scanned.body.total).toEqual(report.total);
    const byProcedure = await call<{ rows: Array<Record<string, unknown>> }>(
      'metrics',
      'GET',
      '/reports/digitization?groupBy=procedure',
      auditor,
    );
    expect(byProcedure.body.rows).toEqual([
      expect.objectContaining({
        key: '1.001193',
        received: 1,
        withDigitizedComponents: 1,
        withElectronicResult: 1,
        withReusedComponents: 0,
        verifiedDocuments: 3,
        validSignatureDocuments: 2,
      }),
      expect.objectContaining({
        key: '2.000815',
        received: 1,
        withDigitizedComponents: 1,
        withReusedComponents: 1,
        verifiedDocuments: 1,
        validSignatureDocuments: 1,
      }),
    ]);
  });
});
