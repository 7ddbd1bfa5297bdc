import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonRecordResponse } from './person.response';
import { Public } from '@motcua/auth';
import { PersonRecord } from '../population/person';
import { PopulationRepository } from '../population/population.repository';
import { SampleQueryDto } from './dto/sample-query.dto';

const DEFAULT_SAMPLE = 10;

@ApiTags('admin')
// Stands in for an external system: no motcua token (the registry API checks X-Requester instead).
@Public()
@Controller('admin/sample')
export class SampleController {
  constructor(private readonly population: PopulationRepository) {}

  @Get()
  @ApiOperation({
    summary: 'N people of the synthetic population (evenly spaced; the same for a given seed and size)',
    security: [],
  })
  @ApiOkResponse({ type: [PersonRecordResponse], description: 'Array of person records' })
  sample(@Query() query: SampleQueryDto): PersonRecord[] {
    return this.population.sample(query.count ?? DEFAULT_SAMPLE);
  }
}
