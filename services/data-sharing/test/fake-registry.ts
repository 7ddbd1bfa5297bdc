import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface FakePerson {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'MALE' | 'FEMALE';
  address?: string;
}

export interface FakeRequest {
  method: string;
  path: string;
  requester: string | undefined;
  purpose: string | undefined;
  answered: number;
}

/**
 * A tiny stand-in for the population registry (ARCHITECTURE.md §7 contract), with an outage switch:
 * exact comparisons, required X-Requester/X-Purpose headers, 503 while `down`.
 */
export class FakeRegistry {
  down = false;
  /** ID numbers whose verification the registry refuses with 400 (a non-retryable answer). */
  readonly refuse = new Set<string>();
  readonly requests: FakeRequest[] = [];
  private server!: Server;
  url = '';

  constructor(private readonly people: FakePerson[]) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Requests that reached the registry (answered or not) for one purpose (dossier code). */
  requestsFor(purpose: string): FakeRequest[] {
    return this.requests.filter((r) => r.purpose === purpose);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').split('?')[0];
    const requester = req.headers['x-requester'] as string | undefined;
    const purpose = req.headers['x-purpose'] as string | undefined;
    const send = (status: number, body: unknown) => {
      this.requests.push({ method: req.method ?? '', path, requester, purpose, answered: status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (this.down) return send(503, { title: 'registry unavailable' });
    if (!requester || !purpose) return send(400, { title: 'X-Requester and X-Purpose are required' });
    if (req.method === 'POST' && path === '/api/v1/citizens/verify') {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
      if (this.refuse.has(body.idNumber)) return send(400, { title: 'refused' });
      const person = this.people.find((p) => p.idNumber === body.idNumber);
      if (!person) return send(200, { match: false, mismatches: ['idNumber'] });
      const mismatches = [
        ...(person.fullName === body.fullName ? [] : ['fullName']),
        ...(person.dateOfBirth === body.dateOfBirth ? [] : ['dateOfBirth']),
      ];
      return send(200, { match: mismatches.length === 0, mismatches });
    }
    const match = /^\/api\/v1\/citizens\/([0-9]+)$/.exec(path);
    if (req.method === 'GET' && match) {
      const person = this.people.find((p) => p.idNumber === match[1]);
      return person ? send(200, person) : send(404, { title: 'not found' });
    }
    return send(404, { title: 'no such endpoint' });
  }
}
