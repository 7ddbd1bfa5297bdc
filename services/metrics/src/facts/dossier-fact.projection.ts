import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CloudEvent, DossierReceivedV1, DossierStatusChangedV1, EventTypes } from '@motcua/contracts';
import { DossierFactEntity } from './dossier-fact.entity';

const FINISHED = new Set(['RESOLVED', 'REJECTED', 'WITHDRAWN', 'STOPPED']);

/** Folds dossier events into dossier_fact; runs inside the inbox transaction, so each event counts once. */
@Injectable()
export class DossierFactProjection {
  async apply(event: CloudEvent, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case EventTypes.DossierReceivedV1:
        return this.received(event.data as DossierReceivedV1, manager, event.time);
      case EventTypes.DossierStatusChangedV1:
        return this.statusChanged(event.data as DossierStatusChangedV1, manager, event.time);
      default:
        return; // other dossier events carry nothing the reports use
    }
  }

  private async received(data: DossierReceivedV1, manager: EntityManager, time: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(DossierFactEntity)
      .values({
        code: data.code,
        agencyCode: data.agencyCode,
        procedureCode: data.procedureCode,
        channel: data.channel,
        status: data.status,
        receivedAt: new Date(data.receivedAt),
        dueAt: data.dueAt ? new Date(data.dueAt) : null,
        lastEventAt: new Date(time),
      })
      .orIgnore()
      .execute();
  }

  private async statusChanged(
    data: DossierStatusChangedV1,
    manager: EntityManager,
    time: string,
  ): Promise<void> {
    const finished = FINISHED.has(data.toStatus) && !FINISHED.has(data.fromStatus);
    await manager.update(
      DossierFactEntity,
      { code: data.code },
      {
        status: data.toStatus,
        dueAt: data.dueAt ? new Date(data.dueAt) : null,
        supplementRequests: data.supplementRequests,
        lateByRule: data.apologized || data.supplementRequests > 1,
        elapsedWorkingMinutes: String(data.elapsedWorkingMinutes),
        lastEventAt: new Date(time),
        ...(finished ? { finishedAt: new Date(data.at), finishedAs: data.toStatus } : {}),
      },
    );
  }
}
