import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { TrustStoreAndVerifications1764547200000 } from './1764547200000-trust-store-and-verifications';
import { VerificationAgency1764633600000 } from './1764633600000-verification-agency';
import { TrustGenerationsAndReuse1764720000000 } from './1764720000000-trust-generations-and-reuse';
import { VerificationCertificateIssuers1764892800000 } from './1764892800000-verification-certificate-issuers';
import { NationalChangeLog1764979200000 } from '@motcua/persistence';
import { TrustAnchorWithdrawal1765065600000 } from './1765065600000-trust-anchor-withdrawal';
import { OutboxTraceparent1765324800000 } from './1765324800000-outbox-traceparent';

/** In order of application; a committed migration is never edited, only followed by a new one. */
export const esignatureMigrations = [
  InitialSchema1764201600000,
  TrustStoreAndVerifications1764547200000,
  VerificationAgency1764633600000,
  TrustGenerationsAndReuse1764720000000,
  VerificationCertificateIssuers1764892800000,
  NationalChangeLog1764979200000,
  TrustAnchorWithdrawal1765065600000,
  OutboxTraceparent1765324800000,
];
