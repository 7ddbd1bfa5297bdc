import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '@motcua/auth';
import { createCloudEvent, EVENT_EXAMPLES, EventTypes } from '@motcua/contracts';
import { DossierDirectory } from '../../src/dossiers/dossier-directory';
import { KnownDossierEntity } from '../../src/dossiers/known-dossier.entity';

const AGENCY = '000.00.12.H49';
const clerk = { sub: 'clerk-1', roles: ['clerk'], agency: AGENCY } as unknown as Principal;
const otherAgency = { sub: 'clerk-2', roles: ['clerk'], agency: '000.00.13.H49' } as unknown as Principal;

/** A database of known dossiers that counts its reads. */
function fakeDatabase() {
  const rows = new Map<string, KnownDossierEntity>();
  const state = { reads: 0 };
  const manager = {
    findOneBy: async (_entity: unknown, where: { code: string }) => {
      state.reads += 1;
      const row = rows.get(where.code);
      return row ? { ...row } : null;
    },
    query: async () => [],
  } as unknown as EntityManager;
  const learn = (code: string, applicantIdNumber: string | null) =>
    rows.set(code, {
      code,
      agencyCode: AGENCY,
      procedureCode: '1.001193',
      applicantIdNumber,
      status: 'RECEIVED',
      statusAt: new Date(),
      learnedAt: new Date(),
    });
  return { rows, state, manager, learn, dataSource: { manager } as unknown as DataSource };
}

const statusChanged = (code: string) =>
  createCloudEvent({
    type: EventTypes.DossierStatusChangedV1,
    source: '/test',
    subject: code,
    data: { ...EVENT_EXAMPLES[EventTypes.DossierStatusChangedV1], code, dossierCode: code },
  });

describe('DossierDirectory', () => {
  it('serves a complete dossier from memory after the first read, still checking the agency each time', async () => {
    const db = fakeDatabase();
    db.learn('D1', '001090000001');
    const directory = new DossierDirectory(db.dataSource);
    expect((await directory.visible('D1', clerk)).applicantIdNumber).toBe('001090000001');
    expect((await directory.visible('D1', clerk)).code).toBe('D1');
    expect(db.state.reads).toBe(1);
    await expect(directory.visible('D1', otherAgency)).rejects.toMatchObject({ status: 404 });
  });

  it('never remembers an unknown or incomplete dossier, so one learned a moment later is seen at once', async () => {
    const db = fakeDatabase();
    const directory = new DossierDirectory(db.dataSource);
    await expect(directory.visible('D2', clerk)).rejects.toMatchObject({ status: 404 });
    db.learn('D2', null);
    expect((await directory.visible('D2', clerk)).applicantIdNumber).toBeNull();
    db.learn('D2', '001090000001');
    expect((await directory.visible('D2', clerk)).applicantIdNumber).toBe('001090000001');
    expect(db.state.reads).toBe(3);
  });

  it('forgets a dossier when one of its events is applied, and reads inside a caller transaction bypass memory', async () => {
    const db = fakeDatabase();
    db.learn('D3', '001090000001');
    const directory = new DossierDirectory(db.dataSource);
    await directory.visible('D3', clerk);
    await directory.apply(statusChanged('D3'), db.manager);
    db.learn('D3', '001085000002');
    expect((await directory.visible('D3', clerk)).applicantIdNumber).toBe('001085000002');
    await directory.visible('D3', clerk, db.manager);
    expect(db.state.reads).toBe(3);
  });

  it('forgets a dossier again once its event committed, dropping a status read while the event was applied', async () => {
    const db = fakeDatabase();
    db.learn('D4', '001090000001');
    const directory = new DossierDirectory(db.dataSource);
    await directory.apply(statusChanged('D4'), db.manager);
    // An upload reads the row before the inbox transaction commits: the old status goes into memory.
    expect((await directory.visible('D4', clerk)).status).toBe('RECEIVED');
    db.rows.get('D4')!.status = 'REJECTED';
    directory.forget('D4');
    expect((await directory.visible('D4', clerk)).status).toBe('REJECTED');
  });
});
