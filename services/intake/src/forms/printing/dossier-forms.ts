import { formatVietnamDateTime } from '../../receipts/receipt-text';
import type { DossierActionEntity } from '../../dossiers/dossier-action.entity';
import type { DossierFormCode } from '../form-codes';
import type { DossierFormInput, DossierFormPrinter } from '../printed-form';
import { FormPdf, normalizedForPrint, type SignatureBlock } from './form-pdf';
import { templateInForce, type FormTemplate } from './form-templates';

/** How the control sheet names each line (a workflow action, or the intake itself). */
export const ACTION_LABELS_VI: Readonly<Record<string, string>> = {
  RECEIVE: 'Tiếp nhận hồ sơ',
  IMPORT: 'Nhập hồ sơ từ hệ thống cũ',
  ACCEPT: 'Tiếp nhận chính thức hồ sơ trực tuyến',
  REQUEST_SUPPLEMENT: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  RECEIVE_SUPPLEMENT: 'Nhận hồ sơ bổ sung',
  REJECT: 'Từ chối giải quyết',
  START_PROCESSING: 'Chuyển giải quyết',
  RESOLVE: 'Có kết quả giải quyết',
  APOLOGIZE: 'Xin lỗi và hẹn lại ngày trả kết quả',
  RETURN_RESULT: 'Trả kết quả',
  WITHDRAW: 'Rút hồ sơ',
  STOP: 'Dừng giải quyết',
};

export const ON_TIME_LABELS_VI: Readonly<Record<'EARLY' | 'ON_TIME' | 'LATE', string>> = {
  EARLY: 'Trước hạn',
  ON_TIME: 'Đúng hạn',
  LATE: 'Quá hạn',
};

export class FormNotPrintable extends Error {}

interface Printing {
  input: DossierFormInput;
  template: FormTemplate;
  agencyName: string;
  applicantName: string;
  procedure: string;
}

const who = (line: DossierActionEntity | null) => (line ? `${line.actor} (${line.actorAgency})` : '—');

function opening(form: FormPdf, p: Printing, verb: string): void {
  const { dossier } = p.input;
  form.paragraph(
    `${p.agencyName} ${verb} hồ sơ của ông/bà ${p.applicantName}, đề nghị giải quyết thủ tục ${p.procedure}, ` +
      `tiếp nhận lúc ${formatVietnamDateTime(dossier.receivedAt)}.`,
  );
  form.space(0.3);
}

/** Everything missing, listed once: what the request named, then the required components not provided. */
export function missingComponents(input: DossierFormInput): { code: string; name: string }[] {
  const named = new Map(input.dossier.components.map((c) => [c.code, c.name ?? c.code]));
  const requested = (input.issuingAction?.details?.components ?? []) as {
    code: string;
    name?: string;
    provided?: boolean;
  }[];
  const missing = new Map<string, string>();
  for (const item of requested) {
    if (item.provided) continue;
    missing.set(item.code, item.name ?? named.get(item.code) ?? item.code);
  }
  for (const component of input.dossier.components) {
    if (component.required && !component.provided && !missing.has(component.code))
      missing.set(component.code, component.name ?? component.code);
  }
  return [...missing].map(([code, name]) => ({ code, name }));
}

/** The appointment in force before the issuing line: the last earlier line that carried one. */
function appointmentBefore(input: DossierFormInput): Date | null {
  const seq = input.issuingAction?.seq ?? Number.MAX_SAFE_INTEGER;
  const earlier = input.actions.filter((line) => line.seq < seq && line.dueAt);
  return earlier.length ? earlier[earlier.length - 1].dueAt : input.dossier.dueAt;
}

