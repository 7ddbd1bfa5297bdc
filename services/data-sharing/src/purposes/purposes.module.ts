import { Module } from '@nestjs/common';
import { PurposeDirectory } from './purpose-directory';

@Module({ providers: [PurposeDirectory], exports: [PurposeDirectory] })
export class PurposesModule {}
