import { DOSSIER_STATUSES } from '@motcua/contracts';
import { statusRefusal } from '../../src/dossiers/dossier-status-rules';

const acceptedFor = (kind: 'APPLICATION' | 'SUPPORTING' | 'RESULT') =>
  DOSSIER_STATUSES.filter((status) => statusRefusal(status, kind) === null);

describe('which documents a dossier accepts in each status', () => {
  it('takes application and supporting documents until the dossier is decided or ended', () => {
    for (const kind of ['APPLICATION', 'SUPPORTING'] as const)
      expect(acceptedFor(kind)).toEqual(['SUBMITTED', 'RECEIVED', 'PROCESSING', 'SUPPLEMENT_REQUESTED']);
  });

  it('takes a result only while processing or once resolved (no refusal notice as a result)', () => {
    expect(acceptedFor('RESULT')).toEqual(['PROCESSING', 'RESOLVED']);
  });

  it('answers 409 with a problem type naming the status', () => {
    const refusal = statusRefusal('SUPPLEMENT_REQUESTED', 'RESULT')!;
    expect(refusal.getStatus()).toBe(409);
    expect(refusal.slug).toBe('dossier-supplement-requested');
    expect(refusal.extensions).toEqual({ dossierStatus: 'SUPPLEMENT_REQUESTED' });
    expect(statusRefusal('WITHDRAWN', 'APPLICATION')!.slug).toBe('dossier-withdrawn');
  });

  it('refuses nothing for a status not learned yet, and opens nothing to results for an unknown one', () => {
    expect(statusRefusal(null, 'RESULT')).toBeNull();
    expect(statusRefusal(null, 'APPLICATION')).toBeNull();
    expect(statusRefusal('ARCHIVED', 'SUPPORTING')).toBeNull();
    expect(statusRefusal('ARCHIVED', 'RESULT')!.slug).toBe('dossier-archived');
  });
});
