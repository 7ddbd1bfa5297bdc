import type { DossierStatus } from '@motcua/contracts';

/** How the citizen-facing pages name each status (the national portal's wording). */
export const STATUS_LABELS_VI: Readonly<Record<DossierStatus, string>> = {
  SUBMITTED: 'Chờ tiếp nhận',
  RECEIVED: 'Đã tiếp nhận',
  PROCESSING: 'Đang giải quyết',
  SUPPLEMENT_REQUESTED: 'Chờ bổ sung',
  RESOLVED: 'Đã có kết quả',
  RETURNED: 'Đã trả kết quả',
  REJECTED: 'Từ chối',
  WITHDRAWN: 'Đã rút hồ sơ',
  STOPPED: 'Dừng xử lý',
};
