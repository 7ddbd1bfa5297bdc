import { describeServiceBasics } from '@motcua/testing';
import { esignatureService } from '../src/esignature.service-definition';

describeServiceBasics(esignatureService);
