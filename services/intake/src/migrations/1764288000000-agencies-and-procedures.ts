import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The agency tree and the versioned procedures catalogue, with seed data.
 *
 * The seed data is written out here rather than imported so that this migration means the same thing forever
 * (a committed migration is never edited, only followed by a new one). Later catalogue changes are new
 * migrations that add versions; they never rewrite these rows.
 */

export interface AgencySeed {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
}

export interface ComponentSeed {
  code: string;
  name: string;
  required: boolean;
  signatureRequired: boolean;
  copies: number;
  note?: string;
}

export interface VersionSeed {
  effectiveFrom: string;
  effectiveTo: string | null;
  processingLimit: number;
  limitUnit: 'WORKING_DAYS' | 'WORKING_HOURS';
  limitNote: string | null;
  feeVnd: number;
  feeNote: string | null;
  components: ComponentSeed[];
  legalBasis: string;
}

export interface ProcedureSeed {
  code: string;
  name: string;
  field: string;
  agencyLevel: 'MINISTRY' | 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  resultKind: 'CERTIFICATE' | 'LICENCE' | 'EXTRACT' | 'CERTIFIED_COPY' | 'REGISTRATION' | 'DECISION';
  resultName: string;
  codeConfirmed: boolean;
  note: string | null;
  versions: VersionSeed[];
}

/**
 * One sample province. H49 is the level-1 code of the People's Committee of Quảng Ninh (Quyết định
 * 3739/QĐ-UBND 2016 of Quảng Ninh, under QCVN 102:2016). The level-2 to level-4 numbers below are SAMPLE
 * numbering (departments named as after the 2025 reorganisation), not the province's published list.
 */
export const AGENCY_SEED: AgencySeed[] = [
  { code: '000.00.00.H49', name: 'Ủy ban nhân dân tỉnh Quảng Ninh', parentCode: null, level: 1 },
  { code: '000.00.01.H49', name: 'Văn phòng Ủy ban nhân dân tỉnh', parentCode: '000.00.00.H49', level: 2 },
  { code: '000.00.02.H49', name: 'Sở Nội vụ', parentCode: '000.00.00.H49', level: 2 },
  { code: '000.00.03.H49', name: 'Sở Tài chính', parentCode: '000.00.00.H49', level: 2 },
  { code: '000.00.04.H49', name: 'Sở Xây dựng', parentCode: '000.00.00.H49', level: 2 },
  { code: '000.00.05.H49', name: 'Sở Nông nghiệp và Môi trường', parentCode: '000.00.00.H49', level: 2 },
  { code: '000.00.06.H49', name: 'Công an tỉnh', parentCode: '000.00.00.H49', level: 2 },
  {
    code: '000.00.07.H49',
    name: 'Trung tâm Phục vụ hành chính công tỉnh',
    parentCode: '000.00.00.H49',
    level: 2,
  },
  { code: '000.00.12.H49', name: 'Sở Tư pháp', parentCode: '000.00.00.H49', level: 2 },
  { code: '000.00.13.H49', name: 'Sở Y tế', parentCode: '000.00.00.H49', level: 2 },
  { code: '000.00.14.H49', name: 'Sở Giáo dục và Đào tạo', parentCode: '000.00.00.H49', level: 2 },
  {
    code: '000.00.31.H49',
    name: 'Ủy ban nhân dân phường (mẫu) số 1',
    parentCode: '000.00.00.H49',
    level: 2,
  },
  { code: '000.01.05.H49', name: 'Văn phòng Đăng ký đất đai', parentCode: '000.00.05.H49', level: 3 },
  { code: '000.01.06.H49', name: 'Phòng Cảnh sát giao thông', parentCode: '000.00.06.H49', level: 3 },
  {
    code: '000.01.12.H49',
    name: 'Trung tâm Trợ giúp pháp lý nhà nước',
    parentCode: '000.00.12.H49',
    level: 3,
  },
  { code: '000.02.12.H49', name: 'Phòng Công chứng số 1', parentCode: '000.00.12.H49', level: 3 },
  {
    code: '001.01.05.H49',
    name: 'Chi nhánh Văn phòng Đăng ký đất đai (mẫu) số 1',
    parentCode: '000.01.05.H49',
    level: 4,
  },
];

