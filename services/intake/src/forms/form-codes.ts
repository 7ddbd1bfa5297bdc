import type { IssuedFormCode } from '@motcua/contracts';

/**
 * The forms of the one-stop process (Circular 03/2025/TT-VPCP as DOMAIN.md §4 describes them, unconfirmed):
 * 01-05 are issued by the workflow action that makes them, 06 (control sheet) and 07 (tracking log) are
 * printed on request.
 */
export const FORM_CODES = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type FormCode = (typeof FORM_CODES)[number];

/** The forms that belong to one dossier (07 belongs to an agency and a period). */
export const DOSSIER_FORM_CODES = ['01', '02', '03', '04', '05', '06'] as const;
export type DossierFormCode = (typeof DOSSIER_FORM_CODES)[number];

export { ISSUED_FORM_CODES, type IssuedFormCode } from '@motcua/contracts';

/**
 * Which form a line of the control sheet issues, if any: 01 when the dossier enters RECEIVED for the first
 * time (a desk or postal intake, or the acceptance of an online dossier), 02-05 for their actions.
 * An IMPORT line issues nothing: its paper forms were issued before the dossier reached the system.
 */
export function formIssuedBy(line: {
  action: string;
  fromStatus: string | null;
  toStatus: string;
}): IssuedFormCode | null {
  switch (line.action) {
    case 'RECEIVE':
      return line.toStatus === 'RECEIVED' ? '01' : null;
    case 'ACCEPT':
      return '01';
    case 'REQUEST_SUPPLEMENT':
      return '02';
    case 'REJECT':
      return '03';
    case 'APOLOGIZE':
      return '04';
    case 'STOP':
      return '05';
    default:
      return null;
  }
}
