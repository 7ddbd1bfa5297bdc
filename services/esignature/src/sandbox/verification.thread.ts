// Worker-thread entry: verifies one job at a time inside the resource limits set by VerificationSandbox.
import { parentPort } from 'node:worker_threads';
import { Certificate, RevocationList } from '../verification/certificates';
import type { TrustMaterial } from '../verification/chain';
import { documentFailure, verifyDetached, verifyPdf } from '../verification/verifier';
import type { ThreadRequest, ThreadResponse, TrustSnapshot } from './verification-job';

let cached: { version: string; trust: TrustMaterial } | undefined;

function trustOf(snapshot: TrustSnapshot): TrustMaterial {
  if (cached?.version !== snapshot.version) {
    cached = {
      version: snapshot.version,
      trust: {
        anchors: snapshot.anchors.map((der) => Certificate.cached(der)),
        crls: snapshot.crls.map((der) => RevocationList.cached(der)),
      },
    };
  }
  return cached.trust;
}

parentPort?.on('message', (request: ThreadRequest) => {
  let response: ThreadResponse;
  try {
    const context = { trust: trustOf(request.trust), limits: request.limits };
    const report =
      request.job.kind === 'PDF'
        ? verifyPdf(request.job.file, context)
        : verifyDetached(request.job.file, request.job.signature ?? new Uint8Array(), context);
    response = { id: request.id, report };
  } catch (error) {
    // Whatever escapes the verifier still ends as a report (INDETERMINATE / FORMAT_FAILURE), never a 500.
    response = {
      id: request.id,
      report: documentFailure(
        request.job.kind === 'PDF' ? 'PDF' : 'DETACHED_CMS',
        'UNREADABLE_DOCUMENT',
        `unexpected structure: ${(error as Error).message}`,
      ),
    };
  }
  parentPort!.postMessage(response);
});
