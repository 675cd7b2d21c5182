import { createKeyAccountReviewsService } from './key-account-reviews.service.ts';
import type { Db } from '../../db/client.ts';
import { createDoctorSegmentationService } from './doctor-segmentation.service.ts';
import { createGradingService } from './grading.service.ts';
import { createSegmentationListsService } from './segmentation-lists.service.ts';

/** The segmentation module's services: grading configs, one doctor's segmentation, and the lists. */
export function createSegmentationService(deps: { db: Db; today?: () => string }) {
  return {
    grading: createGradingService(deps),
    doctors: createDoctorSegmentationService(deps),
    lists: createSegmentationListsService(deps),
    reviews: createKeyAccountReviewsService(deps),
  };
}
export type SegmentationService = ReturnType<typeof createSegmentationService>;
