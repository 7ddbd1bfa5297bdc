import type { EntityManager } from 'typeorm';
import { createCloudEvent, EVENT_EXAMPLES, EventType, EventTypes } from '@motcua/contracts';
import { handleByType } from '../src/inbox-consumer';

const manager = {} as EntityManager;
const context = { topic: 'motcua.dossier.v1', partition: 0, offset: '7' };
const example = <K extends EventType>(type: K) =>
  createCloudEvent({ type, source: '/test', subject: 'D1', data: EVENT_EXAMPLES[type] });

describe('handleByType', () => {
  it("calls the handler of the event's type with its typed data, and only that one", async () => {
    const calls: string[] = [];
    const handle = handleByType({
      [EventTypes.DossierReceivedV1]: async (e, m, c) => {
        // Typed: `applicant` exists on dossier.received.v1 data only.
        calls.push(`received ${e.data.applicant.fullName} ${m === manager} ${c.offset}`);
      },
      [EventTypes.CitizenVerifiedV1]: async (e) => {
        calls.push(`verified ${e.data.match}`);
      },
    });
    const received = example(EventTypes.DossierReceivedV1);
    await handle(received, manager, context);
    await handle(example(EventTypes.CitizenVerifiedV1), manager, context);
    expect(calls).toEqual(['received Nguyễn Văn An true 7', 'verified true']);
  });

  it('skips a type without a handler (another consumer cares, or a newer producer sent it)', async () => {
    const calls: string[] = [];
    const handle = handleByType({
      [EventTypes.DocumentReusedV1]: async () => {
        calls.push('reused');
      },
    });
    const payment = example(EventTypes.DossierPaymentRecordedV1);
    await handle(payment, manager, context);
    await handle({ ...payment, type: 'vn.motcua.dossier.archived.v1' } as never, manager, context);
    expect(calls).toEqual([]);
  });

  it('passes a failing handler’s error on (the consumer retries or dead-letters it)', async () => {
    const handle = handleByType({
      [EventTypes.DossierPaymentRecordedV1]: async () => {
        throw new Error('boom');
      },
    });
    const payment = example(EventTypes.DossierPaymentRecordedV1);
    await expect(handle(payment, manager, context)).rejects.toThrow('boom');
  });
});