const BODIES: Record<Exclude<DossierFormCode, '01'>, (form: FormPdf, p: Printing) => SignatureBlock[]> = {
  '02': (form, p) => {
    opening(form, p, 'đã tiếp nhận');
    form.paragraph('Hồ sơ cần được bổ sung, hoàn thiện những nội dung sau (yêu cầu một lần, đầy đủ):');
    form.table(
      [
        { title: 'TT', share: 0.08, align: 'center' },
        { title: 'Giấy tờ, nội dung cần bổ sung', share: 0.7 },
        { title: 'Mã', share: 0.22, align: 'center' },
      ],
      missingComponents(p.input).map((item, i) => [String(i + 1), item.name, item.code]),
      ['', 'Theo nội dung nêu tại lý do dưới đây', ''],
    );
    form.labelled('Lý do', p.input.issuingAction?.reason ?? '—');
    form.paragraph(
      'Ông/bà bổ sung hồ sơ trực tiếp tại Bộ phận Một cửa, qua dịch vụ bưu chính công ích hoặc trên Cổng dịch vụ công ' +
        'bằng mã hồ sơ nêu trên. Thời gian chờ bổ sung không tính vào thời hạn giải quyết. Trong quá trình hoàn thiện ' +
        'hồ sơ, nếu có vướng mắc, ông/bà liên hệ cán bộ tiếp nhận để được hướng dẫn.',
    );
    form.space(0.5);
    return [{ role: 'NGƯỜI HƯỚNG DẪN', name: p.input.issuingAction?.actor ?? '' }];
  },
  '03': (form, p) => {
    opening(form, p, 'đã tiếp nhận');
    form.paragraph(
      `Qua xem xét, ${p.agencyName} từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
    );
    form.paragraph(p.input.issuingAction?.reason ?? '—', 'bold');
    form.paragraph('Xin thông báo để ông/bà được biết và thực hiện.');
    form.space(0.5);
    return [{ role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: p.input.issuingAction?.actor ?? '' }];
  },
  '04': (form, p) => {
    opening(form, p, 'đã tiếp nhận');
    const before = appointmentBefore(p.input);
    const after = p.input.issuingAction?.dueAt ?? null;
    form.labelled('Thời gian hẹn trả kết quả', before ? formatVietnamDateTime(before) : '—');
    form.paragraph(
      `Tuy nhiên đến nay, ${p.agencyName} chưa trả kết quả giải quyết hồ sơ của ông/bà. ` +
        `Lý do: ${p.input.issuingAction?.reason ?? '—'}`,
    );
    form.paragraph(
      `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, thời gian của ông/bà. ${p.agencyName} xin lỗi ông/bà ` +
        'và hẹn lại thời gian trả kết quả như sau:',
    );
    form.labelled('Thời gian hẹn trả kết quả mới', after ? formatVietnamDateTime(after) : '—', true);
    form.paragraph('Rất mong nhận được sự thông cảm của ông/bà vì sự chậm trễ này.');
    form.space(0.5);
    return [
      { role: 'ĐẠI DIỆN CƠ QUAN', hint: '(Ký, ghi rõ họ tên)', name: p.input.issuingAction?.actor ?? '' },
    ];
  },
  '05': (form, p) => {
    opening(form, p, 'đang giải quyết');
    form.paragraph(`${p.agencyName} thông báo dừng giải quyết hồ sơ nêu trên. Lý do:`);
    form.paragraph(p.input.issuingAction?.reason ?? '—', 'bold');
    form.paragraph(
      'Hồ sơ và giấy tờ đã nộp được trả lại cho ông/bà tại nơi đã nộp; phí, lệ phí đã nộp (nếu có) được xử lý theo ' +
        'quy định. Ông/bà có thể nộp lại hồ sơ khi đáp ứng đủ điều kiện.',
    );
    form.space(0.5);
    return [
      { role: 'ĐẠI DIỆN CƠ QUAN', hint: '(Ký, ghi rõ họ tên)', name: p.input.issuingAction?.actor ?? '' },
    ];
  },
  '06': (form, p) => {
    const { dossier, actions } = p.input;
    form.labelled('Người nộp hồ sơ', p.applicantName, true);
    form.labelled('Thủ tục', p.procedure);
    form.labelled('Thời gian nhận hồ sơ', formatVietnamDateTime(dossier.receivedAt));
    form.labelled('Thời gian hẹn trả kết quả', dossier.dueAt ? formatVietnamDateTime(dossier.dueAt) : '—');
    form.space(0.3);
    form.table(
      [
        { title: 'TT', share: 0.06, align: 'center' },
        { title: 'Bên giao', share: 0.2 },
        { title: 'Bên nhận', share: 0.2 },
        { title: 'Thời gian giao, nhận', share: 0.18 },
        { title: 'Nội dung', share: 0.22 },
        { title: 'Kết quả', share: 0.14, align: 'center' },
      ],
      actions.map((line, i) => [
        String(i + 1),
        i === 0 ? `Người nộp: ${p.applicantName}` : who(actions[i - 1]),
        who(line),
        formatVietnamDateTime(line.at),
        `${ACTION_LABELS_VI[line.action] ?? line.action}${line.reason ? `: ${line.reason}` : ''}`,
        line.onTimeState ? ON_TIME_LABELS_VI[line.onTimeState] : '',
      ]),
      ['', '', '', '', 'Chưa có lượt giao, nhận', ''],
      10,
    );
    return [];
  },
};

/** The filename of a printed form: ASCII only, safe in Content-Disposition. */
export const formFileName = (formCode: string, dossierCode: string, seq?: number) =>
  `mau-${formCode}-${dossierCode}${seq === undefined ? '' : `-${seq}`}.pdf`.replace(/[^A-Za-z0-9.-]/g, '_');

/** Prints forms 02-06 of a dossier (01 is the receipt, printed by `renderReceiptPdf`). */
export const printDossierForm: DossierFormPrinter = async (raw) => {
  if (raw.formCode === '01') throw new FormNotPrintable('form 01 is printed by the receipt renderer');
  const input = normalizedForPrint(raw);
  const at = input.printedAt;
  const template = templateInForce(input.formCode, at);
  if (!template) throw new FormNotPrintable(`form ${input.formCode} did not exist at ${at.toISOString()}`);
  const agencyName = input.agency?.name ?? input.dossier.agencyCode;
  const printing: Printing = {
    input,
    template,
    agencyName,
    applicantName: input.dossier.applicant.fullName,
    procedure: `${input.dossier.procedureName} (mã ${input.dossier.procedureCode})`,
  };
  const pdf = await FormPdf.render(
    {
      title: `${template.title} ${input.dossier.code}`,
      subject: `Mẫu ${template.formCode}: ${template.title}`,
      author: agencyName,
      at,
      layout: 'portrait',
    },
    (form) => {
      form.heading({
        agencyName,
        parentName: input.parentAgency?.name ?? null,
        agencyCode: input.dossier.agencyCode,
        date: at,
      });
      form.title(template.title, `Mã hồ sơ: ${input.dossier.code}`);
      const signatures = BODIES[input.formCode as Exclude<DossierFormCode, '01'>](form, printing);
      if (signatures.length) form.signatures(signatures);
      form.footer(template);
    },
  );
  return {
    formCode: input.formCode,
    title: `Mẫu ${template.formCode}: ${template.title}`,
    fileName: formFileName(input.formCode, input.dossier.code, input.issuingAction?.seq),
    pdf,
    template: {
      formCode: template.formCode,
      version: template.version,
      legalBasis: template.legalBasis,
      effectiveFrom: template.effectiveFrom,
    },
  };
};
