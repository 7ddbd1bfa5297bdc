import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@motcua/auth';
import { LedgerService } from './ledger.service';

@ApiTags('ledger')
@Controller('ledger')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  /** The chain's head: an auditor who keeps it can later prove that nothing before it changed. */
  @Get('head')
  @Roles('auditor', 'admin')
  head() {
    return this.ledger.head();
  }

  @Get('verify')
  @Roles('auditor', 'admin')
  verify() {
    return this.ledger.verify();
  }
}
