import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ReportFormat } from '../dto/report-query.dto';
import { toCsv } from './csv';
import { ReportTable } from './report-table';
import { toXlsx } from './xlsx';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** ?format= wins; otherwise `Accept: text/csv` asks for CSV; JSON by default. */
export function negotiateFormat(format: ReportFormat | undefined, accept: string | undefined): ReportFormat {
  if (format) return format;
  if (accept && /(^|,)\s*text\/csv\b/i.test(accept)) return 'csv';
  return 'json';
}

/** Sends a report as JSON, or its table as a CSV or XLSX download. */
export async function sendReport<R extends object>(
  report: R,
  format: ReportFormat,
  table: (report: R) => ReportTable,
  response: Response,
): Promise<R | StreamableFile> {
  if (format === 'json') return report;
  const rendered = table(report);
  const [body, type, extension] =
    format === 'csv'
      ? [toCsv(rendered), 'text/csv; charset=utf-8', 'csv']
      : [await toXlsx(rendered), XLSX_TYPE, 'xlsx'];
  response.setHeader('Content-Type', type);
  response.setHeader('Content-Disposition', `attachment; filename="${rendered.name}.${extension}"`);
  response.setHeader('Vary', 'Accept');
  return new StreamableFile(body);
}
