import { Module } from '@nestjs/common';
import { AgencyModule } from '../../agencies/agency.module';
import { FORM_SIGNER } from '../form-signer';
import { OrganisationFormSigner } from './organisation-form-signer';

/** The agencies' form signer, under the FORM_SIGNER token (and as itself, for `configured`). */
@Module({
  imports: [AgencyModule],
  providers: [OrganisationFormSigner, { provide: FORM_SIGNER, useExisting: OrganisationFormSigner }],
  exports: [OrganisationFormSigner, FORM_SIGNER],
})
export class FormSigningModule {}
