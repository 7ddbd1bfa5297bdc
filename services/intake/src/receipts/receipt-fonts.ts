import { readFileSync } from 'node:fs';

/**
 * Noto Serif (SIL Open Font License 1.1) from the npm package @expo-google-fonts/noto-serif:
 * full Vietnamese coverage, and a serif face like the Times New Roman that administrative
 * documents use. PDF's built-in Helvetica has no Vietnamese letters (ư, ơ, đ, ệ, …).
 * Resolved as a package file, so it is found from src/ under Jest, from dist/ and in the image,
 * and nothing is fetched at run time. pdfkit embeds only the glyphs a receipt uses.
 */
const FONT_PACKAGE = '@expo-google-fonts/noto-serif';
const FONT_FILES = {
  regular: `${FONT_PACKAGE}/400Regular/NotoSerif_400Regular.ttf`,
  bold: `${FONT_PACKAGE}/700Bold/NotoSerif_700Bold.ttf`,
  italic: `${FONT_PACKAGE}/400Regular_Italic/NotoSerif_400Regular_Italic.ttf`,
} as const;

export type ReceiptFontRole = keyof typeof FONT_FILES;

let loaded: Record<ReceiptFontRole, Buffer> | undefined;

/** The font files, read once per process. */
export function receiptFonts(): Record<ReceiptFontRole, Buffer> {
  loaded ??= {
    regular: readFileSync(require.resolve(FONT_FILES.regular)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
    italic: readFileSync(require.resolve(FONT_FILES.italic)),
  };
  return loaded;
}
