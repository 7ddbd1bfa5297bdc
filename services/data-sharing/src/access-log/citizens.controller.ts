import { Controller, Get, HttpStatus, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RegistryPersonResponse } from './access-log.response';
import { CurrentPrincipal, Principal, Roles } from '@motcua/auth';
import { type FieldError, localized, ProblemException, validationProblem } from '@motcua/http';
import { DataSharingConfig } from '../config/data-sharing.config';
import { DATA_SHARING_CONFIG, RegistryClient, RegistryPerson } from '../registry/registry.client';
import { RegistryRejectedError, RegistryUnavailableError } from '../registry/registry.errors';
import { PurposeDirectory } from '../purposes/purpose-directory';
import { AccessLogService } from './access-log.service';
import { EXAMPLE_ID_NUMBER } from '@motcua/identity';

const ID_NUMBER = /^[0-9]{12}$/;
const DOSSIER_CODE = /^[A-Za-z0-9._:/-]{1,60}$/;

@ApiTags('citizens')
@Controller('citizens')
export class CitizensController {
  constructor(
    private readonly registry: RegistryClient,
    private readonly accessLog: AccessLogService,
    private readonly purposes: PurposeDirectory,
    @Inject(DATA_SHARING_CONFIG) private readonly config: DataSharingConfig,
  ) {}

  /**
   * The registry's record of a citizen, for a dossier being handled: the purpose dossier lies in the caller's agency
   * subtree and the person is one of its parties, otherwise 403 (the refusal is logged too). Every lookup is in the
   * access log.
   */
  @Get(':idNumber')
  @Roles('clerk', 'officer')
  @ApiParam({
    name: 'idNumber',
    description: 'The 12-digit personal ID number (số định danh cá nhân)',
    schema: { type: 'string', pattern: ID_NUMBER.source, example: EXAMPLE_ID_NUMBER },
  })
  @ApiQuery({
    name: 'purpose',
    required: true,
    description: 'Code of the dossier the lookup is for',
    schema: { type: 'string', pattern: DOSSIER_CODE.source, example: '000.00.12.H49-261127-0042' },
  })
  @ApiOkResponse({ type: RegistryPersonResponse, description: "The registry's record of the citizen" })
  async find(
    @Param('idNumber') idNumber: string,
    @Query('purpose') purpose: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RegistryPerson> {
    const errors: FieldError[] = [
      ...(ID_NUMBER.test(idNumber)
        ? []
        : [
            {
              field: 'idNumber',
              in: 'path' as const,
              message: localized('idNumber must be 12 digits', 'idNumber phải gồm đúng 12 chữ số'),
            },
          ]),
      ...(typeof purpose === 'string' && DOSSIER_CODE.test(purpose.trim())
        ? []
        : [
            {
              field: 'purpose',
              in: 'query' as const,
              message: localized(
                'purpose is required: the code of the dossier this lookup is for',
                'purpose là bắt buộc: mã hồ sơ mà lần tra cứu này phục vụ',
              ),
            },
          ]),
    ];
    if (errors.length > 0) throw validationProblem(errors);
    const dossierCode = (purpose as string).trim();
    const refusal = await this.purposes.refusal(dossierCode, idNumber, principal);
    if (refusal) {
      await this.accessLog.record({
        actor: principal.sub,
        actorAgency: principal.agency,
        purpose: dossierCode,
        idNumber,
        fieldsReturned: [],
        source: 'REGISTRY',
        outcome: 'REFUSED',
      });
      throw new ProblemException(HttpStatus.FORBIDDEN, 'purpose-not-bound', refusal);
    }
    let person: RegistryPerson | undefined;
    try {
      person = await this.registry.findPerson(idNumber, {
        requester: principal.sub,
        purpose: dossierCode,
        attempts: this.config.REGISTRY_CALL_ATTEMPTS,
      });
    } catch (error) {
      if (error instanceof RegistryUnavailableError) {
        throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          'registry-unavailable',
          localized(
            'The population registry is not answering; try again later.',
            'Cơ sở dữ liệu quốc gia về dân cư không phản hồi; vui lòng thử lại sau.',
          ),
        );
      }
      if (error instanceof RegistryRejectedError) {
        throw new ProblemException(
          HttpStatus.BAD_GATEWAY,
          'registry-rejected',
          localized(
            `The population registry refused the lookup (HTTP ${error.status}).`,
            `Cơ sở dữ liệu quốc gia về dân cư từ chối yêu cầu tra cứu (HTTP ${error.status}).`,
          ),
        );
      }
      throw error;
    }
    await this.accessLog.record({
      actor: principal.sub,
      actorAgency: principal.agency,
      purpose: dossierCode,
      idNumber,
      fieldsReturned: person ? Object.keys(person) : [],
      source: 'REGISTRY',
      outcome: person ? 'FOUND' : 'NOT_FOUND',
    });
    if (!person) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'citizen-not-found',
        localized(
          'The population registry has no citizen with this ID number.',
          'Cơ sở dữ liệu quốc gia về dân cư không có công dân với số định danh này.',
        ),
      );
    }
    return person;
  }
}
