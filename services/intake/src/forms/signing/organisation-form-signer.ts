import { linkSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { localized, ProblemException } from '@motcua/http';
import {
  DAY_MS,
  DER_CODEC,
  DerCrl,
  issue,
  loadIssued,
  pemToDer,
  privateKeyPem,
  requestTimestamp,
  signPdf,
  signPdfAsync,
  TimestampError,
  toPem,
  type ChainCertificate,
  type Issued,
} from '@motcua/pdf';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { AgencyService } from '../../agencies/agency.service';
import { IntakeConfig } from '../../config/intake.config';
import type { FormSigner, FormSigningRequest } from '../form-signer';

/** The agency has no signing credentials (yet): the form cannot be issued signed; the caller retries later. */
export class FormSigningUnavailable extends ProblemException {
  constructor(agencyCode: string) {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      'form-signing-unavailable',
      localized(
        `No form-signing credentials are configured for agency ${agencyCode}.`,
        `Chưa cấu hình chứng thư số ký biểu mẫu cho cơ quan ${agencyCode}.`,
      ),
    );
  }
}

/**
 * A timestamp authority is configured but gave no usable token (down, slow, refusing, garbage): the form is not
 * issued as a B-B signature instead; the caller retries later.
 */
export class FormTimestampUnavailable extends ProblemException {
  constructor() {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      'form-timestamp-unavailable',
      localized(
        'The timestamp authority for form signatures did not answer usably; retry later.',
        'Máy chủ cấp dấu thời gian cho chữ ký biểu mẫu không phản hồi hợp lệ; vui lòng thử lại sau.',
      ),
    );
  }
}

interface AgencyCredentials {
  signer: Issued;
  chain: ChainCertificate[];
  /** Where the CRLs to embed are read from at each signature (a renewed CRL is picked up without a restart). */
  crlDir: string;
}

// Agency codes are validated on creation; this keeps a path built from one inside its folder whatever happens.
const SAFE_CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;
const AGENCY_CERTIFICATE_DAYS = 2 * 365;
const CRL_REREAD_MS = 10 * 60_000;

