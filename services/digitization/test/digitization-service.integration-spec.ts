import { describeServiceBasics } from '@motcua/testing';
import { digitizationService } from '../src/digitization.service-definition';

describeServiceBasics(digitizationService, {
  metrics: ['motcua_upload_duration_seconds', 'motcua_upload_bytes_total'],
});
