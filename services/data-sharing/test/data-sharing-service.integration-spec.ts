import { describeServiceBasics } from '@motcua/testing';
import { dataSharingService } from '../src/data-sharing.service-definition';

describeServiceBasics(dataSharingService, { metrics: ['motcua_registry_breaker_state'] });
