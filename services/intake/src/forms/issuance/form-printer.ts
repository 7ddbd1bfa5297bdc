import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { DossierFormInput, PrintedForm } from '../printed-form';
import { FormNotPrintable } from '../printing/dossier-forms';
import { printIssuedForm } from './print-issued-form';

type Reply = { id: number; printed: PrintedForm } | { id: number; error: { name: string; message: string } };

// The compiled worker beside this file; absent when the service runs from its TypeScript sources (the in-process
// integration tests), which then print on the calling thread.
const WORKER_FILE = join(__dirname, 'form-print.worker.js');

/**
 * Prints issued forms on a worker thread: a form costs ~35 ms of CPU (laying out and subsetting the text), which on the
 * service's event loop would hold every HTTP request behind it. One worker, started on first use and again after a
 * crash (the forms in flight then fail as transient errors, retried by the inbox).
 */
@Injectable()
export class FormPrinter implements OnModuleDestroy {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (form: PrintedForm) => void; reject: (e: Error) => void }
  >();

  print(input: DossierFormInput): Promise<PrintedForm> {
    if (!existsSync(WORKER_FILE)) return printIssuedForm(input);
    const worker = this.started();
    const id = (this.nextId += 1);
    return new Promise<PrintedForm>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE);
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (!waiting) return;
      if ('printed' in reply) waiting.resolve({ ...reply.printed, pdf: Buffer.from(reply.printed.pdf) });
      else
        waiting.reject(
          reply.error.name === FormNotPrintable.name
            ? new FormNotPrintable(reply.error.message)
            : new Error(`form print worker: ${reply.error.message}`),
        );
    });
    const failAll = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`form print worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
