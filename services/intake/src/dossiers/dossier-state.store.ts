import { EntityManager } from 'typeorm';
import { DossierActionEntity } from './dossier-action.entity';
import { DossierClockSegmentEntity } from './dossier-clock-segment.entity';
import { DossierEntity } from './dossier.entity';
import { ClockSegment, WorkflowState } from './workflow/dossier-workflow';

/** Maps between the stored dossier (row + clock segments) and the pure workflow state. */
export async function loadWorkflowState(
  manager: EntityManager,
  dossier: DossierEntity,
): Promise<WorkflowState> {
  const segments = await manager.find(DossierClockSegmentEntity, {
    where: { dossierCode: dossier.code },
    order: { seq: 'ASC' },
  });
  return {
    status: dossier.status,
    resumeStatus: dossier.resumeStatus,
    dueAt: dossier.dueAt,
    clock: segments.map((s) => ({ startedAt: s.startedAt, endedAt: s.endedAt })),
    supplementRequests: dossier.supplementRequests,
    apologized: dossier.apologized,
    lateByRule: dossier.lateByRule,
    finishedAt: dossier.finishedAt,
  };
}

export function applyStateTo(dossier: DossierEntity, state: WorkflowState): void {
  Object.assign(dossier, {
    status: state.status,
    resumeStatus: state.resumeStatus,
    dueAt: state.dueAt,
    supplementRequests: state.supplementRequests,
    apologized: state.apologized,
    lateByRule: state.lateByRule,
    finishedAt: state.finishedAt,
  });
}

/** Segments are only ever closed or appended, so an upsert by position writes exactly what changed. */
export async function saveClock(
  manager: EntityManager,
  dossierCode: string,
  clock: ClockSegment[],
): Promise<void> {
  if (clock.length === 0) return;
  await manager.upsert(
    DossierClockSegmentEntity,
    clock.map((segment, index) => ({
      dossierCode,
      seq: index + 1,
      startedAt: segment.startedAt,
      endedAt: segment.endedAt,
    })),
    ['dossierCode', 'seq'],
  );
}

export async function appendAction(
  manager: EntityManager,
  row: Omit<DossierActionEntity, 'id' | 'seq' | 'recordedAt' | 'details'> & {
    /** Known for the first line (1); otherwise the next free position. */
    seq?: number;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const next =
    row.seq ??
    (
      await manager.query(
        'SELECT coalesce(max(seq), 0) + 1 AS next FROM dossier_action WHERE dossier_code = $1',
        [row.dossierCode],
      )
    )[0].next;
  // TypeORM's deep-partial type cannot express an open JSON object.
  await manager.insert(DossierActionEntity, { ...row, seq: next, details: (row.details ?? {}) as never });
}
