import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { ComponentSchemaService } from './component-schema.service';

export class SetComponentSchemaDto {
  @ApiProperty({ description: 'JSON Schema (draft-07) of the component’s extracted data fields' })
  @IsObject()
  schema: Record<string, unknown>;
}

@ApiTags('component-schemas')
@Controller('component-schemas')
export class ComponentSchemaController {
  constructor(private readonly schemas: ComponentSchemaService) {}

  @Get(':procedureCode/:componentCode')
  @Roles('clerk', 'officer', 'admin', 'auditor')
  get(@Param('procedureCode') procedureCode: string, @Param('componentCode') componentCode: string) {
    return this.schemas.get(procedureCode, componentCode);
  }

  @Put(':procedureCode/:componentCode')
  @Roles('admin')
  set(
    @Param('procedureCode') procedureCode: string,
    @Param('componentCode') componentCode: string,
    @Body() body: SetComponentSchemaDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.schemas.set(procedureCode, componentCode, body.schema, principal);
  }
}
