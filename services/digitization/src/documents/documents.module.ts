import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { LedgerModule } from '../ledger/ledger.module';
import { RecordAccessLog } from '../records/record-access-log';
import { MyRecordAccessLogController } from '../records/my-access-log.controller';
import { RecordController } from '../records/record.controller';
import { RecordService } from '../records/record.service';
import { ComponentSchemaModule } from '../schemas/component-schema.module';
import { OrphanReaper } from '../storage/orphan-reaper';
import { StreamingObjectWriter } from '../storage/streaming-object-writer';
import { DocumentContentService } from './document-content.service';
import { DocumentController } from './document.controller';
import { DocumentLookup } from './document-lookup';
import { DocumentStore } from './document-store';
import { DocumentUploadService } from './document-upload.service';
import { PageCounter } from './page-counter';
import { RetentionService } from './retention.service';

@Module({
  imports: [DossiersModule, LedgerModule, ComponentSchemaModule],
  controllers: [DocumentController, RecordController, MyRecordAccessLogController],
  providers: [
    DocumentLookup,
    DocumentUploadService,
    DocumentStore,
    DocumentContentService,
    RetentionService,
    RecordService,
    RecordAccessLog,
    PageCounter,
    StreamingObjectWriter,
    OrphanReaper,
  ],
  exports: [DocumentStore, PageCounter],
})
export class DocumentsModule {}
