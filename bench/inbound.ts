// Inbound apply: 10k absences approved in the portal, applied to the ERP by the runner, against
// the same absences written straight into CDN.PracNieobec (single-row inserts, 1,000 per
// transaction, capture triggers on), measured in the same run.
import type { Services } from '../src/runner/app.js';
import { pushCloudEdits } from '../src/runner/inbound.js';
import { createLogger } from '../src/runner/log.js';
import { cloneRow } from '../src/standin/rows.js';
import { connectPg } from '../src/erp/pg-adapter.js';

const DAY = 86_400_000;
const isoDay = (start: string, offset: number) => new Date(Date.parse(start) + offset * DAY).toISOString().slice(0, 10);

export async function inboundThroughput(s: Services, edits = 10_000): Promise<{ oursMs: number; referenceMs: number; applied: number; edits: number }> {
  const cloud = s.cloud.sql;
  const t = s.tenantId;
  const people = await cloud<{ pra: number; manager: number | null }[]>`
    SELECT k.pra_praid AS pra, (SELECT min(m) FROM eps.managers_of(${t}, k.pra_praid) m) AS manager
    FROM hr.prackod k WHERE k.tenant_id = ${t} AND k.pra_archiwalny = 0 ORDER BY k.pra_praid`;
  const staff = people.filter((p) => p.manager !== null);
  const pra: number[] = [];
  const manager: number[] = [];
  const day: string[] = [];
  for (let i = 0; i < edits; i++) {
    const p = staff[i % staff.length];
    pra.push(p.pra);
    manager.push(p.manager!);
    day.push(isoDay('2031-01-06', Math.floor(i / staff.length) * 2));
  }
  await cloud`
    SELECT eps.decide_absence(${t}, eps.submit_absence(${t}, x.pra, 1, x.day, x.day), x.manager, true)
    FROM unnest(${pra}::int[], ${manager}::int[], ${day}::date[]) AS x(pra, manager, day)`;
  const log = createLogger({ scope: 'bench' });
  const t0 = process.hrtime.bigint();
  const r = await pushCloudEdits({ erp: s.erp, cloud: s.cloud, tenantId: t, log }, { maxEdits: 1000 });
  const oursMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const erp = connectPg(s.config.erp.companyUrl, 1);
  const [model] = await erp`SELECT min(PNB_PnbId) AS id FROM CDN.PracNieobec`;
  const t1 = process.hrtime.bigint();
  for (let start = 0; start < edits; start += 1000) {
    await erp.begin(async (tx) => {
      for (let i = start; i < Math.min(edits, start + 1000); i++) {
        const d = isoDay('2033-01-06', Math.floor(i / staff.length) * 2);
        await cloneRow(tx, 'PracNieobec', Number(model.id), { PNB_PraId: pra[i], PNB_TnbId: 1, PNB_OkresOd: d, PNB_OkresDo: d, PNB_Calodzienna: 1, PNB_Godz: null });
      }
    });
  }
  const referenceMs = Number(process.hrtime.bigint() - t1) / 1e6;
  await erp.end();
  return { oursMs, referenceMs, applied: r.applied, edits };
}
