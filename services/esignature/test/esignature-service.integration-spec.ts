import { describeServiceBasics } from '@motcua/testing';
import { esignatureService } from '../src/esignature.service-definition';

describeServiceBasics(esignatureService, {
  metrics: ['motcua_verification_queue_depth', 'motcua_verification_queue_age_seconds'],
});
