// A small PDF to sign in tests (the signer itself is the product's: libs/pdf signing/pades).
import PDFKit from 'pdfkit';

export function createPdf(pages = 1, text = 'Giấy xác nhận — một cửa'): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFKit({ autoFirstPage: false, compress: true });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    for (let i = 0; i < pages; i += 1)
      doc
        .addPage()
        .fontSize(14)
        .text(`${text} (${i + 1})`);
    doc.end();
  });
}
