import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'minio';
import type { Logger } from 'pino';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from '@motcua/messaging';
import { OBJECT_STORAGE } from '@motcua/object-storage';
import { countPdfPages } from '@motcua/pdf';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { DigitizationConfig } from '../config/digitization.config';
import { storageUnavailable } from '../storage/storage-errors';
import type { StoredObject } from '../storage/streaming-object-writer';

/**
 * Page counts of stored PDFs (Circular 01/2023: a scan has as many pages as the original), from libs/pdf.
 * Null when the PDF is above PDF_PAGE_COUNT_MAX_BYTES or cannot be parsed: the document is still stored.
 */
@Injectable()
export class PageCounter {
  private readonly logger: Logger;

  constructor(
    @Inject(OBJECT_STORAGE) private readonly client: Client,
    @Inject(SERVICE_CONFIG) private readonly config: DigitizationConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
  ) {
    this.logger = messaging.logger.child({ component: 'page-counter' });
  }

  async count(stored: StoredObject, bucket: string, key: string): Promise<number | null> {
    if (stored.mimeType !== 'application/pdf' || stored.size > this.config.PDF_PAGE_COUNT_MAX_BYTES)
      return null;
    const bytes = stored.singlePart ?? (await this.readBack(bucket, key));
    try {
      return countPdfPages(bytes);
    } catch (error) {
      this.logger.warn({ err: error, key }, 'stored a PDF whose page count could not be read');
      return null;
    }
  }

  private async readBack(bucket: string, key: string): Promise<Buffer> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.client.getObject(bucket, key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (error) {
      throw storageUnavailable(error);
    }
  }
}
