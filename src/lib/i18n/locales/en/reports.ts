import type { Messages } from '../../types';

export default {
  'reports.title': 'Monthly service statistics',
  'reports.subtitle': 'Computed with the butler service quality indicators',
  'reports.month': 'Month',
  'reports.export': 'Export XLSX',
  'reports.indicators': 'Indicators, {month}',
  'reports.indicator': 'Indicator',
  'reports.value': 'This month',
  'reports.target': 'Target',
  'reports.met': 'Met',
  'reports.missed': 'Missed',
  'reports.indicator.timeliness': 'Repair timeliness',
  'reports.indicator.quality': 'Repair quality pass rate',
  'reports.indicator.returnVisit': 'Repair return-visit rate',
  'reports.indicator.complaintsMonth': 'Effective complaints (month)',
  'reports.indicator.complaints12': 'Effective complaints (12 months)',
  'reports.indicator.handling': 'Complaint handling rate',
  'reports.formulas':
    'Timeliness = repairs reached in time (urgent ones done the same day) ÷ repairs; quality = orders satisfied at the first visit ÷ done; return visits = visited ÷ done; complaints = effective complaints ÷ residents × 1000; handling = with a result ÷ effective complaints.',
  'reports.counts': 'Requests this month',
  'reports.paidRevenue': 'Paid services revenue',
  'reports.rating': 'Average rating',
  'reports.byCategory': 'Repairs by category',
  'reports.chartTitle': '{n} repairs',
  'reports.none': 'No repairs this month',
  'reports.loading': 'Counting…',
  'reports.sheet.indicators': 'Indicators',
  'reports.sheet.categories': 'Repairs by category',
  'reports.sheet.requests': 'Requests',
  'reports.fileName': 'service-statistics-{month}.xlsx',
  'reports.analysis.title': 'Repair analysis, {month}',
  'reports.analysis.due':
    'Due from the maintenance supervisor by {date} (before the 5th of each month)',
  'reports.analysis.summary':
    '{total} repairs this month ({urgent} urgent), {done} done; timeliness {timely}, return visits {visits}, quality {quality}.',
  'reports.analysis.compare': 'Last month {before} repairs; change {change}.',
  'reports.analysis.top': 'Most frequent categories: {list}.',
  'reports.analysis.late': '{n} not on time',
  'reports.analysis.unsatisfied': '{n} not satisfied or redone',
  'reports.analysis.sign': 'Maintenance supervisor: __________ Date: __________'
} satisfies Messages;