const TO_CONFIRM = 'Mã cần đối chiếu với csdl.dichvucong.gov.vn (code to be confirmed).';

const authorisation = (code = 'UQ01'): ComponentSeed => ({
  code,
  name: 'Văn bản ủy quyền (khi ủy quyền thực hiện thủ tục)',
  required: false,
  signatureRequired: false,
  copies: 1,
  note: 'Không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền.',
});

const CIVIL_STATUS_BASIS =
  'Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP.';

const privateEnterpriseComponents: ComponentSeed[] = [
  {
    code: 'GDN01',
    name: 'Giấy đề nghị đăng ký doanh nghiệp tư nhân',
    required: true,
    signatureRequired: true,
    copies: 1,
    note: 'Nộp qua mạng: ký bằng chữ ký số hoặc tài khoản đăng ký kinh doanh của chủ doanh nghiệp.',
  },
  {
    code: 'GT01',
    name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân',
    required: true,
    signatureRequired: false,
    copies: 1,
  },
  authorisation(),
];

/**
 * At least ten national procedures. `codeConfirmed: true` means the code agrees across the domain brief and
 * public data taken from the national portal; the others carry plausible national-format codes to be checked.
 * Limits and fees are the national rules as far as known; where a province sets the fee, the amount is a
 * sample and the fee note says so.
 */
