import {
  CloudEvent,
  createCloudEvent,
  DossierAction,
  DossierStatus,
  EventData,
  EventType,
  EventTypes,
  OnlineConfirmationOutcome,
  Topic,
  Topics,
} from '@motcua/contracts';
import { vietnamInstant } from '@motcua/calendar';

/** '2026-02-02 09:00' in Vietnam time → ISO instant. */
export const vn = (local: string) => vietnamInstant(local.slice(0, 10), local.slice(11, 16)).toISOString();

export const DEPT_12 = '000.00.12.H49';
export const DEPT_13 = '000.00.13.H49';
export const OTHER_PROVINCE = '000.00.12.H50';
/** Processing limits the scenario uses: P1 three working days, P2 five, P3 forty-five. */
export const P1 = '1.001193';
export const P2 = '1.001612';
export const P3 = '1.004227';

type Channel = 'DIRECT' | 'ONLINE' | 'POSTAL';

export interface ActionSpec {
  action: DossierAction;
  at: string;
  to: DossierStatus;
  /** The deadline after the action. */
  dueAt: string | null;
  supplements?: number;
  apologized?: boolean;
  /** Working minutes on the clock at the action (hand-computed for RESOLVE; the others are not read). */
  elapsed?: number;
  /** The 8-working-hour confirmation intake reports with the action (online dossiers). */
  confirmation?: { dueAt: string; confirmedAt: string | null; outcome: OnlineConfirmationOutcome };
}

export interface DossierSpec {
  code: string;
  agency: string;
  procedure: string;
  channel: Channel;
  receivedAt: string;
  dueAt: string | null;
  actions: ActionSpec[];
}

export interface Published {
  topic: Topic;
  event: CloudEvent;
}

const SOURCE = '/test/metrics-scenario';

function event<K extends EventType>(type: K, subject: string, time: string, data: EventData<K>): CloudEvent {
  return createCloudEvent({ type, source: SOURCE, subject, time: new Date(time), data });
}

/** The events intake would publish for a dossier: received, then one status-changed per action. */
export function dossierEvents(spec: DossierSpec, from = 0, to = spec.actions.length): Published[] {
  const events: Published[] = [];
  const online = spec.channel === 'ONLINE';
  if (from === 0) {
    events.push({
      topic: Topics.Dossier,
      event: event(EventTypes.DossierReceivedV1, spec.code, spec.receivedAt, {
        code: spec.code,
        procedureCode: spec.procedure,
        agencyCode: spec.agency,
        channel: spec.channel,
        status: online ? 'SUBMITTED' : 'RECEIVED',
        receivedAt: spec.receivedAt,
        dueAt: spec.dueAt,
        applicant: { idNumber: '001203004567', fullName: 'Nguyễn Văn An', dateOfBirth: '2003-05-14' },
        imported: false,
      }),
    });
  }
  let status: DossierStatus = online ? 'SUBMITTED' : 'RECEIVED';
  spec.actions.forEach((a, index) => {
    const fromStatus = status;
    status = a.to;
    if (index < from || index >= to) return;
    const lateByRule = !!a.apologized || (a.supplements ?? 0) > 1;
    events.push({
      topic: Topics.Dossier,
      event: event(EventTypes.DossierStatusChangedV1, spec.code, a.at, {
        code: spec.code,
        procedureCode: spec.procedure,
        agencyCode: spec.agency,
        channel: spec.channel,
        action: a.action,
        fromStatus,
        toStatus: a.to,
        at: a.at,
        actor: 'officer-1',
        receivedAt: spec.receivedAt,
        dueAt: a.dueAt,
        elapsedWorkingMinutes: a.elapsed ?? 0,
        supplementRequests: a.supplements ?? 0,
        apologized: !!a.apologized,
        late: lateByRule || (!!a.dueAt && new Date(a.at).getTime() > new Date(a.dueAt).getTime()),
        ...(a.confirmation ? { onlineConfirmation: a.confirmation } : {}),
      }),
    });
  });
  return events;
}

let documentSeq = 0;

export function digitized(
  dossierCode: string,
  at: string,
  kind: 'APPLICATION' | 'SUPPORTING' | 'RESULT',
  origin: 'ELECTRONIC' | 'SCANNED_PAPER',
  level: 'SCAN_ONLY' | 'STRUCTURED',
  documentId = `doc-${++documentSeq}`,
  previousDocumentId?: string,
): Published {
  return {
    topic: Topics.Document,
    event: event(EventTypes.DocumentDigitizedV1, dossierCode, at, {
      documentId,
      dossierCode,
      componentCode: kind === 'RESULT' ? 'KQ' : 'TP1',
      kind,
      origin,
      digitizationLevel: level,
      mimeType: 'application/pdf',
      sha256: 'a'.repeat(64),
      size: 1024,
      storedAt: at,
      ...(previousDocumentId ? { previousDocumentId, version: 2 } : {}),
    }),
  };
}

export function reused(dossierCode: string, at: string): Published {
  return {
    topic: Topics.Document,
    event: event(EventTypes.DocumentReusedV1, dossierCode, at, {
      documentId: `doc-${++documentSeq}`,
      recordId: `rec-${documentSeq}`,
      dossierCode,
      componentCode: 'TP2',
      digitizationLevel: 'STRUCTURED',
      reusedAt: at,
    }),
  };
}

export function signature(
  dossierCode: string,
  documentId: string,
  at: string,
  indication: 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE',
  signatureCount?: number,
): Published {
  return {
    topic: Topics.Signature,
    event: event(EventTypes.SignatureVerifiedV1, dossierCode, at, {
      documentId,
      dossierCode,
      componentCode: 'KQ',
      verificationId: `ver-${documentId}-${at}`,
      indication,
      verifiedAt: at,
      ...(signatureCount === undefined ? {} : { signatureCount }),
    }),
  };
}

export function citizenVerified(dossierCode: string, at: string, match: boolean): Published {
  return {
    topic: Topics.Citizen,
    event: event(EventTypes.CitizenVerifiedV1, dossierCode, at, {
      dossierCode,
      match,
      mismatches: match ? [] : ['fullName'],
      verifiedAt: at,
    }),
  };
}

export function citizenFailed(dossierCode: string, at: string): Published {
  return {
    topic: Topics.Citizen,
    event: event(EventTypes.CitizenVerificationFailedV1, dossierCode, at, {
      dossierCode,
      reason: 'registry unavailable',
      attempts: 5,
      failedAt: at,
    }),
  };
}

export function payment(
  spec: DossierSpec,
  at: string,
  paymentStatus: 'PAID_ONLINE' | 'PAID_AT_DESK' | 'EXEMPT',
): Published {
  return {
    topic: Topics.Dossier,
    event: event(EventTypes.DossierPaymentRecordedV1, spec.code, at, {
      code: spec.code,
      agencyCode: spec.agency,
      procedureCode: spec.procedure,
      paymentStatus,
      amountVnd: paymentStatus === 'EXEMPT' ? 0 : 8000,
      paidAt: at,
    }),
  };
}

export function feedback(spec: DossierSpec, at: string, complaint: boolean): Published {
  return {
    topic: Topics.Dossier,
    event: event(EventTypes.DossierFeedbackRecordedV1, spec.code, at, {
      code: spec.code,
      agencyCode: spec.agency,
      procedureCode: spec.procedure,
      satisfaction: complaint ? 'UNSATISFIED' : 'SATISFIED',
      complaint,
      recordedAt: at,
    }),
  };
}
