import type { VerificationReport } from '../verification/verifier';

/** The trust store as DER bytes, versioned so a worker thread re-parses it only when it changed. */
export interface TrustSnapshot {
  version: string;
  anchors: Uint8Array[];
  crls: Uint8Array[];
}

export interface VerificationJob {
  kind: 'PDF' | 'DETACHED_CMS';
  file: Uint8Array;
  /** Detached CMS signature (kind DETACHED_CMS). */
  signature?: Uint8Array;
}

export interface ThreadRequest {
  id: number;
  job: VerificationJob;
  trust: TrustSnapshot;
  /** PDF parsing limits (nesting depth, inflate output, ...). */
  limits: {
    maxDepth: number;
    maxItems: number;
    maxInflatePerStream: number;
    maxInflateTotal: number;
    maxFileSize: number;
  };
}

export type ThreadResponse = { id: number; report: VerificationReport } | { id: number; error: string };
