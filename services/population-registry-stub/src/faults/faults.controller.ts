import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FaultStateResponse } from './fault-state.response';
import { Public } from '@motcua/auth';
import { UpdateFaultsDto } from './dto/update-faults.dto';
import type { FaultState } from './fault-settings';
import { FaultsService } from './faults.service';

/** Fault injection for tests and demos. The stub's admin routes have no auth: never expose the stub. */
@ApiTags('admin')
// Stands in for an external system: no motcua token (the registry API checks X-Requester instead).
@Public()
@Controller('admin/faults')
export class FaultsController {
  constructor(private readonly faults: FaultsService) {}

  @Get()
  @ApiOperation({ summary: 'Current fault settings of /api/v1', security: [] })
  @ApiOkResponse({ type: FaultStateResponse })
  get(): FaultState {
    return this.faults.current();
  }

  @Put()
  @ApiOperation({ summary: 'Change some fault settings; absent fields keep their value', security: [] })
  @ApiOkResponse({ type: FaultStateResponse, description: 'The settings now' })
  update(@Body() body: UpdateFaultsDto): FaultState {
    return this.faults.update(body);
  }

  @Delete()
  @ApiOperation({ summary: 'Back to the configured settings (environment)', security: [] })
  @ApiOkResponse({ type: FaultStateResponse, description: 'The configured settings' })
  reset(): FaultState {
    return this.faults.reset();
  }
}
