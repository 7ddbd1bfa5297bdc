// The print worker's entry: prints issued forms off the service's event loop (FormPrinter).
import 'reflect-metadata';
import { parentPort } from 'node:worker_threads';
import type { DossierFormInput } from '../printed-form';
import { printIssuedForm } from './print-issued-form';

interface PrintRequest {
  id: number;
  input: DossierFormInput;
}

parentPort?.on('message', ({ id, input }: PrintRequest) => {
  printIssuedForm(input).then(
    (printed) => parentPort?.postMessage({ id, printed }),
    (error: Error) =>
      parentPort?.postMessage({ id, error: { name: error.constructor.name, message: error.message } }),
  );
});
