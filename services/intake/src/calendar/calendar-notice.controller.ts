import { Body, Controller, Get, HttpStatus, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ROLES } from '@motcua/contracts';
import { CurrentPrincipal, Principal, Roles, Scope } from '@motcua/auth';
import { CalendarNoticeService } from './calendar-notice.service';
import { CalendarNoticeView } from './calendar-notice.view';
import { CreateCalendarNoticeDto } from './dto/create-calendar-notice.dto';
import { ListCalendarNoticesQuery } from './dto/list-calendar-notices.query';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar/notices')
export class CalendarNoticeController {
  constructor(private readonly notices: CalendarNoticeService) {}

  @Get()
  @Roles(...ROLES)
  @Scope('shared')
  @ApiOperation({
    summary: 'The official calendar notices recorded on top of the built-in seed, oldest first',
  })
  @ApiOkResponse({ type: [CalendarNoticeView] })
  list(@Query() query: ListCalendarNoticesQuery) {
    return this.notices.list(query.year);
  }

  /** A national resource: one calendar serves every agency, so only a national administrator records a notice. */
  @Post()
  @Roles('admin')
  @Scope('national')
  @ApiOperation({
    summary:
      'Records an official notice (days off, swapped working days); moves the deadlines of open dossiers',
  })
  @ApiCreatedResponse({ type: CalendarNoticeView, description: 'Recorded as a new calendar version' })
  @ApiOkResponse({ type: CalendarNoticeView, description: 'The same notice was already recorded: unchanged' })
  @ApiBadRequestResponse({ description: 'Not a valid notice (dates, rows outside the year, to before from)' })
  @ApiForbiddenResponse({ description: 'Not a national administrator' })
  @ApiConflictResponse({ description: 'A notice with this number is recorded with other content' })
  async create(
    @Body() body: CreateCalendarNoticeDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { notice, created } = await this.notices.create(body, principal);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return notice;
  }
}
