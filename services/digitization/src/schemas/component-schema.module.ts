import { Module } from '@nestjs/common';
import { ComponentSchemaController } from './component-schema.controller';
import { ComponentSchemaService } from './component-schema.service';

@Module({
  controllers: [ComponentSchemaController],
  providers: [ComponentSchemaService],
  exports: [ComponentSchemaService],
})
export class ComponentSchemaModule {}
