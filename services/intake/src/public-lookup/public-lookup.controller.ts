import { Controller, Get, Header, Param, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Public } from '@motcua/auth';
import { PublicDossierStatusView } from './public-dossier-status.view';
import { PublicLookupQueryDto } from './public-lookup-query.dto';
import { PublicLookupRateLimitGuard } from './public-lookup-rate-limit.guard';
import { PublicLookupService } from './public-lookup.service';

@ApiTags('public')
@Controller('public/dossiers')
@UseGuards(PublicLookupRateLimitGuard)
export class PublicLookupController {
  constructor(private readonly lookups: PublicLookupService) {}

  @Get(':code')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "A citizen's status lookup: no login, the dossier code and the phone's last four digits",
    security: [],
  })
  @ApiOkResponse({ type: PublicDossierStatusView })
  @ApiBadRequestResponse({ description: 'phoneLast4 is not four digits' })
  @ApiNotFoundResponse({
    description: 'Any mismatch: unknown code, wrong or missing phoneLast4, no phone on file',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many lookups from this address; see Retry-After' })
  find(@Param('code') code: string, @Query() query: PublicLookupQueryDto): Promise<PublicDossierStatusView> {
    return this.lookups.lookup(code, query.phoneLast4);
  }
}