export const PROCEDURE_SEED: ProcedureSeed[] = [
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    agencyLevel: 'COMMUNE',
    resultKind: 'CERTIFICATE',
    resultName: 'Giấy khai sinh (bản chính)',
    codeConfirmed: true,
    note: null,
    versions: [
      {
        effectiveFrom: '2020-07-16',
        effectiveTo: null,
        processingLimit: 1,
        limitUnit: 'WORKING_DAYS',
        limitNote:
          'Ngay trong ngày tiếp nhận hồ sơ; nhận sau 15 giờ mà không giải quyết kịp thì trả kết quả trong ngày làm việc tiếp theo.',
        feeVnd: 0,
        feeNote:
          'Miễn lệ phí khi đăng ký khai sinh đúng hạn (Luật Hộ tịch, Điều 11); đăng ký quá hạn thu theo mức do HĐND cấp tỉnh quy định.',
        components: [
          {
            code: 'TK01',
            name: 'Tờ khai đăng ký khai sinh (theo mẫu)',
            required: true,
            signatureRequired: false,
            copies: 1,
          },
          {
            code: 'GCS01',
            name: 'Giấy chứng sinh',
            required: true,
            signatureRequired: false,
            copies: 1,
            note: 'Không có Giấy chứng sinh: văn bản của người làm chứng xác nhận về việc sinh hoặc giấy cam đoan về việc sinh; trẻ bị bỏ rơi: biên bản xác nhận việc trẻ bị bỏ rơi.',
          },
          authorisation(),
        ],
        legalBasis: CIVIL_STATUS_BASIS,
      },
    ],
  },
  {
    code: '1.000894',
    name: 'Đăng ký kết hôn',
    field: 'Hộ tịch',
    agencyLevel: 'COMMUNE',
    resultKind: 'CERTIFICATE',
    resultName: 'Giấy chứng nhận kết hôn',
    codeConfirmed: true,
    note: null,
    versions: [
      {
        effectiveFrom: '2020-07-16',
        effectiveTo: null,
        processingLimit: 1,
        limitUnit: 'WORKING_DAYS',
        limitNote:
          'Ngay sau khi nhận đủ giấy tờ; cần xác minh điều kiện kết hôn thì không quá 05 ngày làm việc. Hai bên nam, nữ phải có mặt.',
        feeVnd: 0,
        feeNote:
          'Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước (Luật Hộ tịch, Điều 11).',
        components: [
          {
            code: 'TK01',
            name: 'Tờ khai đăng ký kết hôn (theo mẫu)',
            required: true,
            signatureRequired: false,
            copies: 1,
            note: 'Hai bên nam, nữ có thể khai chung một tờ khai.',
          },
          {
            code: 'XNHN01',
            name: 'Giấy xác nhận tình trạng hôn nhân',
            required: false,
            signatureRequired: true,
            copies: 1,
            note: 'Khi đăng ký tại nơi không phải nơi thường trú của bên nam hoặc bên nữ và thông tin chưa khai thác được từ cơ sở dữ liệu hộ tịch.',
          },
        ],
        legalBasis: CIVIL_STATUS_BASIS,
      },
    ],
  },
  {
    code: '1.000656',
    name: 'Đăng ký khai tử',
    field: 'Hộ tịch',
    agencyLevel: 'COMMUNE',
    resultKind: 'EXTRACT',
    resultName: 'Trích lục khai tử',
    codeConfirmed: true,
    note: null,
    versions: [
      {
        effectiveFrom: '2020-07-16',
        effectiveTo: null,
        processingLimit: 1,
        limitUnit: 'WORKING_DAYS',
        limitNote: 'Ngay trong ngày tiếp nhận hồ sơ; cần xác minh thì không quá 03 ngày làm việc.',
        feeVnd: 0,
        feeNote:
          'Miễn lệ phí khi đăng ký khai tử đúng hạn (Luật Hộ tịch, Điều 11); quá hạn thu theo mức do HĐND cấp tỉnh quy định.',
        components: [
          {
            code: 'TK01',
            name: 'Tờ khai đăng ký khai tử (theo mẫu)',
            required: true,
            signatureRequired: false,
            copies: 1,
          },
          {
            code: 'GBT01',
            name: 'Giấy báo tử hoặc giấy tờ thay Giấy báo tử',
            required: true,
            signatureRequired: true,
            copies: 1,
            note: 'Do cơ sở y tế, Ủy ban nhân dân cấp xã, cơ quan công an, Tòa án hoặc cơ quan có thẩm quyền khác cấp.',
          },
          authorisation(),
        ],
        legalBasis: CIVIL_STATUS_BASIS,
      },
    ],
  },
  {
    code: '2.000635',
    name: 'Cấp bản sao Trích lục hộ tịch',
    field: 'Hộ tịch',
    agencyLevel: 'COMMUNE',
    resultKind: 'EXTRACT',
    resultName: 'Bản sao trích lục hộ tịch',
    codeConfirmed: true,
    note: null,
    versions: [
      {
        effectiveFrom: '2020-07-16',
        effectiveTo: null,
        processingLimit: 1,
        limitUnit: 'WORKING_DAYS',
        limitNote:
          'Ngay trong ngày tiếp nhận; nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo.',
        feeVnd: 8000,
        feeNote: '8.000 đồng/bản sao trích lục (Thông tư số 281/2016/TT-BTC; mức cần đối chiếu).',
        components: [
          {
            code: 'TK01',
            name: 'Tờ khai cấp bản sao trích lục hộ tịch (theo mẫu)',
            required: true,
            signatureRequired: false,
            copies: 1,
          },
          authorisation(),
        ],
        legalBasis: `${CIVIL_STATUS_BASIS} Thông tư số 281/2016/TT-BTC.`,
      },
    ],
  },
  {
    code: '2.000815',
    name: 'Cấp bản sao có chứng thực từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    field: 'Chứng thực',
    agencyLevel: 'COMMUNE',
    resultKind: 'CERTIFIED_COPY',
    resultName: 'Bản sao có chứng thực',
    codeConfirmed: true,
    note: null,
    versions: [
      {
        effectiveFrom: '2017-01-01',
        effectiveTo: null,
        processingLimit: 8,
        limitUnit: 'WORKING_HOURS',
        limitNote:
          'Trong ngày tiếp nhận; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo; nhiều bản hoặc giấy tờ dài có thể hẹn lâu hơn (Nghị định số 23/2015/NĐ-CP, Điều 7).',
        feeVnd: 2000,
        feeNote:
          '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản (Thông tư số 226/2016/TT-BTC).',
        components: [
          {
            code: 'BC01',
            name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao',
            required: true,
            signatureRequired: false,
            copies: 1,
          },
          {
            code: 'BS01',
            name: 'Bản sao cần chứng thực',
            required: false,
            signatureRequired: false,
            copies: 1,
            note: 'Nếu chỉ xuất trình bản chính, cơ quan thực hiện chứng thực chụp từ bản chính.',
          },
        ],
        legalBasis: 'Nghị định số 23/2015/NĐ-CP; Thông tư số 226/2016/TT-BTC.',
      },
    ],
  },
  {
    code: '1.004222',
    name: 'Đăng ký thường trú',
    field: 'Đăng ký, quản lý cư trú',
    agencyLevel: 'COMMUNE',
    resultKind: 'REGISTRATION',
    resultName: 'Cập nhật thông tin thường trú vào Cơ sở dữ liệu về cư trú (thông báo kết quả)',
    codeConfirmed: true,
    note: 'Ngày hiệu lực của mức lệ phí (Thông tư số 75/2022/TT-BTC) cần đối chiếu.',
    versions: [
      {
        effectiveFrom: '2023-01-01',
        effectiveTo: null,
        processingLimit: 7,
        limitUnit: 'WORKING_DAYS',
        limitNote: '07 ngày làm việc kể từ ngày nhận đủ hồ sơ (Luật Cư trú, Điều 22).',
        feeVnd: 20000,
        feeNote:
          '20.000 đồng/lần khi nộp trực tiếp; 10.000 đồng/lần khi nộp trực tuyến; miễn cho các đối tượng theo quy định (Thông tư số 75/2022/TT-BTC).',
        components: [
          {
            code: 'CT01',
            name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)',
            required: true,
            signatureRequired: false,
            copies: 1,
            note: 'Ghi ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở (khi đăng ký vào chỗ ở của người khác) hoặc của cha, mẹ, người giám hộ (người chưa thành niên).',
          },
          {
            code: 'CO01',
            name: 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp',
            required: true,
            signatureRequired: false,
            copies: 1,
            note: 'Không phải nộp nếu thông tin đã có trong cơ sở dữ liệu quốc gia, cơ sở dữ liệu chuyên ngành.',
          },
          {
            code: 'QH01',
            name: 'Giấy tờ, tài liệu chứng minh quan hệ nhân thân với chủ hộ, thành viên hộ gia đình',
            required: false,
            signatureRequired: false,
            copies: 1,
            note: 'Khi đăng ký về ở với người thân (Luật Cư trú, Điều 20 khoản 2), trừ khi thông tin đã có trong cơ sở dữ liệu.',
          },
        ],
        legalBasis:
          'Luật Cư trú số 68/2020/QH14 (Điều 20, 21, 22); Thông tư số 55/2021/TT-BCA; Thông tư số 75/2022/TT-BTC.',
      },
    ],
  },
  {
    code: '2.001610',
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    field: 'Thành lập và hoạt động doanh nghiệp',
    agencyLevel: 'PROVINCE',
    resultKind: 'CERTIFICATE',
    resultName: 'Giấy chứng nhận đăng ký doanh nghiệp',
    codeConfirmed: false,
    note: `${TO_CONFIRM} Phiên bản từ 01/7/2025 theo Nghị định số 168/2025/NĐ-CP: chi tiết cần đối chiếu.`,
    versions: [
      {
        effectiveFrom: '2021-01-04',
        effectiveTo: '2025-06-30',
        processingLimit: 3,
        limitUnit: 'WORKING_DAYS',
        limitNote:
          '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; Phòng Đăng ký kinh doanh thuộc Sở Kế hoạch và Đầu tư.',
        feeVnd: 50000,
        feeNote:
          'Lệ phí đăng ký doanh nghiệp 50.000 đồng/lần, miễn khi đăng ký qua mạng; phí công bố nội dung đăng ký doanh nghiệp thu riêng (Thông tư số 47/2019/TT-BTC).',
        components: privateEnterpriseComponents,
        legalBasis:
          'Luật Doanh nghiệp số 59/2020/QH14; Nghị định số 01/2021/NĐ-CP; Thông tư số 47/2019/TT-BTC.',
      },
      {
        effectiveFrom: '2025-07-01',
        effectiveTo: null,
        processingLimit: 3,
        limitUnit: 'WORKING_DAYS',
        limitNote:
          '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; Phòng Đăng ký kinh doanh thuộc Sở Tài chính.',
        feeVnd: 50000,
        feeNote:
          'Lệ phí đăng ký doanh nghiệp 50.000 đồng/lần, miễn khi đăng ký qua mạng; phí công bố nội dung đăng ký doanh nghiệp thu riêng (Thông tư số 47/2019/TT-BTC).',
        components: privateEnterpriseComponents,
        legalBasis:
          'Luật Doanh nghiệp số 59/2020/QH14 (sửa đổi, bổ sung); Nghị định số 168/2025/NĐ-CP; Nghị định số 118/2025/NĐ-CP; Thông tư số 47/2019/TT-BTC.',
      },
    ],
  },
  {
    code: '2.000488',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    field: 'Lý lịch tư pháp',
    agencyLevel: 'PROVINCE',
    resultKind: 'EXTRACT',
    resultName: 'Phiếu lý lịch tư pháp',
    codeConfirmed: false,
    note: `${TO_CONFIRM} Cơ quan cấp phiếu từ năm 2025 (Sở Tư pháp hay Công an cấp tỉnh) cần xác nhận.`,
    versions: [
      {
        effectiveFrom: '2017-01-01',
        effectiveTo: null,
        processingLimit: 10,
        limitUnit: 'WORKING_DAYS',
        limitNote:
          'Luật quy định không quá 10 ngày kể từ ngày nhận đủ yêu cầu hợp lệ; cần xác minh thì không quá 15 ngày (Luật Lý lịch tư pháp, Điều 48).',
        feeVnd: 200000,
        feeNote:
          '200.000 đồng/lần/người; sinh viên, người có công với cách mạng, thân nhân liệt sĩ: 100.000 đồng; từ phiếu thứ 3 trở đi trong một lần yêu cầu thu thêm 5.000 đồng/phiếu (Thông tư số 244/2016/TT-BTC).',
        components: [
          {
            code: 'TK01',
            name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu)',
            required: true,
            signatureRequired: false,
            copies: 1,
          },
          {
            code: 'GT01',
            name: 'Bản chụp giấy tờ tùy thân của người được cấp Phiếu',
            required: false,
            signatureRequired: false,
            copies: 1,
            note: 'Không phải nộp nếu khai thác được từ Cơ sở dữ liệu quốc gia về dân cư.',
          },
          {
            code: 'CT01',
            name: 'Bản chụp giấy tờ chứng minh nơi thường trú hoặc tạm trú',
            required: false,
            signatureRequired: false,
            copies: 1,
            note: 'Không phải nộp nếu khai thác được từ cơ sở dữ liệu về cư trú.',
          },
          {
            ...authorisation(),
            note: 'Không áp dụng khi yêu cầu cấp Phiếu lý lịch tư pháp số 2.',
          },
        ],
        legalBasis:
          'Luật Lý lịch tư pháp số 28/2009/QH12; Nghị định số 111/2010/NĐ-CP; Thông tư số 244/2016/TT-BTC.',
      },
    ],
  },
  {
    code: '1.002804',
    name: 'Đổi giấy phép lái xe',
    field: 'Đường bộ',
    agencyLevel: 'PROVINCE',
    resultKind: 'LICENCE',
    resultName: 'Giấy phép lái xe',
    codeConfirmed: false,
    note: `${TO_CONFIRM} Thủ tục do ngành Công an thực hiện từ 01/3/2025; mã có thể đã đổi.`,
    versions: [
      {
        effectiveFrom: '2025-03-01',
        effectiveTo: null,
        processingLimit: 5,
        limitUnit: 'WORKING_DAYS',
        limitNote: 'Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (cần đối chiếu).',
        feeVnd: 135000,
        feeNote:
          '135.000 đồng/lần (Thông tư số 37/2023/TT-BTC); nộp trực tuyến 115.000 đồng/lần đến hết 31/12/2025 (cần đối chiếu).',
        components: [
          {
            code: 'DN01',
            name: 'Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)',
            required: true,
            signatureRequired: false,
            copies: 1,
          },
          {
            code: 'GKSK01',
            name: 'Giấy khám sức khỏe của người lái xe',
            required: true,
            signatureRequired: true,
            copies: 1,
            note: 'Theo hạng giấy phép; có thể khai thác từ dữ liệu khám sức khỏe điện tử.',
          },
          {
            code: 'GPLX01',
            name: 'Giấy phép lái xe đang sử dụng (bản chính)',
            required: true,
            signatureRequired: false,
            copies: 1,
          },
        ],
        legalBasis:
          'Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15; Thông tư số 35/2024/TT-BCA; Thông tư số 37/2023/TT-BTC.',
      },
    ],
  },
  {
    code: '1.009974',
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    field: 'Hoạt động xây dựng',
    agencyLevel: 'COMMUNE',
    resultKind: 'LICENCE',
    resultName: 'Giấy phép xây dựng',
    codeConfirmed: false,
    note: `${TO_CONFIRM} Thẩm quyền cấp xã từ 01/7/2025 cần xác nhận; lệ phí là mức mẫu.`,
    versions: [
      {
        effectiveFrom: '2021-03-03',
        effectiveTo: null,
        processingLimit: 15,
        limitUnit: 'WORKING_DAYS',
        limitNote: '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (Luật Xây dựng, Điều 102).',
        feeVnd: 75000,
        feeNote: 'Lệ phí cấp giấy phép xây dựng do HĐND cấp tỉnh quy định; 75.000 đồng là mức mẫu.',
        components: [
          {
            code: 'DN01',
            name: 'Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)',
            required: true,
            signatureRequired: false,
            copies: 1,
          },
          {
            code: 'QSDD01',
            name: 'Bản sao giấy tờ chứng minh quyền sử dụng đất',
            required: true,
            signatureRequired: false,
            copies: 1,
          },
          {
            code: 'BV01',
            name: 'Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng)',
            required: true,
            signatureRequired: true,
            copies: 2,
          },
          {
            code: 'CK01',
            name: 'Bản cam kết bảo đảm an toàn đối với công trình liền kề',
            required: false,
            signatureRequired: false,
            copies: 1,
            note: 'Khi công trình xây chen có tầng hầm.',
          },
        ],
        legalBasis:
          'Luật Xây dựng số 50/2014/QH13, sửa đổi, bổ sung bởi Luật số 62/2020/QH14; Nghị định số 15/2021/NĐ-CP.',
      },
    ],
  },
  {
    code: '1.012766',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu',
    field: 'Đất đai',
    agencyLevel: 'COMMUNE',
    resultKind: 'CERTIFICATE',
    resultName: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    codeConfirmed: false,
    note: `${TO_CONFIRM} Thời hạn theo Nghị định số 101/2024/NĐ-CP và thẩm quyền từ 01/7/2025 cần đối chiếu; lệ phí là mức mẫu.`,
    versions: [
      {
        effectiveFrom: '2024-08-01',
        effectiveTo: null,
        processingLimit: 20,
        limitUnit: 'WORKING_DAYS',
        limitNote:
          'Không quá 20 ngày làm việc; không tính thời gian thực hiện nghĩa vụ tài chính và xem xét xử lý vi phạm.',
        feeVnd: 100000,
        feeNote:
          'Lệ phí cấp Giấy chứng nhận và phí thẩm định hồ sơ do HĐND cấp tỉnh quy định; 100.000 đồng là mức mẫu.',
        components: [
          {
            code: 'DK01',
            name: 'Đơn đăng ký đất đai, tài sản gắn liền với đất (theo mẫu)',
            required: true,
            signatureRequired: false,
            copies: 1,
          },
          {
            code: 'GT01',
            name: 'Giấy tờ về quyền sử dụng đất (nếu có)',
            required: false,
            signatureRequired: false,
            copies: 1,
          },
          {
            code: 'TS01',
            name: 'Giấy tờ về quyền sở hữu tài sản gắn liền với đất (khi đăng ký tài sản)',
            required: false,
            signatureRequired: false,
            copies: 1,
          },
          {
            code: 'NVTC01',
            name: 'Chứng từ thực hiện nghĩa vụ tài chính; giấy tờ về miễn, giảm nghĩa vụ tài chính (nếu có)',
            required: false,
            signatureRequired: false,
            copies: 1,
          },
        ],
        legalBasis: 'Luật Đất đai số 31/2024/QH15; Nghị định số 101/2024/NĐ-CP.',
      },
    ],
  },
];

