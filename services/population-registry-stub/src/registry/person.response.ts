import { ApiProperty } from '@nestjs/swagger';
import { SEXES, type Sex } from '@motcua/contracts';
import {
  RELATIONS_TO_HEAD,
  type Address,
  type PersonRecord,
  type RelationToHead,
} from '../population/person';

export class AddressResponse implements Address {
  @ApiProperty({ example: 'Số 12, đường Lê Lợi' })
  street: string;

  @ApiProperty({ example: 'Phường Bến Thành' })
  ward: string;

  @ApiProperty({ example: 'Thành phố Hồ Chí Minh' })
  province: string;

  @ApiProperty({ example: '079' })
  provinceCode: string;
}

export class HouseholdResponse {
  @ApiProperty({ example: 'HK079-000123' })
  id: string;

  @ApiProperty({ enum: RELATIONS_TO_HEAD })
  relationToHead: RelationToHead;

  @ApiProperty({ example: '079080001234' })
  headIdNumber: string;
}

/** One person of the synthetic population, as the registry answers a lookup. */
export class PersonRecordResponse implements PersonRecord {
  @ApiProperty({ pattern: '^[0-9]{12}$', example: '079085001234' })
  idNumber: string;

  @ApiProperty({ example: 'Trần Thị Bích Ngọc' })
  fullName: string;

  @ApiProperty({ format: 'date', example: '1985-04-12' })
  dateOfBirth: string;

  @ApiProperty({ enum: SEXES })
  sex: Sex;

  @ApiProperty({ example: 'Thành phố Hồ Chí Minh' })
  placeOfBirth: string;

  @ApiProperty({ example: 'Việt Nam' })
  nationality: string;

  @ApiProperty({ type: AddressResponse })
  permanentAddress: AddressResponse;

  @ApiProperty({ type: HouseholdResponse })
  household: HouseholdResponse;

  @ApiProperty({ type: String, nullable: true, example: '0903123456', description: 'null for minors' })
  phone: string | null;
}
