import { ApiProperty } from '@nestjs/swagger';

/** The JSON Schema the extracted data of one component must match. */
export class ComponentSchemaResponse {
  @ApiProperty({ example: '1.001193' })
  procedureCode: string;

  @ApiProperty({ example: 'TK01' })
  componentCode: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A JSON Schema (2020-12)' })
  schema: Record<string, unknown>;

  @ApiProperty({ example: 'admin-bo-noi-vu' })
  updatedBy: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;
}