/** A DN attribute value with the RFC 4514 special characters escaped (agency names may hold commas). */
const dnValue = (value: string) => value.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`);

const pemBlocks = (text: string, label: string) =>
  text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g')) ?? [];

/**
 * Signs the one-stop forms for their agency: PAdES B-B (ETSI.CAdES.detached, signing-certificate-v2), B-T when a
 * timestamp authority is configured (FORM_SIGNING_TSA_URL: its token over the signature value), by incremental
 * update, the issuing chain in the CMS and the CA's CRL in the signed adbe-revocationInfoArchival attribute, so a
 * verifier that pins only the CA can check revocation at the signing time.
 * Credentials come from FORM_SIGNING_DIR (production secret) or, in development, are issued on first use by the
 * local development CA (FORM_SIGNING_DEV_CA_DIR) and kept beside it, so every instance and restart reuses them.
 */
@Injectable()
export class OrganisationFormSigner implements FormSigner {
  private readonly credentials = new Map<string, Promise<AgencyCredentials>>();
  private readonly crlCache = new Map<string, { readAt: number; crls: DerCrl[] }>();
  private readonly logger = new Logger(OrganisationFormSigner.name);

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    private readonly agencies: AgencyService,
  ) {}

  /** Whether any credentials source is configured (without one, forms are printed unsigned for paper). */
  get configured(): boolean {
    return !!(this.config.FORM_SIGNING_DIR || this.config.FORM_SIGNING_DEV_CA_DIR);
  }

  /**
   * The printed form as the agency issues it: signed now when signing is configured, as printed (for paper)
   * otherwise. Signed at the moment of signing: an agency's certificate may be younger than an old action.
   */
  signIfConfigured(agencyCode: string, pdf: Buffer, reason: string): Promise<Buffer> {
    if (!this.configured) return Promise.resolve(pdf);
    return this.sign({ agencyCode, pdf, reason, signedAt: new Date() });
  }

  async sign(request: FormSigningRequest): Promise<Buffer> {
    const credentials = await this.credentialsOf(request.agencyCode);
    const options = {
      signer: credentials.signer,
      chain: credentials.chain,
      signingTime: request.signedAt,
      archivedCrls: this.crls(credentials.crlDir),
      reason: request.reason,
    };
    if (!this.config.FORM_SIGNING_TSA_URL) return Buffer.from(signPdf(request.pdf, options));
    return Buffer.from(await signPdfAsync(request.pdf, options, (value) => this.timestamp(value)));
  }

  /** The TSA's token over the signature value (PAdES B-T); any failure is a retryable 503, never a B-B. */
  private async timestamp(signatureValue: Uint8Array): Promise<Uint8Array> {
    try {
      return await requestTimestamp(signatureValue, {
        url: this.config.FORM_SIGNING_TSA_URL,
        timeoutMs: this.config.FORM_SIGNING_TSA_TIMEOUT_MS,
        username: this.config.FORM_SIGNING_TSA_USERNAME || undefined,
        password: this.config.FORM_SIGNING_TSA_PASSWORD || undefined,
      });
    } catch (error) {
      if (!(error instanceof TimestampError)) throw error;
      this.logger.warn(`form signature not timestamped (${error.failure}): ${error.message}`);
      throw new FormTimestampUnavailable();
    }
  }

  private credentialsOf(agencyCode: string): Promise<AgencyCredentials> {
    if (!SAFE_CODE.test(agencyCode)) return Promise.reject(new FormSigningUnavailable(agencyCode));
    let pending = this.credentials.get(agencyCode);
    if (!pending) {
      pending = this.load(agencyCode);
      // A failure (missing secret) is not cached: the credentials may be mounted later.
      pending.catch(() => this.credentials.delete(agencyCode));
      this.credentials.set(agencyCode, pending);
    }
    return pending;
  }

  private async load(agencyCode: string): Promise<AgencyCredentials> {
    if (this.config.FORM_SIGNING_DIR)
      return this.fromSecret(join(this.config.FORM_SIGNING_DIR, agencyCode), agencyCode);
    if (this.config.FORM_SIGNING_DEV_CA_DIR) return this.fromDevelopmentCa(agencyCode);
    throw new FormSigningUnavailable(agencyCode);
  }

  private async fromSecret(dir: string, agencyCode: string): Promise<AgencyCredentials> {
    let key: string;
    let certificate: string;
    try {
      key = readFileSync(join(dir, 'key.pem'), 'utf8');
      certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
    } catch {
      throw new FormSigningUnavailable(agencyCode);
    }
    let chainPem = '';
    try {
      chainPem = readFileSync(join(dir, 'chain.pem'), 'utf8');
    } catch {
      // No chain file: the certificate is issued directly by a pinned CA.
    }
    const chain = pemToDer(chainPem, 'CERTIFICATE').map((der) => ({
      certificate: DER_CODEC.certificate(der),
    }));
    return { signer: await loadIssued(key, certificate), chain, crlDir: dir };
  }

  private async fromDevelopmentCa(agencyCode: string): Promise<AgencyCredentials> {
    const dir = this.config.FORM_SIGNING_DEV_CA_DIR;
    const ca = await loadIssued(
      readFileSync(join(dir, 'ca.key.pem'), 'utf8'),
      readFileSync(join(dir, 'trust', 'ca.crt'), 'utf8'),
    );
    const agenciesDir = join(dir, 'agencies');
    mkdirSync(agenciesDir, { recursive: true, mode: 0o700 });
    const path = join(agenciesDir, `${agencyCode}.pem`);
    const existing = this.readCredentialsFile(path);
    if (existing)
      return {
        signer: await loadIssued(existing.key, existing.certificate),
        chain: [ca],
        crlDir: join(dir, 'trust'),
      };
    const agency = await this.agencies.get(agencyCode);
    const name = agency?.name ?? agencyCode;
    const now = Date.now();
    const issued = await issue(DER_CODEC, ca, name, {
      key: { type: 'ec', curve: 'P-256' },
      subject: `CN=${dnValue(name)}, OU=${dnValue(agencyCode)}, O=${dnValue(name)}, C=VN`,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + AGENCY_CERTIFICATE_DAYS * DAY_MS),
    });
    const temporary = `${path}.${process.pid}.${now}.tmp`;
    writeFileSync(temporary, privateKeyPem(issued) + toPem(issued.certificate.der, 'CERTIFICATE'), {
      mode: 0o600,
    });
    try {
      // link() fails when another instance issued first: then everyone signs with the first one's certificate.
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
    const stored = this.readCredentialsFile(path)!;
    return {
      signer: await loadIssued(stored.key, stored.certificate),
      chain: [ca],
      crlDir: join(dir, 'trust'),
    };
  }

  private readCredentialsFile(path: string): { key: string; certificate: string } | undefined {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
    const [key] = pemBlocks(text, 'PRIVATE KEY');
    const [certificate] = pemBlocks(text, 'CERTIFICATE');
    return key && certificate ? { key, certificate } : undefined;
  }

  /** The CRLs to embed, read again at most every CRL_REREAD_MS (a renewed CRL arrives without a restart). */
  private crls(dir: string): DerCrl[] {
    const cached = this.crlCache.get(dir);
    if (cached && Date.now() - cached.readAt < CRL_REREAD_MS) return cached.crls;
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith('.crl'));
    } catch {
      names = [];
    }
    const crls = names.flatMap((name) => {
      const bytes = readFileSync(join(dir, name));
      const pem = pemToDer(bytes.toString('latin1'), 'X509 CRL');
      const ders = pem.length ? pem : bytes.length ? [new Uint8Array(bytes)] : [];
      return ders.map((der) => DER_CODEC.crl(der));
    });
    this.crlCache.set(dir, { readAt: Date.now(), crls });
    return crls;
  }
}
