import { Client } from 'pg';
import { createServiceDataSourceOptions, runMigrations } from '@motcua/persistence';
import { createTestIsolation, TestIsolation } from '@motcua/testing';
import { intakeMigrations } from '../src/migrations';

/** Dossiers stored before documents were kept per document id keep showing what they showed. */
describe('intake: migration 1764460800000-dossier-documents on a database with earlier dossiers', () => {
  let isolation: TestIsolation;
  let db: Client;

  const migrate = (migrations: typeof intakeMigrations) =>
    runMigrations(
      createServiceDataSourceOptions({
        url: isolation.ownerDatabaseUrl,
        schema: isolation.schema,
        entities: [],
        migrations,
      }),
    );

  beforeAll(async () => {
    isolation = await createTestIsolation('intake-docs-migration');
    db = new Client({ connectionString: isolation.ownerDatabaseUrl });
    await db.connect();
    await db.query(`SET search_path = ${isolation.schema}`);
  });

  afterAll(async () => {
    await db?.end();
    await isolation?.cleanup();
  });

  it('backfills the documents shown, marks unknown-code components out of the catalogue and gives signatures a status', async () => {
    const before = intakeMigrations.findIndex((m) => m.name === 'DossierDocuments1764460800000');
    expect(before).toBeGreaterThan(0);
    await migrate(intakeMigrations.slice(0, before));
    // What the earlier projection stored: a catalogue component with a signed document, a bare unknown-code one.
    const legacy = [
      {
        code: 'TK01',
        name: 'Tờ khai',
        required: true,
        provided: true,
        documentId: 'old-tk',
        digitizationLevel: 'STRUCTURED',
        signature: { indication: 'TOTAL_PASSED', verificationId: 'ver-old' },
      },
      { code: 'GCS01', name: 'Giấy chứng sinh', required: true, provided: false },
      { code: 'KQ01', provided: true, documentId: 'old-kq', digitizationLevel: 'SCAN_ONLY', reused: true },
    ];
    await db.query(
      `INSERT INTO dossier (code, procedure_code, agency_code, channel, status, received_at, applicant_id_number,
                            applicant_full_name, applicant_date_of_birth, components, created_by, version)
       VALUES ('000.00.12.H49-261120-0001', '1.001193', '000.00.12.H49', 'DIRECT', 'PROCESSING',
               '2026-11-20T02:00:00Z', '001203004567', 'Nguyễn Văn An', '2003-05-14', $1, 'clerk-1', 1)`,
      [JSON.stringify(legacy)],
    );

    expect(await migrate(intakeMigrations.slice(0, before + 1))).toEqual(['DossierDocuments1764460800000']);

    const { rows: documents } = await db.query(
      `SELECT document_id, dossier_code, component_code, source, kind, occurred_at, digitization_level, signature
         FROM dossier_document ORDER BY document_id`,
    );
    expect(documents).toEqual([
      {
        document_id: 'old-kq',
        dossier_code: '000.00.12.H49-261120-0001',
        component_code: 'KQ01',
        source: 'REUSED',
        kind: null,
        occurred_at: new Date('2026-11-20T02:00:00Z'),
        digitization_level: 'SCAN_ONLY',
        signature: null,
      },
      {
        document_id: 'old-tk',
        dossier_code: '000.00.12.H49-261120-0001',
        component_code: 'TK01',
        source: 'DIGITIZED',
        kind: null,
        occurred_at: new Date('2026-11-20T02:00:00Z'),
        digitization_level: 'STRUCTURED',
        signature: {
          indication: 'TOTAL_PASSED',
          verificationId: 'ver-old',
          verifiedAt: '2026-11-20T02:00:00.000Z',
        },
      },
    ]);
    const {
      rows: [dossier],
    } = await db.query(`SELECT components, results FROM dossier`);
    expect(dossier.results).toEqual([]);
    expect(dossier.components).toEqual([
      { ...legacy[0], signature: { ...legacy[0].signature, status: 'TOTAL_PASSED' } },
      legacy[1],
      { ...legacy[2], inCatalogue: false },
    ]);
  });
});
