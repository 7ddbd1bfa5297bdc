import { Module } from '@nestjs/common';
import { AgencyModule } from '../../agencies/agency.module';
import { OrganisationFormSigner } from './organisation-form-signer';

/** The agencies' form signer. */
@Module({
  imports: [AgencyModule],
  providers: [OrganisationFormSigner],
  exports: [OrganisationFormSigner],
})
export class FormSigningModule {}
