import { createHash, randomUUID } from 'node:crypto';
import { AddressInfo, createServer, connect, Server, Socket } from 'node:net';
import PDFDocument from 'pdfkit';
import type { Producer } from 'kafkajs';
import { createCloudEvent, DossierStatus, EventTypes, type IssuedFormCode } from '@motcua/contracts';
import { eventProducer, TestIsolation } from '@motcua/testing';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A real PDF of `pages` pages (pdfkit), so libs/pdf counts them. */
export function pdfWithPages(pages: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false, compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (let i = 1; i <= pages; i += 1) doc.addPage().text(`Trang ${i}`);
    doc.end();
  });
}

export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF-test-image'),
]);
export const XML = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><GiayKhaiSinh><So>123</So></GiayKhaiSinh>',
);

export interface Part {
  name: string;
  value: string | { bytes: Buffer; type?: string; fileName?: string };
}

/** A multipart body with parts in the given order (fields before or after the file). */
export function form(parts: Part[]): FormData {
  const body = new FormData();
  for (const part of parts) {
    if (typeof part.value === 'string') body.append(part.name, part.value);
    else
      body.append(
        part.name,
        new Blob([new Uint8Array(part.value.bytes)], { type: part.value.type ?? '' }),
        part.value.fileName ?? 'document',
      );
  }
  return body;
}

export function documentForm(
  fields: { componentCode?: string; kind?: string; origin?: string; data?: unknown; size?: string },
  file: { bytes: Buffer; type?: string; fileName?: string },
  fileFirst = false,
): FormData {
  const fieldParts: Part[] = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([name, v]) => ({ name, value: typeof v === 'string' ? v : JSON.stringify(v) }));
  const filePart: Part = { name: 'file', value: file };
  return form(fileFirst ? [filePart, ...fieldParts] : [...fieldParts, filePart]);
}

/** Publishes intake's dossier events onto the isolation's dossier topic. */
export class DossierFeed {
  private producer: Producer | undefined;
  private readonly sent = new Map<string, { code: string; event: { id: string } }>();

  constructor(private readonly isolation: TestIsolation) {}

  async connect() {
    this.producer = await eventProducer(this.isolation, 'digitization-test-feed');
  }

  disconnect() {
    return this.producer?.disconnect();
  }

  async received(params: { agencyCode: string; idNumber: string; procedureCode?: string }): Promise<string> {
    const code = `${params.agencyCode}-261127-${randomUUID().slice(0, 8)}`;
    await this.receivedAs(code, params);
    return code;
  }

  /** Intake's received event for a given dossier code. */
  async receivedAs(
    code: string,
    params: { agencyCode: string; idNumber: string; procedureCode?: string },
  ): Promise<void> {
    const event = createCloudEvent({
      type: EventTypes.DossierReceivedV1,
      source: '/motcua/intake',
      subject: code,
      data: {
        code,
        procedureCode: params.procedureCode ?? '1.001193',
        agencyCode: params.agencyCode,
        channel: 'DIRECT',
        status: 'RECEIVED',
        receivedAt: new Date().toISOString(),
        dueAt: null,
        applicant: { idNumber: params.idNumber, fullName: 'Nguyễn Văn An', dateOfBirth: '1990-01-15' },
        imported: false,
      },
    });
    await this.send(code, event);
  }

  /**
   * Intake's status-changed event for a dossier of `agencyCode`, as intake writes it; `toStatus` is sent as given
   * (a value the contract does not know included). Returns the event id.
   */
  async statusChanged(
    code: string,
    agencyCode: string,
    toStatus: DossierStatus | string,
    options: { fromStatus?: DossierStatus; at?: Date } = {},
  ): Promise<string> {
    const at = (options.at ?? new Date()).toISOString();
    const event = createCloudEvent({
      type: EventTypes.DossierStatusChangedV1,
      source: '/motcua/intake',
      subject: code,
      data: {
        code,
        procedureCode: '1.001193',
        agencyCode,
        channel: 'DIRECT',
        action: 'START_PROCESSING',
        fromStatus: options.fromStatus ?? 'RECEIVED',
        toStatus: toStatus as DossierStatus,
        at,
        actor: 'officer-1',
        receivedAt: at,
        dueAt: null,
        elapsedWorkingMinutes: 0,
        supplementRequests: 0,
        apologized: false,
        late: false,
      },
    });
    await this.send(code, event);
    return event.id;
  }

  /** Intake's form-issued event for line `seq` of `code`, carrying `pdf`; `sha256` overrides the hash it states. */
  async formIssued(
    code: string,
    agencyCode: string,
    formCode: IssuedFormCode,
    pdf: Buffer,
    options: { seq?: number; sha256?: string } = {},
  ): Promise<string> {
    const seq = options.seq ?? 1;
    const event = createCloudEvent({
      type: EventTypes.DossierFormIssuedV1,
      source: '/motcua/intake',
      subject: code,
      data: {
        code,
        dossierCode: code,
        agencyCode,
        formCode,
        actionSeq: seq,
        action: formCode === '01' ? 'RECEIVE' : 'REJECT',
        title: `Mẫu ${formCode}`,
        template: {
          version: '2025-07-01',
          legalBasis: 'Thông tư 03/2025/TT-VPCP',
          effectiveFrom: '2025-07-01',
        },
        fileName: `mau-${formCode}-${code}-${seq}.pdf`,
        mimeType: 'application/pdf',
        sha256: options.sha256 ?? sha256(pdf),
        size: pdf.length,
        issuedAt: new Date().toISOString(),
        pdfBase64: pdf.toString('base64'),
      },
    });
    await this.send(code, event);
    return event.id;
  }

  /** Sends an event sent before once more, as a redelivery would. */
  resend(id: string): Promise<void> {
    const sent = this.sent.get(id);
    if (!sent) throw new Error(`DossierFeed: no event ${id} was sent`);
    return this.send(sent.code, sent.event);
  }

  private async send(code: string, event: { id: string }): Promise<void> {
    if (!this.producer) throw new Error('DossierFeed: connect() first');
    this.sent.set(event.id, { code, event });
    await this.producer.send({
      topic: `${this.isolation.topicPrefix}motcua.dossier.v1`,
      acks: -1,
      messages: [{ key: code, value: JSON.stringify(event) }],
    });
  }
}

/**
 * A TCP forwarder in front of the real S3 that a test can cut and restore: an S3 outage for the service under
 * test only, while the shared store keeps running for everyone else.
 */
export class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Refuses new connections and drops the open ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
