import { ApiProperty } from '@nestjs/swagger';
import type { TrustSource } from './trust-anchor.entity';
import type { AnchorView, CrlView } from './trust-store.service';

const SOURCES: TrustSource[] = ['DIRECTORY', 'ADMIN'];

/** A trusted root or intermediate CA certificate. */
export class TrustAnchorResponse implements AnchorView {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the DER certificate' })
  fingerprint: string;

  @ApiProperty({ example: 'CN=Vietnam National Root CA, O=Ban Cơ yếu Chính phủ, C=VN' })
  subject: string;

  @ApiProperty({ type: String, format: 'date-time' })
  notBefore: string;

  @ApiProperty({ type: String, format: 'date-time' })
  notAfter: string;

  @ApiProperty({ enum: SOURCES })
  source: TrustSource;

  @ApiProperty({ type: String, format: 'date-time' })
  addedAt: string;
}

/** A certificate revocation list in the trust store. */
export class CrlResponse implements CrlView {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  sha256: string;

  @ApiProperty({ example: 'CN=Vietnam National Root CA, O=Ban Cơ yếu Chính phủ, C=VN' })
  issuer: string;

  @ApiProperty({ type: String, format: 'date-time' })
  thisUpdate: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextUpdate: string | null;

  @ApiProperty({ enum: SOURCES })
  source: TrustSource;

  @ApiProperty({ type: String, format: 'date-time' })
  addedAt: string;
}
