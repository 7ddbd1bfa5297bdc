import { formatVietnamDateTime } from '../receipts/receipt-text';
import { FormPdf, normalizedForPrint } from '../forms/printing/form-pdf';
import type { FormTemplate } from '../forms/printing/form-templates';
import { TRACKING_LOG_COLUMNS, type TrackingLog } from './tracking-log-row';

const vietnamDay = (day: string) => day.split('-').reverse().join('/');

/** Form 07 as an A4 landscape PDF: the Mẫu 06 columns, the table continuing across pages with its header. */
export function renderTrackingLogPdf(
  raw: TrackingLog,
  template: FormTemplate,
  printedAt: Date,
): Promise<Buffer> {
  const log = normalizedForPrint(raw);
  const shares = [0.04, 0.12, 0.1, 0.05, 0.09, 0.1, 0.09, 0.07, 0.07, 0.07, 0.07, 0.07, 0.06];
  return FormPdf.render(
    {
      title: `${template.title} ${log.agencyCode} ${log.from} - ${log.to}`,
      subject: `Mẫu ${template.formCode}: ${template.title}`,
      author: log.agencyName,
      at: printedAt,
      layout: 'landscape',
    },
    (form) => {
      form.heading({ agencyName: log.agencyName, agencyCode: log.agencyCode, date: printedAt });
      form.title(template.title, `Từ ngày ${vietnamDay(log.from)} đến ngày ${vietnamDay(log.to)}`);
      form.table(
        [
          { title: 'STT', share: shares[0], align: 'center' },
          ...TRACKING_LOG_COLUMNS.map((column, i) => ({
            title: column.header,
            share: shares[i + 1],
            align: column.kind === 'text' ? ('left' as const) : ('center' as const),
          })),
        ],
        log.rows.map((row, i) => [
          String(i + 1),
          ...TRACKING_LOG_COLUMNS.map((column) => {
            const value = column.value(row);
            if (value instanceof Date) return formatVietnamDateTime(value);
            return value === null ? '' : String(value);
          }),
        ]),
        ['', 'Không có hồ sơ trong kỳ', '', '', '', '', '', '', '', '', '', '', ''],
        8,
      );
      form.footer(template);
    },
  );
}
