/** One message in every language an answer may be given in (Vietnamese for clerks and citizens, English). */
export interface LocalizedText {
  readonly en: string;
  readonly vi: string;
}

export const localized = (en: string, vi: string): LocalizedText => ({ en, vi });

export const isLocalizedText = (value: unknown): value is LocalizedText =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as LocalizedText).en === 'string' &&
  typeof (value as LocalizedText).vi === 'string';
