import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { localized, ProblemException } from '@motcua/http';
import { maskIdNumber } from '@motcua/observability';
import { PersonRecord } from '../population/person';
import { PopulationRepository } from '../population/population.repository';
import { STUB_LOGGER } from '../tokens';
import { VerifyCitizenDto, VerifyCitizenResultDto, VerifyMismatchField } from './dto/verify-citizen.dto';
import { RequesterContext } from './requester.guard';

/** Verify and lookup, each logged with who asked and why; the ID number only ever masked. */
@Injectable()
export class RegistryService {
  constructor(
    private readonly population: PopulationRepository,
    @Inject(STUB_LOGGER) private readonly logger: Logger,
  ) {}

  verify(body: VerifyCitizenDto, asker: RequesterContext): VerifyCitizenResultDto {
    const person = this.population.findByIdNumber(body.idNumber);
    const mismatches: VerifyMismatchField[] = [];
    if (!person) mismatches.push('idNumber');
    else {
      // Strict: exact and case-sensitive after NFC; lenient matching is the caller's business.
      if (body.fullName.normalize('NFC') !== person.fullName) mismatches.push('fullName');
      if (body.dateOfBirth !== person.dateOfBirth) mismatches.push('dateOfBirth');
    }
    const result = { match: mismatches.length === 0, mismatches };
    this.audit('verify', body.idNumber, asker, { match: result.match, mismatches });
    return result;
  }

  lookup(idNumber: string, asker: RequesterContext): PersonRecord {
    const person = this.population.findByIdNumber(idNumber);
    this.audit('lookup', idNumber, asker, { found: person !== undefined });
    if (!person) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'citizen-not-found',
        localized(
          'No citizen with this personal identification number.',
          'Không có công dân với số định danh cá nhân này.',
        ),
      );
    }
    return person;
  }

  private audit(operation: string, idNumber: string, asker: RequesterContext, outcome: object) {
    this.logger.info(
      {
        registryAccess: operation,
        requester: asker.requester,
        purpose: asker.purpose,
        idNumberMasked: maskIdNumber(idNumber),
        ...outcome,
      },
      `registry ${operation}`,
    );
  }
}
