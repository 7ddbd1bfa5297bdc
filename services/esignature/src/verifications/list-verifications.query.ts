import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PaginationQuery } from '@motcua/http';

export const DOCUMENT_ID = /^[A-Za-z0-9._:-]{1,200}$/;

/** GET /verifications?documentId=: a document's reports, latest first. */
export class ListVerificationsQuery extends PaginationQuery {
  @ApiProperty({ pattern: DOCUMENT_ID.source, example: '3b0e6f52-8c1d-4a7e-9f21-5d6c7b8a9e10' })
  @Matches(DOCUMENT_ID, { message: 'documentId must be a document id' })
  documentId!: string;
}
