import { ApiProperty } from '@nestjs/swagger';

/** An agency as the API shows it. */
export class AgencyResponse {
  @ApiProperty({ example: '000.00.12.H49', description: 'QCVN 102:2016 agency code' })
  code: string;

  @ApiProperty({ example: 'UBND phường Hàng Bài' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.00.H49' })
  parentCode: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, example: 3 })
  level: number;

  @ApiProperty({
    description: 'Opening intervals as [from, to] in Vietnam time',
    type: 'array',
    items: { type: 'array', items: { type: 'string', pattern: '^\\d{2}:\\d{2}$' }, minItems: 2, maxItems: 2 },
    example: [
      ['07:30', '11:30'],
      ['13:30', '17:00'],
    ],
  })
  officeHours: [string, string][];

  @ApiProperty({ type: String, nullable: true, example: 'Số 1 Tràng Tiền, quận Hoàn Kiếm, Hà Nội' })
  address: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

/** An agency with the agencies under it (`view=tree`). */
export class AgencyTreeNodeResponse extends AgencyResponse {
  @ApiProperty({ type: 'array', items: { $ref: '#/components/schemas/AgencyTreeNodeResponse' } })
  children: AgencyTreeNodeResponse[];
}
