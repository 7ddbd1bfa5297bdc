import { describeServiceBasics } from '@motcua/testing';
import { digitizationService } from '../src/digitization.service-definition';

describeServiceBasics(digitizationService);
