import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ComponentSchemaResponse } from './component-schema.response';
import { IsObject } from 'class-validator';
import { CurrentPrincipal, Principal, Roles, Scope } from '@motcua/auth';
import { localized, validationProblem } from '@motcua/http';
import { COMPONENT_CODE } from '../uploads/upload-fields';
import { ComponentSchemaService } from './component-schema.service';

export class SetComponentSchemaDto {
  @ApiProperty({ description: 'JSON Schema (draft-07) of the component’s extracted data fields' })
  @IsObject()
  schema: Record<string, unknown>;
}

const codeMessage = (field: string) =>
  localized(
    `${field} must be 1-50 letters, digits, ".", "_" or "-"`,
    `${field} phải gồm 1-50 chữ cái, chữ số, ".", "_" hoặc "-"`,
  );

/** Procedure and component codes are printable identifiers (`1.001193`, `TK01`): no control characters, no slashes. */
function checkedCodes(procedureCode: string, componentCode: string): void {
  const errors = [
    ...(COMPONENT_CODE.test(procedureCode)
      ? []
      : [{ field: 'procedureCode', in: 'path' as const, message: codeMessage('procedureCode') }]),
    ...(COMPONENT_CODE.test(componentCode)
      ? []
      : [{ field: 'componentCode', in: 'path' as const, message: codeMessage('componentCode') }]),
  ];
  if (errors.length > 0) throw validationProblem(errors);
}

@ApiTags('component-schemas')
@Controller('component-schemas')
export class ComponentSchemaController {
  constructor(private readonly schemas: ComponentSchemaService) {}

  @Get(':procedureCode/:componentCode')
  @Roles('clerk', 'officer', 'admin', 'auditor')
  @Scope('shared')
  @ApiOkResponse({ type: ComponentSchemaResponse })
  get(@Param('procedureCode') procedureCode: string, @Param('componentCode') componentCode: string) {
    checkedCodes(procedureCode, componentCode);
    return this.schemas.get(procedureCode, componentCode);
  }

  /** A national resource: one schema serves every agency, so only a national administrator sets it (change-logged). */
  @Put(':procedureCode/:componentCode')
  @Roles('admin')
  @Scope('national')
  @ApiOkResponse({ type: ComponentSchemaResponse, description: 'The schema as stored' })
  set(
    @Param('procedureCode') procedureCode: string,
    @Param('componentCode') componentCode: string,
    @Body() body: SetComponentSchemaDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    checkedCodes(procedureCode, componentCode);
    return this.schemas.set(procedureCode, componentCode, body.schema, principal);
  }
}
