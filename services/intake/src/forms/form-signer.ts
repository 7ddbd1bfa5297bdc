/**
 * Signs a printed form for its agency: PAdES baseline B-B (B-T when a timestamp authority is configured),
 * appended to the PDF by incremental update, with the agency's key and certificate (a secret per agency;
 * in development, issued by the local development CA).
 */
export interface FormSigner {
  sign(request: FormSigningRequest): Promise<Buffer>;
}

export interface FormSigningRequest {
  agencyCode: string;
  /** The unsigned PDF as printed. */
  pdf: Buffer;
  /** The /Reason of the signature, e.g. "Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ". */
  reason: string;
  /** The signing time written in the signature: the moment of signing (an agency certificate may be younger than an old action). */
  signedAt: Date;
}
