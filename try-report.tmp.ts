import { weeklyReportText, budgetAlertText } from './adapters/report-text.js';
import { sampleWeeklyReport } from './test/fixtures/weekly-report.js';
const r = sampleWeeklyReport();
console.log(weeklyReportText(r, { ticketLink: (t) => t.platform === 'console' ? null : `https://example.com/${t.channelId}/${t.threadId}` }));
console.log('-----');
console.log(budgetAlertText({ kind: 'threshold', cap: r.budget!.daily!, level: 'economy', alertThreshold: 0.8 }));
