import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { appendChange } from '@motcua/persistence';
import { ComponentSchemaEntity } from './component-schema.entity';
import { FieldSchemaValidator } from './field-schema-validator';

export type DataValidation = { level: 'SCAN_ONLY' } | { level: 'STRUCTURED'; data: Record<string, unknown> };

/** The per-(procedure, component) field schemas that decide whether extracted data makes a document STRUCTURED. */
@Injectable()
export class ComponentSchemaService {
  private readonly validator = new FieldSchemaValidator();

  constructor(private readonly dataSource: DataSource) {}

  async find(procedureCode: string, componentCode: string, manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).findOneBy(ComponentSchemaEntity, {
      procedureCode,
      componentCode,
    });
  }

  async get(procedureCode: string, componentCode: string) {
    const found = await this.find(procedureCode, componentCode);
    if (!found)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'component-schema-not-found',
        localized(
          `No field schema for component ${componentCode} of procedure ${procedureCode}.`,
          `Chưa có lược đồ trường dữ liệu cho thành phần ${componentCode} của thủ tục ${procedureCode}.`,
        ),
      );
    return found;
  }

  async set(
    procedureCode: string,
    componentCode: string,
    schema: Record<string, unknown>,
    principal: Principal,
  ) {
    try {
      this.validator.compile(schema);
    } catch (error) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'validation',
        localized(
          `schema is not a usable JSON Schema: ${(error as Error).message}`,
          `schema không phải là JSON Schema dùng được: ${(error as Error).message}`,
        ),
        [
          {
            field: 'schema',
            message: localized(
              (error as Error).message,
              `schema không phải là JSON Schema dùng được: ${(error as Error).message}`,
            ),
          },
        ],
      );
    }
    await this.dataSource.transaction(async (manager) => {
      // Locked so that two concurrent changes log each other's result as their `before`.
      const [before] = (await manager.query(
        'SELECT schema FROM component_schema WHERE procedure_code = $1 AND component_code = $2 FOR UPDATE',
        [procedureCode, componentCode],
      )) as { schema: Record<string, unknown> }[];
      await manager.query(
        `INSERT INTO component_schema (procedure_code, component_code, schema, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (procedure_code, component_code)
         DO UPDATE SET schema = EXCLUDED.schema, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [procedureCode, componentCode, JSON.stringify(schema), principal.sub],
      );
      await appendChange(manager, {
        actor: principal.sub,
        actorAgency: principal.agency,
        resource: 'component-schema',
        resourceId: `${procedureCode}/${componentCode}`,
        action: before ? 'UPDATE' : 'CREATE',
        before: before?.schema ?? null,
        after: schema,
      });
    });
    return this.get(procedureCode, componentCode);
  }

  /**
   * No data: SCAN_ONLY. Data: it must satisfy the component's schema (400 with field errors otherwise) and the
   * document is STRUCTURED; data for a component without a schema is refused, as nothing could reuse it reliably.
   */
  async validateData(
    procedureCode: string,
    componentCode: string,
    data: unknown,
    manager?: EntityManager,
  ): Promise<DataValidation> {
    if (data === undefined) return { level: 'SCAN_ONLY' };
    const found = await this.find(procedureCode, componentCode, manager);
    if (!found)
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'no-field-schema',
        localized(
          `Component ${componentCode} of procedure ${procedureCode} has no field schema, so its data cannot be validated; send the document without data (SCAN_ONLY) or ask an administrator to define the schema.`,
          `Thành phần ${componentCode} của thủ tục ${procedureCode} chưa có lược đồ trường dữ liệu nên không kiểm tra được dữ liệu; hãy gửi tài liệu không kèm dữ liệu (SCAN_ONLY) hoặc đề nghị quản trị viên khai báo lược đồ.`,
        ),
        [
          {
            field: 'data',
            message: localized(
              'no field schema for this component',
              'thành phần này chưa có lược đồ trường dữ liệu',
            ),
          },
        ],
      );
    const errors = this.validator.errorsOf(found.schema, data);
    if (errors.length)
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'validation',
        localized(
          `The extracted data does not match the field schema of component ${componentCode} (procedure ${procedureCode}).`,
          `Dữ liệu trích xuất không khớp lược đồ trường dữ liệu của thành phần ${componentCode} (thủ tục ${procedureCode}).`,
        ),
        errors,
      );
    return { level: 'STRUCTURED', data: data as Record<string, unknown> };
  }
}
