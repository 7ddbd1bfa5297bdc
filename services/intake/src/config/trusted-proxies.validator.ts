import { ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { TrustedProxies } from '../public-lookup/client-address';

/** PUBLIC_LOOKUP_TRUSTED_PROXIES must parse: a typo fails at start, not as every client sharing one bucket. */
@ValidatorConstraint({ name: 'trustedProxies' })
export class TrustedProxiesSpec implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    try {
      new TrustedProxies(String(value));
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'PUBLIC_LOOKUP_TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges';
  }
}
