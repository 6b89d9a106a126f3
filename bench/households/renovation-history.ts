// A full renovation history and a move-in (issue 17) for the units the household bench
// opens, shaped as the write path stores lifecycle and lifecycleEvent rows: one renovation
// from application to refund (drawings returned once, passes, hot work, a fortnight of daily
// inspections by three departments with photos, completion signed by five parties,
// deductions, the manager's signature) and a move-in with two defects.
type Row = Record<string, unknown>;

const SIG = 'c'.repeat(64);
const PHOTO = 'd'.repeat(64);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function lifecycleHistory(
  units: { id: string; communityId: string; areaM2: number }[],
  staffId: string,
  start: number,
  clock: unknown
): { lifecycle: Row[]; lifecycleEvent: Row[] } {
  const lifecycle: Row[] = [];
  const lifecycleEvent: Row[] = [];
  let seq = 0;
  const id = (prefix: string) => `${prefix}-${String(++seq).padStart(8, '0')}`;
  const stored = (r: Row, at: number): Row => ({
    ...r,
    createdAt: at,
    updatedAt: at,
    deleted: false,
    _c: clock
  });
  units.forEach((unit, n) => {
    const opened = start + n * HOUR;
    const procedures: [string, string, [string, Row][]][] = [
      [
        'moveIn',
        'RH',
        [
          ['opened', {}],
          ['identityChecked', { method: 'self' }],
          ['documentsReceived', { docs: ['idCopy'], photos: [] }],
          ['handbookSigned', { items: ['userHandbook', 'covenant'], signature: SIG }],
          ['firePledgeSigned', { signature: SIG }],
          ['registered', { personId: 'p', occupancyId: 'o' }],
          [
            'inspected',
            {
              electricity: 12.5,
              water: 3,
              customerSignature: SIG,
              engineeringSignature: SIG,
              customerServiceSignature: SIG,
              checked: ['doors', 'windows', 'walls'],
              defects: ['卫生间渗水', '窗户关不严'],
              ticketIds: []
            }
          ],
          ['keysReceived', { keys: 3, signature: SIG }],
          ['completed', {}]
        ]
      ],
      [
        'renovation',
        'ZX',
        [
          [
            'applied',
            {
              docs: ['contract', 'contractorLicence', 'materialList'],
              materials: '石膏板、乳胶漆',
              photos: []
            }
          ],
          ['drawingsReviewed', { approved: false, reasons: '卫生间防水高度不足' }],
          ['drawingsSubmitted', {}],
          ['drawingsReviewed', { approved: true }],
          [
            'feesRecorded',
            {
              feeFen: 50_000,
              depositFen: 500_000,
              insuranceFen: 20_000,
              insurancePolicy: 'PA-1',
              receiptNo: 'SJ-1'
            }
          ],
          ['fireApproved', { receiptNo: 'XF-1' }],
          ['permitSigned', { department: 'engineering', signature: SIG }],
          ['permitSigned', { department: 'security', signature: SIG }],
          [
            'permitSigned',
            { department: 'customerService', signature: SIG, unitStatusBefore: 'occupied' }
          ],
          ...[1, 2, 3, 4].map((i): [string, Row] => [
            'workerPass',
            { name: `工人${i}`, from: '2026-09-01', to: '2026-09-30' }
          ]),
          ['hotWorkPermit', { work: '焊接', holder: '王五', from: '2026-09-03', to: '2026-09-03' }],
          ['hotWorkPermit', { work: '切割', holder: '王五', from: '2026-09-10', to: '2026-09-10' }],
          ...Array.from({ length: 14 }, (_, day) =>
            ['customerService', 'engineering', 'security'].map((department): [string, Row] => [
              'inspection',
              {
                department,
                ok: day % 5 !== 2,
                findings: `第${day + 1}天巡查：施工正常`,
                photos: department === 'security' ? [PHOTO] : []
              }
            ])
          ).flat(),
          ['hiddenWorks', { passed: true }],
          ...['engineering', 'security', 'customer', 'contractor', 'customerService'].map(
            (party): [string, Row] => ['completionSigned', { party, signature: SIG }]
          ),
          ['deduction', { amountFen: 12_000, reason: '电梯厅地砖破损' }],
          ['deduction', { amountFen: 8_000, reason: '消防栓玻璃破损' }],
          ['managerSigned', { signature: SIG }],
          ['refunded', { amountFen: 480_000, receiptNo: 'TK-1' }]
        ]
      ]
    ];
    procedures.forEach(([kind, prefix, steps], p) => {
      const pid = id('lc');
      const t0 = opened + p * 30 * DAY;
      lifecycle.push(
        stored(
          {
            id: pid,
            kind,
            communityId: unit.communityId,
            unitId: unit.id,
            applicant: '张秀英',
            phone: '13812345678',
            number: `${prefix}-20260901-A${String(n * 2 + p + 1).padStart(3, '0')}`,
            areaM2: unit.areaM2,
            contractor: kind === 'renovation' ? '美家装饰' : ''
          },
          t0
        )
      );
      steps.forEach(([type, data], i) => {
        const at = t0 + i * 8 * HOUR;
        lifecycleEvent.push(
          stored({ id: id('le'), procedureId: pid, type, at, staffId, data }, at)
        );
      });
    });
  });
  return { lifecycle, lifecycleEvent };
}
