import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ChainVerificationResponse, LedgerHeadResponse } from './ledger.response';
import { Roles, Scope } from '@motcua/auth';
import { LedgerService } from './ledger.service';

@ApiTags('ledger')
@Controller('ledger')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  /** The chain's head: an auditor who keeps it can later prove that nothing before it changed. */
  @Get('head')
  @Roles('auditor', 'admin')
  @Scope('shared')
  @ApiOkResponse({
    type: LedgerHeadResponse,
    description: 'The last entry; an empty body while the chain is empty',
  })
  head() {
    return this.ledger.head();
  }

  /** Re-hashes the whole chain, every agency's documents: a national check (and a heavy one). */
  @Get('verify')
  @Roles('auditor', 'admin')
  @Scope('national')
  @ApiOkResponse({ type: ChainVerificationResponse })
  verify() {
    return this.ledger.verify();
  }
}