export class AgenciesAndProcedures1764288000000 implements MigrationInterface {
  name = 'AgenciesAndProcedures1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agency (
        code text CONSTRAINT agency_pkey PRIMARY KEY,
        name text NOT NULL,
        parent_code text CONSTRAINT agency_parent_code_fkey REFERENCES agency (code),
        level smallint NOT NULL,
        office_hours jsonb NOT NULL DEFAULT '[["07:30", "11:30"], ["13:00", "17:00"]]'::jsonb,
        address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agency_code_format_check CHECK (code ~ '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$'),
        CONSTRAINT agency_level_check CHECK (level BETWEEN 1 AND 4),
        CONSTRAINT agency_parent_not_self_check CHECK (parent_code IS NULL OR parent_code <> code)
      )`);
    await queryRunner.query(`CREATE INDEX agency_parent_code_idx ON agency (parent_code)`);

    await queryRunner.query(`
      CREATE TABLE procedure (
        code text CONSTRAINT procedure_pkey PRIMARY KEY,
        name text NOT NULL,
        field text NOT NULL,
        agency_level text NOT NULL,
        result_kind text NOT NULL,
        result_name text NOT NULL,
        code_confirmed boolean NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT procedure_agency_level_check
          CHECK (agency_level IN ('MINISTRY', 'PROVINCE', 'DISTRICT', 'COMMUNE')),
        CONSTRAINT procedure_result_kind_check
          CHECK (result_kind IN ('CERTIFICATE', 'LICENCE', 'EXTRACT', 'CERTIFIED_COPY', 'REGISTRATION', 'DECISION'))
      )`);
    await queryRunner.query(`CREATE INDEX procedure_field_idx ON procedure (field)`);

    await queryRunner.query(`
      CREATE TABLE procedure_version (
        procedure_code text NOT NULL CONSTRAINT procedure_version_procedure_code_fkey REFERENCES procedure (code),
        effective_from date NOT NULL,
        effective_to date,
        processing_limit numeric NOT NULL,
        limit_unit text NOT NULL,
        limit_note text,
        fee_vnd integer NOT NULL,
        fee_note text,
        components jsonb NOT NULL DEFAULT '[]'::jsonb,
        legal_basis text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT procedure_version_pkey PRIMARY KEY (procedure_code, effective_from),
        CONSTRAINT procedure_version_period_check CHECK (effective_to IS NULL OR effective_to >= effective_from),
        CONSTRAINT procedure_version_limit_check CHECK (processing_limit > 0),
        CONSTRAINT procedure_version_limit_unit_check CHECK (limit_unit IN ('WORKING_DAYS', 'WORKING_HOURS')),
        CONSTRAINT procedure_version_fee_check CHECK (fee_vnd >= 0),
        CONSTRAINT procedure_version_components_check CHECK (jsonb_typeof(components) = 'array')
      )`);

    // Parents before children: the seed is ordered by level.
    for (const agency of AGENCY_SEED) {
      await queryRunner.query(`INSERT INTO agency (code, name, parent_code, level) VALUES ($1, $2, $3, $4)`, [
        agency.code,
        agency.name,
        agency.parentCode,
        agency.level,
      ]);
    }
    for (const procedure of PROCEDURE_SEED) {
      await queryRunner.query(
        `INSERT INTO procedure (code, name, field, agency_level, result_kind, result_name, code_confirmed, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          procedure.code,
          procedure.name,
          procedure.field,
          procedure.agencyLevel,
          procedure.resultKind,
          procedure.resultName,
          procedure.codeConfirmed,
          procedure.note,
        ],
      );
      for (const version of procedure.versions) {
        await queryRunner.query(
          `INSERT INTO procedure_version (procedure_code, effective_from, effective_to, processing_limit,
             limit_unit, limit_note, fee_vnd, fee_note, components, legal_basis)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)`,
          [
            procedure.code,
            version.effectiveFrom,
            version.effectiveTo,
            version.processingLimit,
            version.limitUnit,
            version.limitNote,
            version.feeVnd,
            version.feeNote,
            JSON.stringify(version.components),
            version.legalBasis,
          ],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE procedure_version');
    await queryRunner.query('DROP TABLE procedure');
    await queryRunner.query('DROP TABLE agency');
  }
}
