import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PaginationQuery } from '@motcua/http';

export const DOCUMENT_ID = /^[A-Za-z0-9._:-]{1,200}$/;

/** GET /verifications?documentId=: a document's reports, latest first. */
export class ListVerificationsQuery extends PaginationQuery {
  @ApiProperty({ pattern: DOCUMENT_ID.source })
  @Matches(DOCUMENT_ID, { message: 'documentId must be a document id' })
  documentId!: string;
}
