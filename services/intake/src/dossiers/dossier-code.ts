/**
 * Dossier code `<agency>-<YYMMDD>-<NNNN>` (DOMAIN.md §5), made by `intake_receive_dossier` in the database
 * (migration 1764633616000) under the agency-day counter's lock. The sequence is four digits; a day with more
 * than 9,999 dossiers at one agency widens it rather than ever reusing a code.
 */
export const DOSSIER_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}$/;
