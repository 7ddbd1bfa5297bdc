import { Module } from '@nestjs/common';
import { DashboardAssets } from './dashboard-assets';
import { DashboardController } from './dashboard.controller';
import { DashboardOptionsService } from './dashboard-options.service';
import { IntakeHistoryClient } from './intake-history.client';

@Module({
  controllers: [DashboardController],
  providers: [DashboardAssets, DashboardOptionsService, IntakeHistoryClient],
})
export class DashboardModule {}
