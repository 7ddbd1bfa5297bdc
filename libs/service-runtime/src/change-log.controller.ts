import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles, Scope } from '@motcua/auth';
import { ApiPagedResponse, ChangeLogEntryResponse, PaginationQuery } from '@motcua/http';
import { listChanges } from '@motcua/persistence';

export class ChangeLogQuery extends PaginationQuery {
  @ApiPropertyOptional({
    description: 'trust-anchor, crl, component-schema or agency',
    example: 'trust-anchor',
  })
  @IsOptional()
  @Matches(/^[a-z-]{1,40}$/, { message: 'resource must be a resource kind such as trust-anchor' })
  resource?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'resourceId must be 1-200 printable characters' })
  resourceId?: string;
}

/** The append-only log of changes to the service's national resources, for auditors and administrators. */
@ApiTags('change log')
@Controller('change-log')
export class ChangeLogController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('auditor', 'admin')
  @Scope('shared')
  @ApiPagedResponse(ChangeLogEntryResponse, 'Changes, newest first')
  list(@Query() query: ChangeLogQuery) {
    return listChanges(this.dataSource, {
      resource: query.resource,
      resourceId: query.resourceId,
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 50,
    });
  }
}
