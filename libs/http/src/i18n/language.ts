export { isLocalizedText, localized, type LocalizedText } from '@motcua/contracts';

/** The languages problem details are written in: Vietnamese for clerks and citizens, English otherwise. */
export type Language = 'vi' | 'en';

interface Range {
  tag: string;
  quality: number;
}

function rangesOf(header: string): Range[] {
  return header
    .split(',')
    .map((part) => {
      const [tag, ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => /^q=/i.test(p));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0 };
    })
    .filter((range) => range.tag !== '' && range.quality > 0);
}

/**
 * The language of the answer from an Accept-Language header (RFC 9110 §12.5.4, basic filtering): the range of
 * highest quality that names Vietnamese or English wins; the earlier one on a tie; English when none does.
 */
export function negotiateLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return 'en';
  let best: { language: Language; quality: number } | undefined;
  for (const { tag, quality } of rangesOf(value)) {
    const primary = tag.split('-')[0];
    const language = primary === 'vi' ? 'vi' : primary === 'en' ? 'en' : undefined;
    if (language && (!best || quality > best.quality)) best = { language, quality };
  }
  return best?.language ?? 'en';
}
